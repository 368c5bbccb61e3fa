/*
 * npm run bench [-- --sizes=10000,50000] [-- --skip-storage] [-- --skip-exports]
 *   [-- --groups=2000] [-- --profile=DIR]
 *
 * Every figure is one line `name: value unit (target …)`, so a script can read
 * them (`grep -E '^[a-z]'`); context lines start with '#'.
 *
 * 1. For 10,000 and 50,000 synthetic entities in the catalog mock and a
 *    database (SQLite in memory; PostgreSQL too when
 *    BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set): one full
 *    evaluation including persistence, then median and p95 HTTP latency of the
 *    portfolio summary (cached and uncached), a filtered portfolio page,
 *    one scorecard, one entity's refresh (POST) and the "my" views; with
 *    `--groups=N`, the catalog also holds N Groups (the owner teams, their
 *    business units and other teams), which every evaluation reads for
 *    independence; with `--profile=DIR`, a V8 CPU profile of the first full
 *    evaluation and of the refreshes in DIR (open in Chrome DevTools); then
 *    each export (CSV, JSON, OSCAL assessment results) of
 *    the whole portfolio over HTTP from a backend in a process of its own
 *    (exportsBench.ts): time to first byte, total time, bytes, and that
 *    process's peak RSS while it ran.
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
import fs from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import os from 'node:os';
import { join } from 'node:path';
import itsecPlugin, { ITSEC_EVALUATION_TASK_ID } from '../src';
import { KnexItsecStore } from '../src/database/KnexItsecStore';
import {
  FixedClock,
  fixedClockFactory,
  userInfoFactory,
} from '@internal/plugin-itsec-node/testUtils';
import { ItsecEvaluator } from '../src/service/ItsecEvaluator';
import { benchExports } from './exportsBench';
import { prng, syntheticGroups, syntheticPortfolio } from './synthetic';

const TODAY = '2026-10-01';
const args = process.argv.slice(2);
const sizes = (
  args.find(a => a.startsWith('--sizes='))?.slice(8) ?? '10000,50000'
)
  .split(',')
  .map(Number);
const skipStorage = args.includes('--skip-storage');
const skipExports = args.includes('--skip-exports');
const profileDir = args.find(a => a.startsWith('--profile='))?.slice(10);
const groups = Number(
  args.find(a => a.startsWith('--groups='))?.slice(9) ?? '0',
);
const pgUrl = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

/** Runs `fn`, with a CPU profile of it in `profileDir/<name>.cpuprofile` if asked. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!profileDir) return fn();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, params, (err, res) =>
        err ? reject(err) : resolve(res),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post('Profiler.stop');
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(
      join(profileDir, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** One machine-readable figure: `name: value unit (target …)`. */
function figure(name: string, value: number, unit: string, target?: string) {
  let digits = 2;
  if (value >= 100) digits = 0;
  else if (value >= 10) digits = 1;
  console.log(
    `${name}: ${value.toFixed(digits)} ${unit}${
      target ? ` (target ${target})` : ''
    }`,
  );
}

