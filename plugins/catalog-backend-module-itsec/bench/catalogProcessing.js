#!/usr/bin/env node
/*
 * Benchmark: how much the itsec catalog module adds to catalog processing.
 *
 * Takes the demo catalog in examples/ (annotated Domains, Systems and their
 * parts, Users, Groups, CodeOfConnection entities) and scales it to 10,000
 * entities by copying it as self-contained portfolios. Then:
 *
 * 1. Catalog processing engine (the figure that counts): a real catalog
 *    backend on in-memory SQLite ingests the 10,000 entities from a file
 *    location, without and with the itsec processor. The time spent inside
 *    the processor is measured directly and compared with the CPU time of the
 *    whole ingestion (processing, relations, stitching, search index) in the
 *    same run; the end-to-end times of both runs are printed too (they vary
 *    by more than 5% from run to run on a busy machine).
 *
 * 2. Processing step alone (the harshest view): every entity through the
 *    catalog backend's own DefaultCatalogProcessingOrchestrator with the
 *    default processors and entity policies, no database. Steady state (the
 *    catalog re-processes every entity every few minutes; the processor
 *    remembers each entity's last outcome) and first ingestion (no memo).
 *
 *   npm run bench                                  (from plugins/catalog-backend-module-itsec)
 *   npm run bench -- --entities 2000 --rounds 9
 *   npm run bench -- --skip-engine                 (part 2 only, ~30 s)
 *
 * Exits 1 when the module's share of catalog processing time is above 5%.
 */
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');

const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { parseAllDocuments } = require('yaml');
const {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  makeValidator,
} = require('@backstage/catalog-model');
const catalogBackend = require('@backstage/plugin-catalog-backend');
const { ItsecEntityProcessor } = require('../src/ItsecEntityProcessor.ts');

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : Number(args[i + 1]);
};
const TOTAL = arg('entities', 10000);
const ROUNDS = arg('rounds', 7);
const SKIP_ENGINE = args.includes('--skip-engine');
const BUDGET = 5;

const EXAMPLES = path.resolve(__dirname, '../../../examples');

// ---------------------------------------------------------------------------
// The demo catalog, scaled
// ---------------------------------------------------------------------------

function readDemoCatalog() {
  const files = [];
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) files.push(full);
    }
  };
  walk(EXAMPLES);
  const entities = [];
  for (const file of files.sort()) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value = doc.toJS();
      if (
        !value ||
        typeof value !== 'object' ||
        !value.kind ||
        value.kind === 'Location'
      )
        continue;
      value.metadata.annotations = {
        ...value.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
        'backstage.io/managed-by-origin-location': `file:${path.join(
          EXAMPLES,
          'all.yaml',
        )}`,
      };
      entities.push(value);
    }
  }
  return entities;
}

/**
 * Scales the demo catalog by copying it: copy N renames every entity to
 * `<name>-cN` and points every reference inside the copy (owners, systems,
 * domains, group membership, API and resource links, role holders in itsec
 * annotations, Code of Connection parties) at the renamed entities, so each
 * copy is a self-contained portfolio with its own people.
 */
