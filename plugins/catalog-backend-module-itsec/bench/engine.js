/*
 * The catalog's processing engine, end to end: a real catalog backend on its
 * test database (in-memory SQLite) ingesting a catalog file, timed until the catalog
 * is quiet: every entity processed once, the stitch queue empty and every
 * entity stitched. Used by catalogProcessing.js.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { stringify } = require('yaml');
const {
  mockServices,
  startTestBackend,
} = require('@backstage/backend-test-utils');
const {
  coreServices,
  createBackendModule,
} = require('@backstage/backend-plugin-api');
const catalogPlugin = require('@backstage/plugin-catalog-backend').default;

/*
 * Counts the catalog's stitches by outcome and the wall time spent inside
 * them (summed; the stitcher runs up to five at once, so the sum can exceed
 * the elapsed time). Wraps the export the stitcher calls through its module
 * object; the catalog's behaviour is unchanged.
 */
const stitches = { changed: 0, unchanged: 0, abandoned: 0, ms: 0 };
// Not in the package's exports: required by file, the same module instance.
const stitching = require(path.join(
  path.dirname(require.resolve('@backstage/plugin-catalog-backend')),
  'database/operations/stitcher/performStitching.cjs.js',
));
const performStitching = stitching.performStitching;
stitching.performStitching = async options => {
  const t = performance.now();
  try {
    const result = await performStitching(options);
    stitches[result] = (stitches[result] ?? 0) + 1;
    return result;
  } finally {
    stitches.ms += performance.now() - t;
  }
};

/** A catalog module that hands over the catalog's own database client. */
function databaseProbe() {
  let resolve;
  const client = new Promise(r => {
    resolve = r;
  });
  const feature = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-database-probe',
    register(reg) {
      reg.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          resolve(await database.getClient());
        },
      });
    },
  });
  return { feature, client };
}

/** Writes the entities to one multi-document file in a temporary folder. */
function writeCatalog(entities) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-bench-'));
  const docs = entities.map(e => {
    const clone = structuredClone(e);
    const a = { ...clone.metadata.annotations };
    delete a['backstage.io/managed-by-location'];
    delete a['backstage.io/managed-by-origin-location'];
    clone.metadata.annotations = a;
    return stringify(clone);
  });
  const file = path.join(dir, 'catalog.yaml');
  fs.writeFileSync(file, docs.join('---\n'));
  return {
    file,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const count = async query => Number((await query.count({ n: '*' }))[0].n);

/** Where the catalog stands: entities known, processed, queued for stitching, stitched. */
async function progress(knex) {
  return {
    known: await count(knex('refresh_state')),
    unprocessed: await count(
      knex('refresh_state').where(q =>
        q.whereNull('result_hash').orWhere('result_hash', ''),
      ),
    ),
    queued: await count(knex('stitch_queue')),
    stitched: await count(knex('final_entities').whereNotNull('final_entity')),
  };
}

/** What the ingestion produced: relation rows and entities with error status items. */
async function outcome(knex) {
  const relations = await count(knex('relations'));
  let withErrors = 0;
  let errorItems = 0;
  const rows = await knex('final_entities').select('final_entity');
  for (const { final_entity: json } of rows) {
    const items = JSON.parse(json).status?.items ?? [];
    if (items.length) withErrors++;
    errorItems += items.length;
  }
  return { relations, withErrors, errorItems, entities: rows.length };
}

/**
 * Starts a catalog backend (plus `features`) on `file` and waits until the
 * catalog is quiet with `expected` entities. Re-processing is pushed out of
 * the run (processingInterval 6 hours), so each entity is processed once.
 * Returns wall-clock and process CPU milliseconds, the stitches (changed,
 * unchanged, summed wall time) and what was ingested.
 */
async function ingest({ file, expected, features = [] }) {
  const probe = databaseProbe();
  const all = [
    catalogPlugin,
    probe.feature,
    mockServices.rootConfig.factory({
      data: {
        catalog: {
          processingInterval: { hours: 6 },
          rules: [
            {
              allow: [
                'Component',
                'System',
                'API',
                'Resource',
                'Location',
                'Domain',
                'Group',
                'User',
                'CodeOfConnection',
              ],
            },
          ],
          locations: [{ type: 'file', target: file }],
        },
      },
    }),
    mockServices.rootLogger.factory({ level: 'error' }),
    ...features,
  ];
  const stitched0 = { ...stitches };
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const backend = await startTestBackend({ features: all });
  const knex = await probe.client;
  try {
    const deadline = Date.now() + 30 * 60_000;
    for (;;) {
      const p = await progress(knex);
      if (
        p.known >= expected &&
        p.unprocessed === 0 &&
        p.queued === 0 &&
        p.stitched >= expected
      ) {
        const cpu = process.cpuUsage(cpu0);
        const wallMs = performance.now() - start;
        return {
          wallMs,
          cpuMs: (cpu.user + cpu.system) / 1000,
          stitches: stitches.changed - stitched0.changed,
          stitchesUnchanged: stitches.unchanged - stitched0.unchanged,
          stitchMs: stitches.ms - stitched0.ms,
          ...(await outcome(knex)),
        };
      }
      if (Date.now() > deadline)
        throw new Error(`timed out: ${JSON.stringify(p)} of ${expected}`);
      await new Promise(r => setTimeout(r, 100));
    }
  } finally {
    await backend.stop();
  }
}

module.exports = { writeCatalog, ingest };
