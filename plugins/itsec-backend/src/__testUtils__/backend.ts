import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import itsecPlugin, {
  ITSEC_DIGEST_TASK_ID,
  ITSEC_EVALUATION_TASK_ID,
} from '../index';
import { ItsecPermissionPolicy } from '@internal/plugin-itsec-node';
import {
  FixedClock,
  TestMemberships,
  fixedClockFactory,
  policyPermissionsFactory,
  userInfoFactory,
} from '@internal/plugin-itsec-node/testUtils';
import { fixtureEntities, memberships } from './fixtures';

/** The Authorization header of a signed-in test user. */
export const as = (ref: string) => mockCredentials.user.header(ref);

/** Makes the test catalog fail every call while `failing` is set: a catalog outage. */
export interface CatalogOutage {
  failing: boolean;
  /** Only these catalog methods fail (default: all). */
  methods?: string[];
}

function catalogFactory(entities: Entity[], outage?: CatalogOutage) {
  const catalog = catalogServiceMock({ entities });
  if (!outage) return catalogServiceMock.factory({ entities });
  const failing = new Proxy(catalog, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const fails =
          outage.failing &&
          (!outage.methods || outage.methods.includes(String(prop)));
        if (fails) throw new Error('catalog unavailable');
        return value.apply(target, args);
      };
    },
  });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => failing,
  });
}

/**
 * Starts the itsec plugin alone on a test backend: the fixture catalog (or
 * `entities`), a fixed clock, the test memberships (or `memberships`) and the
 * portal's permission policy (for the ITSO group of `itsec.itsoGroup`), and
 * `itsec` config. With `manualTasks` the scheduler is a mock whose tasks run
 * only through `evaluate()` and `digest()`. With `knex` the plugin uses that
 * database (to restart on the same data); with `outage` the catalog fails
 * while `outage.failing` is set.
 */
export async function startItsecTestBackend(options: {
  clock: FixedClock;
  itsec: JsonObject;
  entities?: Entity[];
  memberships?: TestMemberships;
  manualTasks?: boolean;
  knex?: Knex;
  outage?: CatalogOutage;
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  const scheduler = options.manualTasks
    ? (mockServices.scheduler() as any)
    : undefined;
  const backend = await startTestBackend({
    features: [
      itsecPlugin,
      ...(scheduler ? [scheduler.factory()] : []),
      catalogFactory(options.entities ?? fixtureEntities(), options.outage),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      fixedClockFactory(options.clock),
      userInfoFactory(options.memberships ?? memberships),
      policyPermissionsFactory(
        ItsecPermissionPolicy.fromConfig(
          new ConfigReader({ itsec: options.itsec }),
        ),
        options.memberships ?? memberships,
      ),
      mockServices.rootConfig.factory({ data: { itsec: options.itsec } }),
      ...(options.features ?? []),
    ],
  });
  const runTask = (id: string) => {
    if (!scheduler) throw new Error('start with manualTasks to run tasks');
    return scheduler.triggerTask(id);
  };
  return {
    server: backend.server,
    stop: () => backend.stop(),
    evaluate: () => runTask(ITSEC_EVALUATION_TASK_ID),
    digest: () => runTask(ITSEC_DIGEST_TASK_ID),
    get: (path: string, who: string) =>
      request(backend.server)
        .get(`/api/itsec${path}`)
        .set('Authorization', as(who)),
    post: (
      path: string,
      body: unknown,
      who: string,
      headers: Record<string, string> = {},
    ) =>
      request(backend.server)
        .post(`/api/itsec${path}`)
        .set({ ...headers, Authorization: as(who) })
        .send(body as object),
  };
}

/** A started test backend, see {@link startItsecTestBackend}. */
export type ItsecTestBackend = Awaited<
  ReturnType<typeof startItsecTestBackend>
>;
