import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import {
  REPO,
  SeededRecords,
  demoCatalogFiles,
  demoEntities,
  demoItsecConfig,
  demoMemberships,
  seedDemoRecords,
} from '../__testUtils__/cliAgreementDemo';
import {
  ScoreLines,
  cliLines,
  portalLines,
  runItsec,
} from '../__testUtils__/cliAgreement';

/*
 * The CLI and the portal agree on the demo (issue #16): the catalog the demo
 * loads, the records scripts/seed-demo.js makes in the portal as each persona,
 * then `itsec evaluate examples/ --portal` gives every scored entity the
 * portal's own scorecard.
 */

jest.setTimeout(180_000);

/** The demo's ITSO persona, who reads the whole portfolio. */
const ITSO = 'user:default/priya.shah';
/** The evaluation date examples/README.md chooses the demo's dates for. */
const TODAY = '2026-11-29';

describe('itsec evaluate --portal and the portal, on the demo', () => {
  const clock = new FixedClock(`${TODAY}T09:00:00Z`);
  let backend: ItsecTestBackend;
  let files: string[];
  let seeded: SeededRecords;

  beforeAll(async () => {
    files = demoCatalogFiles();
    const entities = demoEntities(files);
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      entities,
      memberships: demoMemberships(entities),
      itsec: demoItsecConfig(),
    });
    await backend.evaluate();
    seeded = await seedDemoRecords(backend, TODAY);
    await backend.evaluate();
  });

  afterAll(async () => {
    await backend?.stop();
  });

  /** Every entity the portal scores, through its portfolio. */
  async function portalRefs(): Promise<string[]> {
    const refs: string[] = [];
    for (let offset = 0; ; ) {
      const res = await backend.get(
        `/portfolio?sort=name&limit=100&offset=${offset}`,
        ITSO,
      );
      expect(res.status).toBe(200);
      refs.push(...res.body.items.map((r: any) => r.entityRef));
      offset += res.body.items.length;
      if (res.body.items.length === 0 || offset >= res.body.total) break;
    }
    return refs.sort();
  }

  it('loads every file of examples/ and the demo records', () => {
    const inExamples = files
      .map(f => path.relative(REPO, f))
      .filter(f => f.startsWith('examples/'));
    expect(inExamples.sort()).toEqual([
      'examples/all.yaml',
      'examples/org.yaml',
      'examples/portfolio/codes-of-connection.yaml',
      'examples/portfolio/hmcts.yaml',
      'examples/portfolio/hmpps.yaml',
      'examples/portfolio/laa.yaml',
      'examples/portfolio/opg.yaml',
      'examples/templates/close-security-gaps.yaml',
    ]);
    expect(seeded.attestations.length).toBeGreaterThan(2);
    expect(seeded.exceptions).toHaveLength(2);
    expect(seeded.approvals).toEqual([
      'system:default/provider-payments POL.ITSEC.046',
    ]);
  });

  it('scores every demo entity as the portal does', async () => {
    const port = (backend.server.address() as AddressInfo).port;
    // examples/ and the other files the demo locations load.
    const inputs = [
      'examples/',
      ...files
        .map(f => path.relative(REPO, f))
        .filter(f => !f.startsWith('examples/')),
    ];
    const r = await runItsec(
      [
        'evaluate',
        ...inputs,
        '--as-of',
        TODAY,
        '--format',
        'json',
        '--portal',
        `http://127.0.0.1:${port}`,
      ],
      REPO,
      { ITSEC_TOKEN: mockCredentials.user.token(ITSO) },
    );
    expect(r.stderr).toBe('');
    const cli = JSON.parse(r.stdout);
    expect(cli.portal).toBe(`http://127.0.0.1:${port}/api/itsec`);

    const refs = await portalRefs();
    expect(cli.entities.map((e: any) => e.entityRef).sort()).toEqual(refs);
    const mine: ScoreLines[] = cli.entities
      .map(cliLines)
      .sort((a: ScoreLines, b: ScoreLines) =>
        a.entityRef.localeCompare(b.entityRef),
      );
    const portal = await Promise.all(
      refs.map(ref => portalLines(backend, ref, ITSO)),
    );
    expect(mine).toEqual(portal);

    // Not vacuous: the demo shows every case, and the records count.
    const results = mine.flatMap(e => e.results.map(x => x.split(' ')));
    const count = (status: string) =>
      results.filter(([, s]) => s === status).length;
    expect(refs.length).toBeGreaterThan(50);
    expect(count('met')).toBeGreaterThan(100);
    expect(count('gap')).toBeGreaterThan(100);
    expect(count('due-soon')).toBeGreaterThan(0);
    expect(count('excepted')).toBeGreaterThan(0);
    // With the portal, nothing is left to an attestation it did not read.
    expect(
      results.filter(([, , reasons]) => reasons.includes('attested-in-portal')),
    ).toEqual([]);
    const line = (entityRef: string, statement: string) =>
      mine
        .find(e => e.entityRef === entityRef)!
        .results.find(x => x.startsWith(`${statement} `));
    expect(line('system:default/provider-payments', 'POL.ITSEC.046')).toMatch(
      /^POL\.ITSEC\.046 excepted /,
    );
    // Requested, not approved: still a gap.
    expect(line('system:default/provider-payments', 'POL.ITSEC.038')).toMatch(
      /^POL\.ITSEC\.038 gap /,
    );
    expect(line('system:default/provider-payments', 'POL.ITSEC.005')).toMatch(
      /^POL\.ITSEC\.005 met /,
    );
    const civil = mine.find(
      e => e.entityRef === 'system:default/civil-money-claims',
    )!;
    expect(civil.score).toBe(100);
  });
});
