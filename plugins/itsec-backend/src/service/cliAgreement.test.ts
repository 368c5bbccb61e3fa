import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import {
  ITSO,
  OWNER,
  SCORED_REFS,
  SIRO,
  fixtureEntities,
} from '../__testUtils__/fixtures';
import { cliLines, portalLines, runItsec } from '../__testUtils__/cliAgreement';

/*
 * The CLI and the portal agree (issue #16): `itsec evaluate --portal` on the
 * catalog files, with the attestations and exceptions recorded in a started
 * itsec backend, gives each entity the portal's own scorecard.
 */

jest.setTimeout(120_000);

/** The fixture portfolio, with what the catalog requires of a Component. */
function entities(): Entity[] {
  return fixtureEntities().map(e =>
    e.kind === 'Component'
      ? { ...e, spec: { lifecycle: 'production', ...e.spec } }
      : e,
  );
}

describe('itsec evaluate --portal and the portal', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;
  let dir: string;

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      entities: entities(),
      itsec: {
        schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
      },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-agreement-'));
    fs.writeFileSync(
      path.join(dir, 'catalog-info.yaml'),
      entities()
        // As a team writes them: the catalog adds the relations.
        .map(({ relations: _relations, ...e }) => JSON.stringify(e))
        .join('\n---\n'),
    );
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scores every entity as the portal does, attestations and exceptions included', async () => {
    const attest = async (entityRef: string, statementId: string) => {
      const res = await backend.post(
        '/attestations',
        {
          entityRef,
          statementId,
          evidenceLink: `https://docs.example/${statementId}`,
          statement: 'Checked',
        },
        OWNER,
      );
      expect(res.status).toBe(201);
    };
    await attest('system:default/civil', 'POL.ITSEC.005');
    await attest('system:default/civil', 'POL.ITSEC.024');
    await attest('component:default/civil-api', 'POL.ITSEC.025');
    const requested = await backend.post(
      '/exceptions',
      {
        entityRef: 'system:default/civil',
        statementId: 'POL.ITSEC.016',
        justification: 'BIA being redone with the new supplier',
        compensatingControls: 'The previous BIA still applies',
        expiresOn: '2027-03-31',
      },
      OWNER,
    );
    expect(requested.status).toBe(201);
    const approved = await backend.post(
      `/exceptions/${requested.body.id}/approve`,
      { comment: 'agreed' },
      SIRO,
    );
    expect(approved.status).toBe(200);
    await backend.evaluate();

    const port = (backend.server.address() as AddressInfo).port;
    const r = await runItsec(
      [
        'evaluate',
        '.',
        '--as-of',
        '2026-10-01',
        '--format',
        'json',
        '--portal',
        `http://127.0.0.1:${port}`,
      ],
      dir,
      { ITSEC_TOKEN: mockCredentials.user.token(ITSO) },
    );
    expect(r.stderr).toBe('');
    const cli = JSON.parse(r.stdout);
    expect(cli.problems).toEqual([]);
    expect(cli.portal).toBe(`http://127.0.0.1:${port}/api/itsec`);
    const byRef = new Map<string, any>(
      cli.entities.map((e: any) => [e.entityRef, e]),
    );

    for (const ref of SCORED_REFS) {
      expect(cliLines(byRef.get(ref))).toEqual(
        await portalLines(backend, ref, ITSO),
      );
    }
    // The records made a difference: met, inherited, excepted.
    const civil = byRef.get('system:default/civil');
    const status = (e: any, id: string) =>
      e.results.find((x: any) => x.statement === id).status;
    expect(status(civil, 'POL.ITSEC.005')).toBe('met');
    expect(status(civil, 'POL.ITSEC.016')).toBe('excepted');
    expect(
      status(byRef.get('component:default/civil-api'), 'POL.ITSEC.005'),
    ).toBe('met');
    expect(
      status(byRef.get('component:default/civil-api'), 'POL.ITSEC.025'),
    ).toBe('met');
  });
});