function scale(demo, total) {
  const names = new Set(demo.map(e => e.metadata.name));
  const rename = (value, copy) => {
    if (typeof value === 'string') {
      if (!value || value.includes('\n')) return value;
      return value
        .split(',')
        .map(item => {
          const m =
            /^(\s*)((?:[A-Za-z]+:)?(?:[a-z0-9-]+\/)?)([A-Za-z0-9][\w.-]*)(\s*)$/.exec(
              item,
            );
          return m && names.has(m[3])
            ? `${m[1]}${m[2]}${m[3]}-c${copy}${m[4]}`
            : item;
        })
        .join(',');
    }
    if (Array.isArray(value)) return value.map(v => rename(v, copy));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = rename(v, copy);
      return out;
    }
    return value;
  };
  const out = [];
  for (let copy = 0; out.length < total; copy++) {
    for (const entity of demo) {
      if (out.length >= total) break;
      const clone = structuredClone(entity);
      if (copy > 0) {
        clone.metadata.name = `${entity.metadata.name}-c${copy}`;
        clone.spec = rename(clone.spec, copy);
        for (const [k, v] of Object.entries(clone.metadata.annotations)) {
          if (
            k.startsWith('itsec.justice.gov.uk/role-') ||
            k === 'itsec.justice.gov.uk/disposal-approver'
          ) {
            clone.metadata.annotations[k] = rename(v, copy);
          }
        }
      }
      out.push(clone);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/**
 * Wraps a processor to time what happens inside it. The processor's methods
 * do all their work before their first await, so timing the synchronous call
 * measures exactly the processor's own work.
 */
function timed(processor, clock) {
  return {
    getProcessorName: () => processor.getProcessorName(),
    validateEntityKind(e) {
      const t = performance.now();
      const r = processor.validateEntityKind(e);
      clock.ms += performance.now() - t;
      return r;
    },
    postProcessEntity(e, l, emit, c) {
      const t = performance.now();
      const r = processor.postProcessEntity(e, l, emit, c);
      clock.ms += performance.now() - t;
      return r;
    },
  };
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = () => global.gc && global.gc();
const pct = (x, base) =>
  `${x >= 0 ? '+' : ''}${((x / base) * 100).toFixed(1)}%`;
const secs = ms => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------
// 1. The catalog processing engine
// ---------------------------------------------------------------------------

async function benchEngine(entities) {
  const { writeCatalog, ingest } = require('./engine.js');
  const { file, cleanup } = writeCatalog(entities);
  const cocs = entities.filter(e => e.kind === 'CodeOfConnection').length;
  // Every entity plus the Location the config registers (CodeOfConnection
  // entities are rejected without the module).
  const withoutExpected = entities.length - cocs + 1;
  const withExpected = entities.length + 1;
  try {
    console.log(
      `1. Catalog processing engine: a catalog backend (in-memory SQLite) ingesting ${entities.length} entities from a file`,
    );
    const clock = { ms: 0 };
    const without = await ingest({ file, expected: withoutExpected });
    console.log(
      `   without the itsec module: ${secs(without.wallMs)} wall, ${secs(
        without.cpuMs,
      )} CPU (${withoutExpected} entities)`,
    );
    const withIt = await ingest({
      file,
      expected: withExpected,
      processor: timed(new ItsecEntityProcessor(), clock),
    });
    console.log(
      `   with the itsec module:    ${secs(withIt.wallMs)} wall, ${secs(
        withIt.cpuMs,
      )} CPU (${withExpected} entities)`,
    );
    console.log(
      `   end to end: ${pct(
        withIt.wallMs - without.wallMs,
        without.wallMs,
      )} wall, ${pct(
        withIt.cpuMs - without.cpuMs,
        without.cpuMs,
      )} CPU (two single runs: includes run-to-run noise)`,
    );
    const share = (clock.ms / withIt.cpuMs) * 100;
    console.log(
      `   time inside the itsec processor: ${clock.ms.toFixed(0)} ms of ${secs(
        withIt.cpuMs,
      )} CPU = ${share.toFixed(2)}% of catalog processing time`,
    );
    return share;
  } finally {
    cleanup();
  }
}

// ---------------------------------------------------------------------------
// 2. The processing step alone
// ---------------------------------------------------------------------------

function loadOrchestrator() {
  // Not part of the package's public exports, so loaded from its file.
  const dir = path.dirname(
    require.resolve('@backstage/plugin-catalog-backend/package.json'),
  );
  return require(path.join(
    dir,
    'dist/processing/DefaultCatalogProcessingOrchestrator.cjs.js',
  )).DefaultCatalogProcessingOrchestrator;
}

const logger = {
  child: () => logger,
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/**
 * Without the module the catalog rejects CodeOfConnection entities (an
 * expensive error path), so the baseline gets this stand-in that only claims
 * the kind: both runs then take the same 10,000 entities to completion.
 */
const kindOnly = {
  getProcessorName: () => 'CodeOfConnectionKindOnly',
  validateEntityKind: async e => e.kind === 'CodeOfConnection',
};

function makeOrchestrator(Orchestrator, extra) {
  const integrations = { byUrl: () => undefined, resolveUrl: ({ url }) => url };
  return new Orchestrator({
    processors: [
      new catalogBackend.PlaceholderProcessor({
        resolvers: {},
        reader: {},
        integrations,
      }),
      new catalogBackend.BuiltinKindsEntityProcessor(),
      new catalogBackend.FileReaderProcessor(),
      new catalogBackend.UrlReaderProcessor({ reader: {}, logger }),
      new catalogBackend.AnnotateLocationEntityProcessor({ integrations }),
      extra,
    ],
    integrations,
    rulesEnforcer: { isAllowed: () => true },
    logger,
    parser: async function* parser() {},
    policy: EntityPolicies.allOf([
      new SchemaValidEntityPolicy(),
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(makeValidator()),
    ]),
  });
}

async function run(orchestrator, entities) {
  let relations = 0;
  let errors = 0;
  const start = performance.now();
  for (const entity of entities) {
    const result = await orchestrator.process({ entity, state: {} });
    if (result.ok) {
      relations += result.relations.length;
      if (result.completedEntity.status)
        errors += result.completedEntity.status.items.length;
    }
  }
  return { ms: performance.now() - start, relations, errors };
}

async function benchOrchestrator(entities) {
  const Orchestrator = loadOrchestrator();
  const warmClock = { ms: 0 };
  const coldClock = { ms: 0 };
  const runs = {
    without: makeOrchestrator(Orchestrator, kindOnly),
    warm: makeOrchestrator(
      Orchestrator,
      timed(new ItsecEntityProcessor(), warmClock),
    ),
    cold: makeOrchestrator(
      Orchestrator,
      timed(new ItsecEntityProcessor({ memoize: false }), coldClock),
    ),
  };
  console.log(
    `2. Processing step alone: the catalog backend's DefaultCatalogProcessingOrchestrator with its default processors ` +
      `and entity policies, no database; ${ROUNDS} alternating rounds after a warm-up, medians`,
  );
  for (const o of Object.values(runs)) await run(o, entities); // JIT, schema compilation, memo
  const times = { without: [], warm: [], cold: [] };
  const inside = { warm: [], cold: [] };
  const last = {};
  for (let i = 0; i < ROUNDS; i++) {
    for (const name of ['without', 'warm', 'cold']) {
      gc();
      warmClock.ms = 0;
      coldClock.ms = 0;
      last[name] = await run(runs[name], entities);
      times[name].push(last[name].ms);
      if (name !== 'without')
        inside[name].push((name === 'warm' ? warmClock : coldClock).ms);
    }
  }
  const base = median(times.without);
  const us = ms => `${((ms / entities.length) * 1000).toFixed(1)} µs/entity`;
  console.log(
    `   without the itsec processor: ${base.toFixed(0)} ms (${us(base)}; ${
      last.without.relations
    } relations)`,
  );
  console.log(
    `   with it, steady state:       ${median(times.warm).toFixed(0)} ms (${us(
      median(times.warm),
    )}; ${last.warm.relations} relations, ${
      last.warm.errors
    } processing errors); ` +
      `inside the processor ${median(inside.warm).toFixed(0)} ms = ${pct(
        median(inside.warm),
        base,
      )}`,
  );
  console.log(
    `   with it, first ingestion:    ${median(times.cold).toFixed(0)} ms (${us(
      median(times.cold),
    )}); ` +
      `inside the processor ${median(inside.cold).toFixed(0)} ms = ${pct(
        median(inside.cold),
        base,
      )}`,
  );
}

async function main() {
  const demo = readDemoCatalog();
  const entities = scale(demo, TOTAL);
  const annotated = entities.filter(e =>
    Object.keys(e.metadata.annotations).some(k =>
      k.startsWith('itsec.justice.gov.uk/'),
    ),
  ).length;
  const cocs = entities.filter(e => e.kind === 'CodeOfConnection').length;
  console.log(
    `Demo catalog (examples/): ${demo.length} entities, scaled to ${entities.length} ` +
      `(${annotated} with itsec annotations, ${cocs} CodeOfConnection)\n`,
  );

  let share;
  if (!SKIP_ENGINE) {
    share = await benchEngine(entities);
    console.log('');
  }
  await benchOrchestrator(entities);
  console.log('');
  if (share !== undefined) {
    const ok = share <= BUDGET;
    console.log(
      `RESULT: the itsec module adds ${share.toFixed(
        2,
      )}% to catalog processing time on ${
        entities.length
      } entities (budget ${BUDGET}%): ${ok ? 'OK' : 'OVER BUDGET'}`,
    );
    process.exitCode = ok ? 0 : 1;
  }
}

if (require.main === module) {
  main()
    .then(() => process.exit())
    .catch(e => {
      console.error(e);
      process.exit(2);
    });
}

module.exports = { readDemoCatalog, scale };
