/*
 * npm run bench [-- --sizes=10000,50000] [-- --skip-storage]
 *
 * 1. For 10,000 and 50,000 synthetic entities in the catalog mock and a
 *    database (SQLite in memory; PostgreSQL too when
 *    BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set): one full
 *    evaluation including persistence, then median and p95 HTTP latency of the
 *    portfolio summary, a filtered portfolio page and one scorecard.
 * 2. History storage: a simulated year of daily evaluations of 2,000 entities
 *    with the real evaluator (evidence ageing, 0.5 % of systems updating a
 *    record every day), bytes of history tables, scaled to 10,000 entities.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SCORED_KINDS,
  addDays,
  isScoredKind,
  mojIctSecurityPolicy,
} from '@internal/plugin-itsec-common';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import itsecPlugin, { ITSEC_EVALUATION_TASK_ID } from '../src';
import { KnexItsecStore } from '../src/database/KnexItsecStore';
import {
  FixedClock,
  fixedClockFactory,
} from '@internal/plugin-itsec-node/testUtils';
import { ItsecEvaluator } from '../src/service/ItsecEvaluator';
import { prng, syntheticPortfolio } from './synthetic';

const TODAY = '2026-10-01';
const args = process.argv.slice(2);
const sizes = (
  args.find(a => a.startsWith('--sizes='))?.slice(8) ?? '10000,50000'
)
  .split(',')
  .map(Number);
const skipStorage = args.includes('--skip-storage');
const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

const agent = new http.Agent({ keepAlive: true });
async function timeGet(port: number, path: string): Promise<number> {
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        headers: { authorization: mockCredentials.user.header() },
      },
      res => {
        if (res.statusCode !== 200)
          reject(new Error(`${path}: ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
  });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function latency(
  port: number,
  name: string,
  paths: (i: number) => string,
  n = 200,
) {
  for (let i = 0; i < 5; i++) await timeGet(port, paths(i));
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timeGet(port, paths(i)));
  times.sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(46)} median ${percentile(times, 50)
      .toFixed(1)
      .padStart(7)} ms   p95 ${percentile(times, 95)
      .toFixed(1)
      .padStart(7)} ms`,
  );
}

async function pgDatabase(
  url: string,
): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  const name = `itsec_bench_${randomBytes(6).toString('hex')}`;
  const base = url.replace(/\/$/, '');
  const admin = knexFactory({ client: 'pg', connection: `${base}/postgres` });
  await admin.raw('CREATE DATABASE ??', [name]);
  const knex = knexFactory({
    client: 'pg',
    connection: `${url.replace(/\/$/, '')}/${name}`,
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw('DROP DATABASE ??', [name]);
      await admin.destroy();
    },
  };
}

function sqlite(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

async function benchSize(count: number, dbName: string, knex: Knex) {
  const entities = syntheticPortfolio(count, TODAY);
  const scheduler = mockServices.scheduler() as any;
  const backend = await startTestBackend({
    features: [
      itsecPlugin,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      fixedClockFactory(new FixedClock(`${TODAY}T09:00:00Z`)),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({ data: { itsec: {} } }),
    ],
  });
  const port = (backend.server.address() as { port: number }).port;
  const scored = entities.filter(e => isScoredKind(e.kind)).length;
  console.log(`\n${count.toLocaleString('en-GB')} entities on ${dbName}`);

  let start = Date.now();
  await scheduler.triggerTask(ITSEC_EVALUATION_TASK_ID);
  console.log(
    `  full evaluation (catalog, evaluate ${scored}, persist)     ${(
      (Date.now() - start) /
      1000
    ).toFixed(2)} s`,
  );
  start = Date.now();
  await scheduler.triggerTask(ITSEC_EVALUATION_TASK_ID);
  console.log(
    `  second full evaluation (nothing changed, no writes)   ${(
      (Date.now() - start) /
      1000
    ).toFixed(2)} s`,
  );

  const owners = Math.max(1, Math.round(count / 50));
  const rnd = prng(7);
  const refs = entities
    .filter(e => e.kind === 'Component')
    .map(e => `component/default/${e.metadata.name}`);
  await latency(
    port,
    'portfolio summary (all, cached)',
    () => '/api/itsec/portfolio/summary',
  );
  await latency(
    port,
    'portfolio summary (all, cache defeated)',
    i =>
      `/api/itsec/portfolio/summary?kind=component&kind=system&kind=api&kind=resource&kind=bust-${i}`,
  );
  await latency(
    port,
    'filtered page (owner, status=gap, by score)',
    () =>
      `/api/itsec/portfolio?owner=group:default/team-${Math.floor(
        rnd() * owners,
      )}&status=gap&sort=score&limit=50`,
  );
  await latency(
    port,
    'filtered page (statement 043 gaps, page 3)',
    () => `/api/itsec/portfolio?statement=POL.ITSEC.043&offset=100&limit=50`,
  );
  await latency(
    port,
    'one scorecard',
    () =>
      `/api/itsec/entities/${refs[Math.floor(rnd() * refs.length)]}/scorecard`,
  );
  await backend.stop();
}

/** A catalog whose entities can change between runs. */
function mutableCatalog(entities: Entity[]) {
  const byRef = () =>
    new Map(
      entities.map(e => [
        `${e.kind}:default/${e.metadata.name}`.toLowerCase(),
        e,
      ]),
    );
  return {
    async getEntities() {
      return { items: entities };
    },
    async *streamEntities() {
      yield entities;
    },
    async getEntitiesByRefs(req: { entityRefs: string[] }) {
      const map = byRef();
      return { items: req.entityRefs.map(r => map.get(r.toLowerCase())) };
    },
  };
}

