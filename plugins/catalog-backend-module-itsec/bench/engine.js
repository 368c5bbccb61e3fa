/*
 * The catalog's processing engine, end to end: a real catalog backend
 * (in-memory SQLite) ingesting the scaled demo catalog from a file location,
 * timed until every entity is in the catalog. Used by catalogProcessing.js.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { stringify } = require('yaml');
const {
  mockCredentials,
  mockServices,
  startTestBackend,
} = require('@backstage/backend-test-utils');
const { createBackendModule } = require('@backstage/backend-plugin-api');
const {
  catalogProcessingExtensionPoint,
} = require('@backstage/plugin-catalog-node');
const catalogPlugin = require('@backstage/plugin-catalog-backend').default;

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

async function countEntities(port) {
  try {
    const res = await fetch(
      `http://localhost:${port}/api/catalog/entities/by-query?limit=1&fields=metadata.name`,
      {
        headers: {
          Authorization: mockCredentials.user.header(),
          Connection: 'close',
        },
      },
    );
    if (!res.ok) return -1;
    return (await res.json()).totalItems;
  } catch {
    return -1; // busy or restarting; ask again
  }
}

/**
 * Starts a catalog backend on `file` and waits until `expected` entities are
 * in the catalog. With `processor`, registers it the way the itsec module
 * does. Returns wall-clock and CPU milliseconds of the whole ingestion.
 */
async function ingest({ file, expected, processor }) {
  const features = [
    catalogPlugin,
    mockServices.rootConfig.factory({
      data: {
        catalog: {
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
  ];
  if (processor) {
    features.push(
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'itsec',
        register(reg) {
          reg.registerInit({
            deps: { catalog: catalogProcessingExtensionPoint },
            async init({ catalog }) {
              catalog.addProcessor(processor);
            },
          });
        },
      }),
    );
  }
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const backend = await startTestBackend({ features });
  try {
    const port = backend.server.port();
    const deadline = Date.now() + 30 * 60_000;
    let last = 0;
    for (;;) {
      const n = await countEntities(port);
      if (n >= expected) {
        const cpu = process.cpuUsage(cpu0);
        return {
          wallMs: performance.now() - start,
          cpuMs: (cpu.user + cpu.system) / 1000,
        };
      }
      if (Date.now() > deadline)
        throw new Error(`timed out with ${n} of ${expected} entities`);
      if (process.stdout.isTTY && n !== last)
        process.stdout.write(`\r    ${n} / ${expected} entities`);
      last = n;
      await new Promise(r => setTimeout(r, 250));
    }
  } finally {
    if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
    await backend.stop();
  }
}

module.exports = { writeCatalog, ingest };
