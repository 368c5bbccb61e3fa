/*
 * The arms of the end-to-end comparison, each a catalog backend module that
 * adds one processor. All claim the CodeOfConnection kind, so every arm
 * ingests the same entities:
 *
 *   baseline   claims the kind, nothing else (the catalog without the module);
 *   relations  replays the relations the module emitted for each entity;
 *   +status    replays those relations and the module's status items;
 *   module     the itsec module as module.ts registers it (processor with
 *              catalog lookups), timed inside.
 *
 * relations − baseline is what the relations cost (storing them, and
 * stitching the entities at both ends: the feature itself); +status −
 * relations what the status items cost; module − +status the processor's own
 * work (parsing, validation, lookups).
 */
'use strict';

const { performance } = require('node:perf_hooks');
const {
  coreServices,
  createBackendModule,
} = require('@backstage/backend-plugin-api');
const {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
  processingResult,
} = require('@backstage/plugin-catalog-node');
const { ItsecEntityProcessor } = require('../src/ItsecEntityProcessor.ts');
const { catalogLookup } = require('../src/catalogLookup.ts');
const { DEFAULT_ITSO_GROUP } = require('@internal/plugin-itsec-common');

const isCoc = e => e.kind === 'CodeOfConnection';
const refOf = e =>
  `${e.kind}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`.toLocaleLowerCase('en-US');

function moduleWith(moduleId, processor) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.addProcessor(processor);
        },
      });
    },
  });
}

/** The catalog without the module: only the CodeOfConnection kind is accepted. */
function baselineArm() {
  return moduleWith('bench-baseline', {
    getProcessorName: () => 'CodeOfConnectionKindOnly',
    validateEntityKind: async e => isCoc(e),
  });
}

/** Replays what `record` holds for each entity: relations, and status items with `status`. */
function replayArm(record, { status }) {
  return moduleWith(status ? 'bench-replay-status' : 'bench-replay', {
    getProcessorName: () => 'ItsecReplay',
    validateEntityKind: async e => isCoc(e),
    async postProcessEntity(entity, _location, emit) {
      const r = record.get(refOf(entity));
      if (!r) return entity;
      for (const relation of r.relations)
        emit(processingResult.relation(relation));
      if (!status || !r.items.length) return entity;
      return {
        ...entity,
        status: { ...entity.status, items: [...r.items] },
      };
    },
  });
}

/**
 * The itsec module as src/module.ts registers it, with the processor's own
 * time (up to its first await; every method does its parsing before it),
 * and the catalog lookups (count, wall time) measured. With `record`, keeps
 * what it emitted per entity for the replay arms.
 */
function moduleArm({ clock, record }) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'itsec',
    register(reg) {
      reg.registerInit({
        deps: {
          processing: catalogProcessingExtensionPoint,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          config: coreServices.rootConfig,
        },
        async init({ processing, catalog, auth, config }) {
          const real = catalogLookup(catalog, auth);
          const lookup = {
            async entity(ref) {
              const t = performance.now();
              try {
                return await real.entity(ref);
              } finally {
                clock.lookups++;
                clock.lookupMs += performance.now() - t;
              }
            },
            async groupMembers(ref) {
              const t = performance.now();
              try {
                return await real.groupMembers(ref);
              } finally {
                clock.lookups++;
                clock.lookupMs += performance.now() - t;
              }
            },
          };
          const processor = new ItsecEntityProcessor({
            lookup,
            itsoGroup:
              config.getOptionalString('itsec.itsoGroup') ?? DEFAULT_ITSO_GROUP,
          });
          processing.addProcessor(timed(processor, clock, record));
        },
      });
    },
  });
}

function timed(processor, clock, record) {
  return {
    getProcessorName: () => processor.getProcessorName(),
    validateEntityKind(e) {
      const t = performance.now();
      const r = processor.validateEntityKind(e);
      clock.ms += performance.now() - t;
      return r;
    },
    async postProcessEntity(e, l, emit, c) {
      const relations = [];
      const recordingEmit = record
        ? result => {
            if (result.type === 'relation') relations.push(result.relation);
            emit(result);
          }
        : emit;
      const t = performance.now();
      const pending = processor.postProcessEntity(e, l, recordingEmit, c);
      clock.ms += performance.now() - t;
      const out = await pending;
      if (record) {
        const before = e.status?.items?.length ?? 0;
        record.set(refOf(e), {
          relations,
          items: (out.status?.items ?? []).slice(before),
        });
      }
      return out;
    },
  };
}

module.exports = { baselineArm, replayArm, moduleArm };
