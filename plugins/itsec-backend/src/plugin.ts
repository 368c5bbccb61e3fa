import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ConflictError } from '@backstage/errors';
import {
  CHECK_BY_ID,
  CheckDefinition,
  CheckId,
  itsecPermissions,
} from '@internal/plugin-itsec-common';
import {
  itsecChecksExtensionPoint,
  itsecClockServiceRef,
  itsecEntityResourceRef,
  itsecPermissionRules,
} from '@internal/plugin-itsec-node';
import { readItsecBackendConfig } from './config';
import { KnexItsecStore } from './database/KnexItsecStore';
import { readNotificationsConfig } from './notifications/config';
import { ItsecNotifier } from './notifications/ItsecNotifier';
import { NotificationLedger } from './notifications/NotificationLedger';
import { readDemoHistoryConfig } from './service/demoHistory';
import { ItsecEvaluator } from './service/ItsecEvaluator';
import { PortfolioIndex } from './service/PortfolioIndex';
import { createRouter } from './service/router';

/** Id of the scheduled full evaluation. */
export const ITSEC_EVALUATION_TASK_ID = 'itsec-evaluate-portfolio';

/** Id of the scheduled weekly digest to the ITSO group. */
export const ITSEC_DIGEST_TASK_ID = 'itsec-weekly-digest';

/**
 * The itsec backend plugin: scorecards, portfolio, history, attestations,
 * exceptions, audit log and exports under `/api/itsec`. Modules add checks
 * for `itsec.policyFile` through `itsecChecksExtensionPoint`.
 *
 * @public
 */
export const itsecPlugin = createBackendPlugin({
  pluginId: 'itsec',
  register(env) {
    const addedChecks: CheckDefinition[] = [];
    env.registerExtensionPoint(itsecChecksExtensionPoint, {
      addChecks(...checks) {
        for (const check of checks.flat()) {
          const taken = CHECK_BY_ID.has(check.id as CheckId)
            ? 'a built-in'
            : addedChecks.some(c => c.id === check.id) && 'an added';
          if (taken) {
            throw new ConflictError(
              `itsec checks: '${check.id}' is already the id of ${taken} check`,
            );
          }
          addedChecks.push(check);
        }
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        clock: itsecClockServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        userInfo,
        auth,
        discovery,
        permissions,
        permissionsRegistry,
        catalog,
        clock,
        notifications,
      }) {
        const settings = readItsecBackendConfig(config, {
          checks: addedChecks,
        });
        const buildDemoHistory = readDemoHistoryConfig(config);
        const notificationSettings = readNotificationsConfig(config, {
          dueSoonWindow: settings.dueSoonWindow,
          itsoGroup:
            config.getOptionalString('itsec.itsoGroup') ?? 'group:default/itso',
        });
        const store = await KnexItsecStore.create({ database });
        const notifier = new ItsecNotifier({
          config: notificationSettings,
          evaluationDueSoonWindow: settings.dueSoonWindow,
          policy: settings.policy,
          store,
          ledger: new NotificationLedger(await database.getClient()),
          notifications,
          logger,
          clock,
        });
        const evaluator = new ItsecEvaluator({
          store,
          catalog,
          auth,
          logger,
          clock,
          policy: settings.policy,
          kinds: settings.kinds,
          dueSoonWindow: settings.dueSoonWindow,
          historyRetentionDays: settings.historyRetentionDays,
          notifier,
          itsoGroup: config.getOptionalString('itsec.itsoGroup'),
        });
        const index = new PortfolioIndex(store, settings.policy);

        permissionsRegistry.addResourceType({
          resourceRef: itsecEntityResourceRef,
          permissions: itsecPermissions,
          rules: Object.values(itsecPermissionRules),
          getResources: refs => evaluator.loadResources(refs),
        });

        await scheduler
          .createScheduledTaskRunner({ ...settings.schedule, scope: 'global' })
          .run({
            id: ITSEC_EVALUATION_TASK_ID,
            fn: async () => {
              try {
                await evaluator.runFull();
              } catch (error) {
                // Kept until a run succeeds: the portfolio says since when results are stale.
                await store
                  .recordRunFailure({
                    at: clock.now().toISOString(),
                    message: String((error as Error)?.message ?? error),
                  })
                  .catch(e =>
                    logger.error('itsec: could not record the failed run', e),
                  );
                throw error;
              }
              index.invalidate();
              if (buildDemoHistory) {
                // A failure here is logged and never fails the evaluation.
                await evaluator
                  .buildDemoHistory()
                  .catch(e =>
                    logger.error('itsec: building the demo history failed', e),
                  );
              }
            },
          });

        if (notifier.digestEnabled) {
          await scheduler
            .createScheduledTaskRunner({
              ...notificationSettings.digest.schedule,
              scope: 'global',
            })
            .run({
              id: ITSEC_DIGEST_TASK_ID,
              fn: async () => {
                const sent = await notifier.sendDigest();
                logger.info(`itsec weekly digest: ${sent} notifications sent`);
              },
            });
        }
        logger.info(
          notificationSettings.enabled
            ? `itsec notifications on (due soon ${notificationSettings.dueSoonWindow}, ` +
                `exceptions ${
                  notificationSettings.exceptionExpiryWindow
                }, digest ${
                  notifier.digestEnabled
                    ? `to ${notificationSettings.digest.group}`
                    : 'off'
                })`
            : 'itsec notifications off (itsec.notifications.enabled)',
        );

        httpRouter.use(
          await createRouter({
            store,
            evaluator,
            index,
            policy: settings.policy,
            dueSoonWindow: settings.dueSoonWindow,
            clock,
            httpAuth,
            permissions,
            permissionsRegistry,
            discovery,
            logger,
            userInfo,
            exceptionMaxDuration: settings.exceptionMaxDuration,
          }),
        );
      },
    });
  },
});
