import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import itsecPlugin from './index';
import { createTestDatabases, hasPostgres } from './__testUtils__/databases';
import { OWNER, SCORED_REFS, fixtureEntities } from './__testUtils__/fixtures';
import {
  FixedClock,
  fixedClockFactory,
} from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const postgresId = databases
  .eachSupportedId()
  .map(([id]) => id)
  .find(id => id.startsWith('POSTGRES')) as TestDatabaseId | undefined;

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

const describeWithPostgres = postgresId ? describe : describe.skip;
if (!postgresId) {
  // eslint-disable-next-line no-console
  console.warn(
    hasPostgres()
      ? 'two-backend test skipped: no supported PostgreSQL id'
      : 'two-backend test skipped: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to run it on PostgreSQL',
  );
}

describeWithPostgres('two backend instances on one PostgreSQL database', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let knexA: Knex;
  let knexB: Knex;
  const backends: Array<{ server: any; stop: () => Promise<void> }> = [];

  beforeAll(async () => {
    knexA = await databases.init(postgresId!);
    knexB = knexFactory({
      client: 'pg',
      connection: (knexA.client as any).config.connection,
    });
    for (const knex of [knexA, knexB]) {
      backends.push(
        await startTestBackend({
          features: [
            itsecPlugin,
            schedulerServiceFactory,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities: fixtureEntities() }),
            fixedClockFactory(clock),
            mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
            mockServices.rootConfig.factory({
              data: {
                itsec: {
                  schedule: {
                    frequency: { seconds: 1 },
                    timeout: { seconds: 60 },
                  },
                },
              },
            }),
          ],
        }),
      );
    }
  });

  afterAll(async () => {
    for (const b of backends) await b.stop();
    await knexB?.destroy();
  });

  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await knexA(table).where(where).count({ n: '*' }).first())?.n ?? 0);
  const get = (i: number, path: string) =>
    request(backends[i].server)
      .get(`/api/itsec${path}`)
      .set('Authorization', mockCredentials.user.header(OWNER));

  it('evaluates once per period across instances and writes nothing twice', async () => {
    // Several scheduled periods pass, on either instance.
    await waitFor('three evaluation runs', async () =>
      (await count('itsec_runs')) >= 3 ? true : undefined,
    );
    expect(await count('itsec_results')).toBe(SCORED_REFS.length);
    // One history row per entity and day; the results were written by the first run only.
    expect(await count('itsec_entity_history')).toBe(SCORED_REFS.length);
    const runs = await knexA('itsec_runs').orderBy('id');
    expect(runs.reduce((n, r) => n + Number(r.written), 0)).toBe(
      SCORED_REFS.length,
    );
    expect(await count('itsec_summary_history', { scope: 'portfolio' })).toBe(
      1,
    );

    // Both instances serve the same portfolio.
    const [a, b] = await Promise.all([
      get(0, '/portfolio/summary'),
      get(1, '/portfolio/summary'),
    ]);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it('stays consistent when both refresh and evaluate at once, and across days', async () => {
    // Both instances re-evaluate the same entity at the same time.
    await Promise.all(
      [0, 1].map(i =>
        request(backends[i].server)
          .post('/api/itsec/entities/system/default/civil/refresh')
          .set('Authorization', mockCredentials.user.header(OWNER))
          .send({}),
      ),
    );
    expect(await count('itsec_entity_history')).toBe(SCORED_REFS.length);

    // A write on instance A is seen by instance B.
    const created = await request(backends[0].server)
      .post('/api/itsec/attestations')
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send({
        entityRef: 'system:default/civil',
        statementId: 'POL.ITSEC.005',
        evidenceLink: 'https://docs.example/sso',
        statement: 'SSO checked',
      });
    expect(created.status).toBe(201);
    const cardB = await get(1, '/entities/system/default/civil/scorecard');
    expect(
      cardB.body.evaluation.results.find(
        (r: any) => r.statementId === 'POL.ITSEC.005',
      ).status,
    ).toBe('met');
    const [a, b] = await Promise.all([
      get(0, '/portfolio/summary'),
      get(1, '/portfolio/summary'),
    ]);
    expect(b.body).toEqual(a.body);

    // The next day: one more portfolio summary, no new entity history (nothing changed).
    const historyBefore = await count('itsec_entity_history');
    const runsBefore = await count('itsec_runs');
    clock.set('2026-10-02T09:00:00Z');
    await waitFor('a run on the next day', async () =>
      (await count('itsec_runs', { as_of: '2026-10-02' })) >= 2 &&
      (await count('itsec_runs')) > runsBefore
        ? true
        : undefined,
    );
    expect(await count('itsec_entity_history')).toBe(historyBefore);
    expect(await count('itsec_summary_history', { scope: 'portfolio' })).toBe(
      2,
    );
    const days = await knexA('itsec_entity_history')
      .select('entity_ref', 'day')
      .count({ n: '*' })
      .groupBy('entity_ref', 'day');
    expect(days.every(d => Number(d.n) === 1)).toBe(true);
  });
});
