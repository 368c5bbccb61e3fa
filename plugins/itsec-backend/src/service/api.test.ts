import { ITSO, OWNER, SCORED_REFS, STRANGER } from '../__testUtils__/fixtures';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(60_000);

describe('itsec API: validation, history, exports', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;
  const get = (path: string, who = STRANGER) => backend.get(path, who);
  const post = (path: string, body: unknown, who = OWNER) =>
    backend.post(path, body, who);
  const runEvaluation = () => backend.evaluate();

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      itsec: {
        schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
        history: { retentionDays: 90 },
      },
    });
  });

  afterAll(async () => backend?.stop());

  describe('validation', () => {
    const good = {
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.005',
      evidenceLink: 'https://docs.example/sso',
      statement: 'SSO checked',
    };

    it.each([
      [{ ...good, evidenceLink: undefined }, /evidenceLink/],
      [{ ...good, evidenceLink: 'not a link' }, /evidenceLink/],
      [
        { ...good, evidenceLink: 'https://TODO' },
        /evidenceLink: .*placeholder/,
      ],
      [{ ...good, statement: '' }, /statement/],
      [{ ...good, validUntil: '2026-13-45' }, /validUntil/],
      [{ ...good, extra: 1 }, /extra/],
      [{ ...good, statementId: 'POL.ITSEC.999' }, /statementId/],
      [
        { ...good, statementId: 'POL.ITSEC.043' },
        /statementId: .*record statement/,
      ],
      [{ ...good, entityRef: 'no-kind' }, /entityRef/],
      [{ ...good, validUntil: '2026-01-01' }, /validUntil/],
    ])(
      'POST /attestations %# is a 400 naming the field',
      async (body, message) => {
        const res = await post('/attestations', body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      },
    );

    it.each([
      ['/portfolio?offset=-1', /offset/],
      ['/portfolio?sort=colour', /sort/],
      ['/portfolio?statement=POL.ITSEC.999', /statement/],
      ['/portfolio/history?from=yesterday', /from/],
      ['/portfolio/history?from=2026-10-02&to=2026-10-01', /from/],
      ['/portfolio/export?format=xml', /format/],
      ['/portfolio/export', /format/],
      ['/exceptions?state=pending', /state/],
    ])('GET %s is a 400 naming the field', async (path, message) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('rejects exceptions with a past expiry or for unscored statements', async () => {
      const body = {
        entityRef: 'system:default/civil',
        statementId: 'POL.ITSEC.043',
        justification: 'j',
        compensatingControls: 'c',
        expiresOn: '2026-09-30',
      };
      expect((await post('/exceptions', body)).body.error.message).toMatch(
        /expiresOn/,
      );
      const res = await post('/exceptions', {
        ...body,
        statementId: 'POL.ITSEC.001',
        expiresOn: '2027-01-01',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/statementId/);
    });

    it('answers 404 for writes to unknown entities and unknown exceptions', async () => {
      expect(
        (
          await post('/attestations', {
            ...good,
            entityRef: 'system:default/nope',
          })
        ).status,
      ).toBe(404);
      expect(
        (await post('/entities/system/default/nope/refresh', {})).status,
      ).toBe(404);
      expect(
        (await post('/exceptions/does-not-exist/approve', {})).status,
      ).toBe(404);
    });

    it('writes nothing when a write is denied', async () => {
      const before = await get('/attestations?entityRef=system:default/prison');
      const res = await post(
        '/attestations',
        { ...good, entityRef: 'system:default/prison' },
        OWNER,
      );
      expect(res.status).toBe(403);
      const after = await get('/attestations?entityRef=system:default/prison');
      expect(after.body.items).toEqual(before.body.items);
      const audit = await get(
        '/audit?entityRef=system:default/prison&outcome=denied',
        ITSO,
      );
      expect(audit.body.items[0]).toMatchObject({
        actor: OWNER,
        action: 'attestation.create',
        outcome: 'denied',
        after: { statementId: 'POL.ITSEC.005' },
      });
    });
  });

  describe('portfolio', () => {
    it('filters, sorts and paginates', async () => {
      const all = await get('/portfolio?limit=2&sort=name&order=asc');
      expect(all.body.total).toBe(SCORED_REFS.length);
      expect(all.body.items.map((r: any) => r.entityRef)).toEqual(
        [...SCORED_REFS].sort().slice(0, 2),
      );
      const page2 = await get(
        '/portfolio?limit=2&offset=2&sort=name&order=asc',
      );
      expect(page2.body.items.map((r: any) => r.entityRef)).toEqual(
        [...SCORED_REFS].sort().slice(2, 4),
      );

      const bySystem = await get('/portfolio?system=civil');
      expect(bySystem.body.items.map((r: any) => r.entityRef).sort()).toEqual([
        'component:default/civil-api',
        'component:default/civil-frontend',
        'system:default/civil',
      ]);
      const byOwner = await get(
        '/portfolio?owner=group:default/team-b&owner=group:default/nobody',
      );
      expect(byOwner.body.total).toBe(2);
      const byKindAndDomain = await get(
        '/portfolio?kind=component&domain=domain:default/hmcts',
      );
      expect(byKindAndDomain.body.total).toBe(2);
      const sensitive = await get(
        '/portfolio?classification=OFFICIAL-SENSITIVE',
      );
      // The components inherit the system's classification.
      expect(sensitive.body.items.map((r: any) => r.entityRef).sort()).toEqual([
        'component:default/civil-api',
        'system:default/civil',
      ]);
      const none = await get('/portfolio?classification=none');
      expect(none.body.items.map((r: any) => r.entityRef)).toEqual([
        'component:default/unclassified',
      ]);
      const q = await get('/portfolio?q=civil%20api');
      expect(q.body.items.map((r: any) => r.entityRef)).toEqual([
        'component:default/civil-api',
      ]);

      const gapsOn043 = await get(
        '/portfolio?statement=POL.ITSEC.043&limit=100',
      );
      for (const row of gapsOn043.body.items) {
        expect(row.statuses['POL.ITSEC.043']).toBe('gap');
      }
      const metOn043 = await get(
        '/portfolio?statement=POL.ITSEC.043&status=met&status=due-soon',
      );
      expect(metOn043.body.total + gapsOn043.body.total).toBeLessThanOrEqual(
        SCORED_REFS.length,
      );

      const byScore = await get('/portfolio?sort=score&order=desc&limit=100');
      const scores = byScore.body.items
        .map((r: any) => r.score)
        .filter((s: any) => s !== null);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    });

    it('summarises per statement and per owner, consistently with the rows', async () => {
      const rows = (await get('/portfolio?limit=1000')).body.items;
      const summary = (await get('/portfolio/summary')).body;
      expect(summary.total).toBe(rows.length);
      const gaps = rows.reduce((n: number, r: any) => n + r.counts.gap, 0);
      expect(summary.counts.gap).toBe(gaps);
      expect(summary.byStatement).toHaveLength(47);
      const gaps043 = rows.filter(
        (r: any) => r.statuses['POL.ITSEC.043'] === 'gap',
      ).length;
      expect(
        summary.byStatement.find((s: any) => s.statementId === 'POL.ITSEC.043')
          .counts.gap,
      ).toBe(gaps043);
      expect(summary.byOwner.map((o: any) => [o.owner, o.entities])).toEqual([
        ['group:default/team-a', 3],
        ['group:default/team-b', 2],
      ]);
      const filtered = (await get('/portfolio/summary?owner=team-b')).body;
      expect(filtered.total).toBe(2);
    });
  });

  describe('exports', () => {
    it('exports exactly the filtered portfolio as CSV and JSON', async () => {
      const csv = await get(
        '/portfolio/export?format=csv&owner=group:default/team-a',
      );
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(
        /attachment; filename="itsec-portfolio-2026-10-01.csv"/,
      );
      const lines = csv.text.trim().split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[0].split(',').slice(0, 8)).toEqual([
        'entityRef',
        'kind',
        'title',
        'owner',
        'system',
        'domain',
        'classification',
        'score',
      ]);
      expect(lines[0].split(',')).toHaveLength(8 + 6 + 1 + 47);
      const json = await get(
        '/portfolio/export?format=json&owner=group:default/team-a',
      );
      expect(json.body.total).toBe(3);
      expect(json.body.items.map((r: any) => r.entityRef).sort()).toEqual([
        'component:default/civil-api',
        'component:default/civil-frontend',
        'system:default/civil',
      ]);
      expect(json.body.items[0].statuses['POL.ITSEC.001']).toBe('not-scored');
    });

    it('publishes the policy as an OSCAL catalog and a static assessment plan', async () => {
      const catalog = (await get('/oscal/catalog')).body.catalog;
      expect(catalog.metadata['oscal-version']).toBe('1.2.0');
      const controls = catalog.groups.flatMap((g: any) => g.controls);
      expect(controls).toHaveLength(47);
      const c014 = controls.find((c: any) => c.id === 'pol-itsec-014');
      expect(c014.props).toContainEqual({
        name: 'label',
        value: 'POL.ITSEC.014',
      });
      expect(c014.parts[0]).toMatchObject({
        id: 'pol-itsec-014_smt',
        name: 'statement',
      });
      expect(c014.parts[0].prose).not.toMatch(/â€“/);
      const plan = (await get('/oscal/assessment-plan')).body[
        'assessment-plan'
      ];
      expect(plan['reviewed-controls']['control-selections']).toEqual([
        { 'include-all': {} },
      ]);
      expect(plan.uuid).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it('exports assessment results of the filtered portfolio', async () => {
      const res = await get(
        '/oscal/assessment-results?system=system:default/civil',
      );
      const ar = res.body['assessment-results'];
      expect(ar['import-ap'].href).toMatch(
        /\/api\/itsec\/oscal\/assessment-plan$/,
      );
      expect(ar.results).toHaveLength(3);
      const civil = ar.results.find((r: any) =>
        r.props.some((p: any) => p.value === 'system:default/civil'),
      );
      const f043 = civil.findings.find(
        (f: any) => f.target['target-id'] === 'pol-itsec-043_smt',
      );
      expect(f043.target).toMatchObject({
        type: 'statement-id',
        status: { state: expect.stringMatching(/^(satisfied|not-satisfied)$/) },
      });
      const obs = civil.observations.find(
        (o: any) =>
          o.uuid === f043['related-observations'][0]['observation-uuid'],
      );
      expect(obs.expires).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59Z$/);
      const viaExport = await get(
        '/portfolio/export?format=oscal&system=system:default/civil',
      );
      expect(viaExport.body['assessment-results'].results).toHaveLength(3);
    });
  });

  describe('history', () => {
    it('records changes per entity per day, daily portfolio summaries, and prunes by retention', async () => {
      // 2026-10-01: attest 005 on the civil system (inherited by its components).
      const attest = await post('/attestations', {
        entityRef: 'system:default/civil',
        statementId: 'POL.ITSEC.005',
        evidenceLink: 'https://docs.example/sso',
        statement: 'SSO checked',
        validUntil: '2026-10-20',
      });
      expect(attest.status).toBe(201);
      const component = await get(
        '/entities/component/default/civil-api/scorecard',
      );
      expect(
        component.body.evaluation.results.find(
          (r: any) => r.statementId === 'POL.ITSEC.005',
        ).status,
      ).toBe('due-soon');

      clock.set('2026-10-02T09:00:00Z');
      await runEvaluation();
      clock.set('2026-10-25T09:00:00Z'); // the attestation has run out
      await runEvaluation();

      const h = await get(
        '/entities/system/default/civil/history?from=2026-10-01&to=2026-10-31',
      );
      expect(h.status).toBe(200);
      expect(h.body.points.map((p: any) => p.date)).toEqual([
        '2026-10-01',
        '2026-10-25',
      ]);
      expect(h.body.points[1].counts.gap).toBe(h.body.points[0].counts.gap + 1);

      const unchanged = await get(
        '/entities/system/default/prison/history?from=2026-10-01&to=2026-10-31',
      );
      expect(unchanged.body.points.map((p: any) => p.date)).toEqual([
        '2026-10-01',
      ]);

      const portfolio = await get(
        '/portfolio/history?from=2026-10-01&to=2026-10-31',
      );
      expect(portfolio.body.points.map((p: any) => p.date)).toEqual([
        '2026-10-01',
        '2026-10-02',
        '2026-10-25',
      ]);
      expect(portfolio.body.points[0].entities).toBe(SCORED_REFS.length);

      const owner = await get(
        '/portfolio/history?owner=group:default/team-b&from=2026-10-01&to=2026-10-31',
      );
      expect(owner.body.points.map((p: any) => p.date)).toEqual(['2026-10-01']);

      const rebuilt = await get(
        '/portfolio/history?system=civil&from=2026-10-01&to=2026-10-31',
      );
      expect(rebuilt.body.points.map((p: any) => [p.date, p.entities])).toEqual(
        [
          ['2026-10-01', 3],
          ['2026-10-25', 3],
        ],
      );

      // 200 days later, with 90 days of retention: only the baselines are left.
      clock.set('2027-05-13T09:00:00Z');
      await runEvaluation();
      const later = await get(
        '/entities/system/default/civil/history?from=2027-01-01&to=2027-05-31',
      );
      // The value that held on 2027-01-01 is the one from 2026-10-25 (kept as baseline).
      expect(later.body.points[0]).toEqual(
        expect.objectContaining({
          date: '2027-01-01',
          counts: h.body.points[1].counts,
        }),
      );
      const old = await get(
        '/entities/system/default/civil/history?from=2026-01-01&to=2026-12-31',
      );
      expect(old.body.points.map((p: any) => p.date)).toEqual(['2026-10-25']);
    });

    it('is a 404 for an entity without a scorecard', async () => {
      expect(
        (await get('/entities/component/default/nope/history')).status,
      ).toBe(404);
    });
  });
});