const agent = new http.Agent({ keepAlive: true });
async function timeGet(
  port: number,
  path: string,
  method = 'GET',
): Promise<number> {
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: { authorization: mockCredentials.user.header() },
      },
      res => {
        if (res.statusCode !== 200)
          reject(new Error(`${method} ${path}: ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end();
  });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function latency(
  port: number,
  name: string,
  target: string | undefined,
  paths: (i: number) => string,
  n = 200,
  method = 'GET',
) {
  for (let i = 0; i < 5; i++) await timeGet(port, paths(i), method);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timeGet(port, paths(i), method));
  times.sort((a, b) => a - b);
  figure(`${name}.median`, percentile(times, 50), 'ms', target);
  figure(`${name}.p95`, percentile(times, 95), 'ms');
}

async function pgDatabase(url: string): Promise<{
  knex: Knex;
  connection: string;
  drop: () => Promise<void>;
}> {
  const name = `itsec_bench_${randomBytes(6).toString('hex')}`;
  const base = url.replace(/\/$/, '');
  const admin = knexFactory({ client: 'pg', connection: `${base}/postgres` });
  await admin.raw('CREATE DATABASE ??', [name]);
  const connection = `${base}/${name}`;
  const knex = knexFactory({ client: 'pg', connection });
  return {
    knex,
    connection,
    drop: async () => {
      await knex.destroy();
      await admin.raw('DROP DATABASE ??', [name]);
      await admin.destroy();
    },
  };
}

/** An empty database for the exporting backend's process: outside its memory. */
async function exportDatabase(
  dbName: string,
): Promise<{ connection: object; drop: () => Promise<void> }> {
  if (dbName === 'postgres') {
    const pg = await pgDatabase(pgUrl!);
    return {
      connection: { client: 'pg', connection: pg.connection },
      drop: pg.drop,
    };
  }
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'itsec-bench-'));
  return {
    connection: {
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'itsec.sqlite') },
    },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
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
  const owners = Math.max(1, Math.round(count / 50));
  const entities = [
    ...syntheticPortfolio(count, TODAY),
    ...syntheticGroups(groups, owners),
  ];
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
      userInfoFactory({
        [mockCredentials.user().principal.userEntityRef]: [
          'group:default/team-1',
        ],
      }),
    ],
  });
  const port = (backend.server.address() as { port: number }).port;
  const scored = entities.filter(e => isScoredKind(e.kind)).length;
  const prefix = `${dbName}.${count}`;
  console.log(
    `# ${count.toLocaleString('en-GB')} entities (${scored} scored), ${
      groups > 0 ? groups.toLocaleString('en-GB') : 'no'
    } Groups on ${dbName}`,
  );

  let start = Date.now();
  await profiled(`${prefix}.full_evaluation`, () =>
    scheduler.triggerTask(ITSEC_EVALUATION_TASK_ID),
  );
  figure(
    `${prefix}.full_evaluation`,
    (Date.now() - start) / 1000,
    's',
    `< ${Math.round((count / 50_000) * 60)} s`,
  );
  start = Date.now();
  await scheduler.triggerTask(ITSEC_EVALUATION_TASK_ID);
  figure(
    `${prefix}.full_evaluation_unchanged`,
    (Date.now() - start) / 1000,
    's',
  );

  const rnd = prng(7);
  const refs = entities
    .filter(e => e.kind === 'Component')
    .map(e => `component/default/${e.metadata.name}`);
  await latency(
    port,
    `${prefix}.summary_cached`,
    '< 50 ms',
    () => '/api/itsec/portfolio/summary',
  );
  await latency(
    port,
    `${prefix}.summary_uncached`,
    '< 500 ms',
    i =>
      `/api/itsec/portfolio/summary?kind=component&kind=system&kind=api&kind=resource&kind=bust-${i}`,
  );
  await latency(
    port,
    `${prefix}.page_owner_gaps_by_score`,
    '< 200 ms',
    () =>
      `/api/itsec/portfolio?owner=group:default/team-${Math.floor(
        rnd() * owners,
      )}&status=gap&sort=score&limit=50`,
  );
  await latency(
    port,
    `${prefix}.page_statement_gaps_offset`,
    '< 200 ms',
    () => `/api/itsec/portfolio?statement=POL.ITSEC.043&offset=100&limit=50`,
  );
  await latency(
    port,
    `${prefix}.scorecard`,
    '< 50 ms',
    () =>
      `/api/itsec/entities/${refs[Math.floor(rnd() * refs.length)]}/scorecard`,
  );
  // One entity re-evaluated, as after a write: it reads its lineage, the
  // Codes of Connection and (at most once a minute) the organisation.
  await profiled(`${prefix}.refresh`, () =>
    latency(
      port,
      `${prefix}.refresh`,
      undefined,
      () =>
        `/api/itsec/entities/${refs[Math.floor(rnd() * refs.length)]}/refresh`,
      20,
      'POST',
    ),
  );
  // The signed-in user of the requests owns through team-1 (about 50 entities).
  // The owner / role holder index (from every stored profile) is built in the
  // background at start-up and after each evaluation, so the first request
  // finds it built (before, it was built on that request); later ones read
  // only the user's profiles.
  figure(
    `${prefix}.me_scorecards_first`,
    await timeGet(port, '/api/itsec/me/scorecards'),
    'ms',
  );
  await latency(
    port,
    `${prefix}.me_scorecards`,
    '< 500 ms',
    () => '/api/itsec/me/scorecards',
    20,
  );
  await latency(
    port,
    `${prefix}.me_tasks`,
    '< 500 ms',
    () => '/api/itsec/me/tasks',
    20,
  );
  await backend.stop();
  if (!skipExports) {
    const db = await exportDatabase(dbName);
    try {
      await benchExports({
        count,
        scored,
        today: TODAY,
        prefix,
        connection: db.connection,
        figure,
      });
    } finally {
      await db.drop();
    }
  }
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
  const prefix = `${dbName}.history`;
  console.log(
    `# history storage on ${dbName}: ${n} entities, ${days} daily evaluations in ${elapsed.toFixed(
      0,
    )} s, scaled to 10,000 entities`,
  );
  figure(`${prefix}.entity_rows_per_entity_year`, historyRows / n, 'rows');
  figure(`${prefix}.summary_rows`, summaryRows, 'rows');
  figure(
    `${prefix}.bytes_per_10000_entities_year`,
    (bytes * scale) / 1e6,
    'MB',
  );
  figure(
    `${dbName}.results_bytes_per_10000_entities`,
    (resultsBytes * scale) / 1e6,
    'MB',
  );
}

async function main() {
  const [l1, l5] = os.loadavg();
  console.log(
    `# ${new Date().toISOString()} node ${process.version}, ${
      os.cpus().length
    } CPUs, load average ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min)`,
  );
  for (const count of sizes) {
    const db = sqlite();
    await benchSize(count, 'sqlite', db);
    await db.destroy();
    if (pgUrl) {
      const pg = await pgDatabase(pgUrl);
      await benchSize(count, 'postgres', pg.knex);
      await pg.drop();
    }
  }
  if (!skipStorage) {
    const db = sqlite();
    await benchStorage('sqlite', db);
    await db.destroy();
    if (pgUrl) {
      const pg = await pgDatabase(pgUrl);
      await benchStorage('postgres', pg.knex);
      await pg.drop();
    }
  }
  agent.destroy();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
