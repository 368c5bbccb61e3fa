import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import itsecPlugin, {
  ITSEC_DIGEST_TASK_ID,
  ITSEC_EVALUATION_TASK_ID,
} from '../index';
import { FixedClock, fixedClockFactory } from '../service/clock';
import { fixtureEntities, memberships } from './fixtures';
import {
  TestItsecPolicy,
  policyPermissionsFactory,
  userInfoFactory,
} from './services';

/** The Authorization header of a signed-in test user. */
export const as = (ref: string) => mockCredentials.user.header(ref);

/**
 * Starts the itsec plugin alone on a test backend: the fixture catalog (or
 * `entities`), a fixed clock, the test memberships and permission policy, and
 * `itsec` config. With `manualTasks` the scheduler is a mock whose tasks run
 * only through `evaluate()` and `digest()`.
 */
export async function startItsecTestBackend(options: {
  clock: FixedClock;
  itsec: JsonObject;
  entities?: Entity[];
  manualTasks?: boolean;
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  const scheduler = options.manualTasks
    ? (mockServices.scheduler() as any)
    : undefined;
  const backend = await startTestBackend({
    features: [
      itsecPlugin,
      ...(scheduler ? [scheduler.factory()] : []),
      catalogServiceMock.factory({
        entities: options.entities ?? fixtureEntities(),
      }),
      fixedClockFactory(options.clock),
      userInfoFactory(memberships),
      policyPermissionsFactory(new TestItsecPolicy(), memberships),
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
    post: (path: string, body: unknown, who: string) =>
      request(backend.server)
        .post(`/api/itsec${path}`)
        .set('Authorization', as(who))
        .send(body as object),
  };
}

/** A started test backend, see {@link startItsecTestBackend}. */
export type ItsecTestBackend = Awaited<
  ReturnType<typeof startItsecTestBackend>
>;
