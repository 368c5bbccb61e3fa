/*
 * The itsec backend in a process of its own, for bench.ts to measure its RSS
 * while it exports: the catalog is read over HTTP from catalogStandIn.ts (the
 * real CatalogClient, through discovery), the database is a SQLite file or a
 * PostgreSQL database (not in this process's memory). Runs one full
 * evaluation, then answers messages from its parent:
 *   'gc'   collect garbage, reply with process.memoryUsage();
 *   'stop' stop the backend and exit.
 *
 *   fork bench/backendProcess.ts <catalogBaseUrl> <knex connection as JSON> <today>
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FixedClock,
  fixedClockFactory,
} from '@internal/plugin-itsec-node/testUtils';
import knexFactory from 'knex';
import itsecPlugin, { ITSEC_EVALUATION_TASK_ID } from '../src';

async function main() {
  const [catalogBaseUrl, connection, today] = process.argv.slice(2);
  const knex = knexFactory({
    ...JSON.parse(connection),
    useNullAsDefault: true,
  });
  let port = 0;
  const base = (pluginId: string) =>
    pluginId === 'catalog'
      ? catalogBaseUrl
      : `http://127.0.0.1:${port}/api/${pluginId}`;
  const discovery = createServiceFactory({
    service: coreServices.discovery,
    deps: {},
    factory: () => ({
      getBaseUrl: async (pluginId: string) => base(pluginId),
      getExternalBaseUrl: async (pluginId: string) => base(pluginId),
    }),
  });
  const scheduler = mockServices.scheduler() as any;
  const backend = await startTestBackend({
    features: [
      itsecPlugin,
      discovery,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      fixedClockFactory(new FixedClock(`${today}T09:00:00Z`)),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({ data: { itsec: {} } }),
    ],
  });
  port = (backend.server.address() as { port: number }).port;
  const start = Date.now();
  await scheduler.triggerTask(ITSEC_EVALUATION_TASK_ID);
  const evaluationS = (Date.now() - start) / 1000;
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', async message => {
    if (message === 'gc') {
      gc?.();
      process.send?.({ memory: process.memoryUsage() });
    } else if (message === 'stop') {
      await backend.stop();
      await knex.destroy();
      process.exit();
    }
  });
  process.on('disconnect', () => process.exit());
  process.send?.({ port, evaluationS });
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
