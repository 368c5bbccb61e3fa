import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import itsecPlugin from '../index';
import { createTestDatabases } from '../__testUtils__/databases';
import { OWNER, fixtureEntities } from '../__testUtils__/fixtures';
import {
  RecordingNotificationService,
  notificationServiceFactory,
} from '../__testUtils__/notifications';
import {
  FixedClock,
  fixedClockFactory,
} from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const postgresId = databases
  .eachSupportedId()
  .map(([id]) => id)
  .find(id => id.startsWith('POSTGRES')) as TestDatabaseId | undefined;

const describeWithPostgres = postgresId ? describe : describe.skip;

const CIVIL = 'system:default/civil';
const DR = 'POL.ITSEC.043';

async function waitFor(
  what: string,
  fn: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

describeWithPostgres(
  'notifications from two backend instances on one PostgreSQL database',
  () => {
    // The civil system's DR test falls due on 2026-09-17.
    const clock = new FixedClock('2026-08-01T09:00:00Z');
    const services = [
      new RecordingNotificationService(),
      new RecordingNotificationService(),
    ];
    let knexA: Knex;
    let knexB: Knex;
    const backends: Array<{ server: any; stop: () => Promise<void> }> = [];
    const allSent = () => services.flatMap(s => s.sent);
    const runsOn = async (day: string) =>
      Number(
        (
          await knexA('itsec_runs')
            .where({ as_of: day })
            .count({ n: '*' })
            .first()
        )?.n ?? 0,
      );

    beforeAll(async () => {
      knexA = await databases.init(postgresId!);
      knexB = knexFactory({
        client: 'pg',
        connection: (knexA.client as any).config.connection,
      });
      for (const [i, knex] of [knexA, knexB].entries()) {
        backends.push(
          await startTestBackend({
            features: [
              itsecPlugin,
              schedulerServiceFactory,
              mockServices.database.factory({ knex }),
              catalogServiceMock.factory({ entities: fixtureEntities() }),
              fixedClockFactory(clock),
              notificationServiceFactory(services[i]),
              mockServices.permissions.factory({
                result: AuthorizeResult.ALLOW,
              }),
              mockServices.rootConfig.factory({
                data: {
                  itsec: {
                    schedule: {
                      frequency: { seconds: 1 },
                      timeout: { seconds: 60 },
                    },
                    notifications: {
                      enabled: true,
                      digest: {
                        schedule: {
                          frequency: { seconds: 1 },
                          timeout: { seconds: 60 },
                        },
                      },
                    },
                  },
                },
              }),
            ],
          }),
        );
      }
    });

    afterAll(async () => {
      for (const b of backends) await b.stop();
      await knexB?.destroy();
    });

    it('sends each transition and each weekly digest once across both instances', async () => {
      await waitFor(
        'runs on the first day',
        async () => (await runsOn('2026-08-01')) >= 3,
      );

      // The DR test enters the due-soon window: both instances evaluate on a
      // schedule, and both re-evaluate the system at the same time.
      clock.set('2026-08-20T09:00:00Z');
      await Promise.all(
        backends.map(b =>
          request(b.server)
            .post('/api/itsec/entities/system/default/civil/refresh')
            .set('Authorization', mockCredentials.user.header(OWNER))
            .send({}),
        ),
      );
      await waitFor(
        'runs on the second day',
        async () => (await runsOn('2026-08-20')) >= 4,
      );
      expect(
        services
          .flatMap(s => s.of(CIVIL, DR, 'due-soon'))
          .map(s => s.payload.scope),
      ).toEqual([`itsec:${CIVIL}:${DR}:due-soon:2026-09-17`]);

      // The due date passes.
      clock.set('2026-09-18T09:00:00Z');
      await waitFor(
        'runs after the due date',
        async () => (await runsOn('2026-09-18')) >= 4,
      );
      expect(services.flatMap(s => s.of(CIVIL, DR, 'overdue'))).toHaveLength(1);

      // Digests: one per section per week, whichever instance ran the task.
      await waitFor('a digest this week', async () =>
        allSent().some(s => s.payload.scope?.endsWith(':2026-09-14')),
      );
      const digests = allSent().filter(s =>
        s.payload.scope?.startsWith('itsec:digest:'),
      );
      expect(digests.length).toBeGreaterThan(0);

      // Nothing was sent twice, and the ledger holds what was sent.
      const scopes = allSent().map(s => s.payload.scope);
      expect(new Set(scopes).size).toBe(scopes.length);
      const sentRows = await knexA('itsec_notifications')
        .where({ state: 'sent' })
        .count({ n: '*' })
        .first();
      expect(Number(sentRows?.n)).toBe(scopes.length);
    });
  },
);
