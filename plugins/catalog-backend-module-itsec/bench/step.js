/*
 * The processing step alone (no database, no stitching): every entity through
 * the catalog backend's own DefaultCatalogProcessingOrchestrator with its
 * default processors and entity policies, without and with the itsec
 * processor, steady state (the processor remembers each entity's last
 * outcome) and first ingestion. Catalog lookups are not made here (no
 * lookup), so CodeOfConnection checks against their system are left out.
 * Used by catalogProcessing.js with --step.
 */
'use strict';

const path = require('node:path');
const { performance } = require('node:perf_hooks');
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

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = () => global.gc && global.gc();
const pct = (x, base) =>
  `${x >= 0 ? '+' : ''}${((x / base) * 100).toFixed(1)}%`;

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

async function benchOrchestrator(entities, ROUNDS) {
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
    `# processing step alone: the catalog backend's DefaultCatalogProcessingOrchestrator with its default processors ` +
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
    `#   without the itsec processor: ${base.toFixed(0)} ms (${us(base)}; ${
      last.without.relations
    } relations)`,
  );
  console.log(
    `#   with it, steady state:       ${median(times.warm).toFixed(0)} ms (${us(
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
    `#   with it, first ingestion:    ${median(times.cold).toFixed(0)} ms (${us(
      median(times.cold),
    )}); ` +
      `inside the processor ${median(inside.cold).toFixed(0)} ms = ${pct(
        median(inside.cold),
        base,
      )}`,
  );
}

module.exports = { benchOrchestrator };