async function tableBytes(knex: Knex, tables: string[]): Promise<number> {
  if (knex.client.config.client === 'pg') {
    let total = 0;
    for (const t of tables) {
      const r = await knex.raw('SELECT pg_total_relation_size(?) AS n', [t]);
      total += Number(r.rows[0].n);
    }
    return total;
  }
  const rows = await knex.raw(
    `SELECT SUM(pgsize) AS n FROM dbstat WHERE name IN (${tables
      .map(() => '?')
      .join(',')})
       OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${tables
         .map(() => '?')
         .join(',')}))`,
    [...tables, ...tables],
  );
  return Number(rows[0].n);
}

async function benchStorage(dbName: string, knex: Knex) {
  const n = 2000;
  const days = 365;
  const start = '2026-01-01';
  const entities = syntheticPortfolio(n, start, 99);
  const clock = new FixedClock(`${start}T09:00:00Z`);
  await KnexItsecStore.migrateUp(knex);
  const store = new KnexItsecStore(knex);
  const evaluator = new ItsecEvaluator({
    store,
    catalog: mutableCatalog(entities) as any,
    auth: mockServices.auth(),
    logger: {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child() {
        return this;
      },
    } as any,
    clock,
    policy: mojIctSecurityPolicy,
    kinds: [...SCORED_KINDS],
    dueSoonWindow: 'P30D',
    historyRetentionDays: 400,
  });
  const rnd = prng(3);
  const systems = entities.filter(e => e.kind === 'System');
  const t0 = Date.now();
  for (let d = 0; d < days; d++) {
    const day = addDays(start, d);
    clock.set(new Date(`${day}T09:00:00Z`));
    // 0.5 % of systems record something new each day.
    for (let k = 0; k < Math.max(1, Math.round(systems.length * 0.005)); k++) {
      const s = systems[Math.floor(rnd() * systems.length)];
      const ann = s.metadata.annotations!;
      const key = [
        'itsec.justice.gov.uk/risk-assessment-date',
        'itsec.justice.gov.uk/bia-date',
        'itsec.justice.gov.uk/security-procedures-reviewed',
      ][k % 3];
      ann[key] = day;
      if (rnd() < 0.3)
        ann['itsec.justice.gov.uk/dr-plan-last-test'] = `${addDays(
          day,
          -1,
        )} pass`;
    }
    await evaluator.runFull();
  }
  const elapsed = (Date.now() - t0) / 1000;
  const historyRows = Number(
    (await knex('itsec_entity_history').count({ n: '*' }).first())?.n,
  );
  const summaryRows = Number(
    (await knex('itsec_summary_history').count({ n: '*' }).first())?.n,
  );
  const bytes = await tableBytes(knex, [
    'itsec_entity_history',
    'itsec_summary_history',
  ]);
  const resultsBytes = await tableBytes(knex, ['itsec_results']);
  const scale = 10_000 / n;
  console.log(
    `\nHistory storage on ${dbName}: ${n} entities, ${days} daily evaluations (${elapsed.toFixed(
      0,
    )} s)`,
  );
  console.log(
    `  entity history rows ${historyRows} (${(historyRows / n).toFixed(
      1,
    )} per entity per year), summary rows ${summaryRows}`,
  );
  console.log(
    `  history bytes ${bytes.toLocaleString(
      'en-GB',
    )}  => per 10,000 entities per year: ${((bytes * scale) / 1e6).toFixed(
      1,
    )} MB`,
  );
  console.log(
    `  latest results (fixed size, not growing): ${(
      (resultsBytes * scale) /
      1e6
    ).toFixed(1)} MB per 10,000 entities`,
  );
}

async function main() {
  for (const count of sizes) {
    const db = sqlite();
    await benchSize(count, 'SQLite (in memory)', db);
    await db.destroy();
    if (pgUrl) {
      const pg = await pgDatabase(pgUrl);
      await benchSize(count, 'PostgreSQL', pg.knex);
      await pg.drop();
    }
  }
  if (!skipStorage) {
    const db = sqlite();
    await benchStorage('SQLite', db);
    await db.destroy();
    if (pgUrl) {
      const pg = await pgDatabase(pgUrl);
      await benchStorage('PostgreSQL', pg.knex);
      await pg.drop();
    }
  }
  agent.destroy();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
