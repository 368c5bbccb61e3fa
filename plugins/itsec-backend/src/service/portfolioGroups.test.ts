import { mockCredentials } from '@backstage/backend-test-utils';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import request from 'supertest';
import { SCORED_REFS, STRANGER } from '../__testUtils__/fixtures';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

/** Mean of the scores that exist, rounded, as the API gives it. */
function meanScore(rows: { score: number | null }[]): number | null {
  const scores = rows.map(r => r.score).filter((s): s is number => s !== null);
  return scores.length
    ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)
    : null;
}

describe('itsec API: portfolio groups and lenses', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;
  const get = (path: string) => backend.get(path, STRANGER);
  let lenses: Record<string, string[]>;

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      itsec: {
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      },
    });
    const res = await get('/portfolio/lenses');
    lenses = Object.fromEntries(
      res.body.lenses.map((l: any) => [l.id, l.statementIds]),
    );
  });

  afterAll(async () => backend?.stop());

  it('lists the lenses with their statements, from the kind of their checks', async () => {
    expect(Object.keys(lenses)).toEqual(['all', 'catalog', 'attestations']);
    const policy = (await get('/policy')).body;
    const kindOf = (id: string) =>
      policy.statements.find((s: any) => s.id === id).kind;
    expect(lenses.catalog).toContain('POL.ITSEC.043');
    expect(new Set(lenses.catalog.map(kindOf))).toEqual(new Set(['record']));
    expect(lenses.attestations).toContain('POL.ITSEC.005');
    expect(new Set(lenses.attestations.map(kindOf))).toEqual(
      new Set(['attestation']),
    );
    expect(lenses.all).toHaveLength(
      lenses.catalog.length + lenses.attestations.length,
    );
  });

  it('groups the portfolio Domain → System → parts, with roll-ups that agree with the rows', async () => {
    const res = await get('/portfolio/groups');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(SCORED_REFS.length);
    expect(
      res.body.domains.map((d: any) => [
        d.domain,
        d.systems.map((s: any) => [s.system, s.entities]),
      ]),
    ).toEqual([
      ['domain:default/hmcts', [['system:default/civil', 3]]],
      ['domain:default/hmpps', [['system:default/prison', 1]]],
      [null, [[null, 1]]],
    ]);
    const members = (
      await get('/portfolio?system=system:default/civil&limit=100')
    ).body.items;
    const civil = res.body.domains[0].systems[0];
    expect(civil.score).toBe(meanScore(members));
    expect(civil.gaps).toBe(
      members.reduce((n: number, r: any) => n + r.counts.gap, 0),
    );
    expect(civil.gapsByStatement['POL.ITSEC.043'] ?? 0).toBe(
      members.filter((r: any) => r.statuses['POL.ITSEC.043'] === 'gap').length,
    );
    // The Domain holds no score of its own: its row is its members'.
    expect(res.body.domains[0]).toMatchObject({
      entities: 3,
      score: civil.score,
      gaps: civil.gaps,
    });
  });

  it('lists the members of the groups without a System or Domain with none', async () => {
    const res = await get('/portfolio?system=none&domain=none');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.entityRef)).toEqual([
      'component:default/unclassified',
    ]);
  });

  it('takes the same filters as the portfolio', async () => {
    const res = await get('/portfolio/groups?kind=component&owner=team-a');
    expect(res.body.total).toBe(2);
    expect(
      res.body.domains.map((d: any) => [
        d.domain,
        d.systems.map((s: any) => [s.system, s.entities]),
      ]),
    ).toEqual([['domain:default/hmcts', [['system:default/civil', 2]]]]);
  });

  it('restricts rows, summary and groups to a lens', async () => {
    const rows = (await get('/portfolio?lens=catalog&limit=100')).body.items;
    expect(rows).toHaveLength(SCORED_REFS.length);
    const shown = new Set<string>(
      rows.flatMap((r: any) => Object.keys(r.statuses)),
    );
    expect([...shown].filter(id => !lenses.catalog.includes(id))).toEqual([]);
    const catalogGaps = rows.reduce((n: number, r: any) => n + r.counts.gap, 0);
    const summary = (await get('/portfolio/summary?lens=catalog')).body;
    expect(summary.byStatement.map((s: any) => s.statementId)).toEqual(
      lenses.catalog,
    );
    expect(summary.counts.gap).toBe(catalogGaps);
    const groups = (await get('/portfolio/groups?lens=catalog')).body;
    expect(groups.domains.reduce((n: number, d: any) => n + d.gaps, 0)).toBe(
      catalogGaps,
    );

    const all = (await get('/portfolio/summary')).body;
    const attestations = (await get('/portfolio/summary?lens=attestations'))
      .body;
    // Every gap is a missing document or a missing sign-off.
    expect(summary.counts.gap + attestations.counts.gap).toBe(all.counts.gap);
    const signOffGaps = await get(
      '/portfolio?lens=attestations&status=gap&limit=100',
    );
    for (const row of signOffGaps.body.items) {
      expect(Object.values(row.statuses)).toContain('gap');
    }
  });

  it('rejects an unknown lens naming the field, and a caller without credentials', async () => {
    const bad = await get('/portfolio/groups?lens=records');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/lens/);
    const anonymous = await request(backend.server)
      .get('/api/itsec/portfolio/groups')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
