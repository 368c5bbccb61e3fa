import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  ROLE_IDS,
  RoleId,
  parseIsoDuration,
} from '@internal/plugin-itsec-common';

/** The `itsec.notifications` settings. */
export interface ItsecNotificationsConfig {
  enabled: boolean;
  /** Notify when evidence falls due within this window (defaults to itsec.dueSoonWindow). */
  dueSoonWindow: string;
  /** Notify when an approved exception ends within this window. */
  exceptionExpiryWindow: string;
  recipients: {
    /** Notify the entity's owner group. */
    owner: boolean;
    /** Notify the holders of the statement's role (DR lead, SIRO…). */
    roleHolders: boolean;
    /** Roles notified per statement id, replacing the built-in mapping for those statements. */
    statementRoles: Record<string, RoleId[]>;
  };
  digest: {
    enabled: boolean;
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** Who gets the digest (defaults to itsec.itsoGroup). */
    group: string;
    /** "Falls due" section: due within this window. */
    dueWithin: string;
  };
  /** Failed sends are retried on later runs up to this many attempts. */
  maxAttempts: number;
  /** Rows of the notifications ledger kept this many days. */
  retentionDays: number;
}

export const DEFAULT_DIGEST_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  // Mondays at 07:00 (the scheduler's time zone is UTC).
  frequency: { cron: '0 7 * * 1' },
  timeout: { minutes: 15 },
};

function duration(key: string, value: string): string {
  if (!parseIsoDuration(value)) {
    throw new Error(
      `itsec.notifications.${key}: '${value}' is not an ISO 8601 duration such as P30D`,
    );
  }
  return value;
}

/** Reads `itsec.notifications`; throws naming the bad key. */
export function readNotificationsConfig(
  config: Config,
  defaults: { dueSoonWindow: string; itsoGroup: string },
): ItsecNotificationsConfig {
  const section = config.getOptionalConfig('itsec.notifications');
  // A list, not a map: statement ids contain dots, which config keys cannot.
  const statementRoles: Record<string, RoleId[]> = {};
  const entries =
    section?.getOptionalConfigArray('recipients.statementRoles') ?? [];
  entries.forEach((entry, i) => {
    const statementId = entry.getString('statement');
    const roles = entry.getStringArray('roles');
    for (const role of roles) {
      if (!ROLE_IDS.includes(role as RoleId)) {
        throw new Error(
          `itsec.notifications.recipients.statementRoles[${i}].roles: unknown role '${role}' (one of ${ROLE_IDS.join(
            ', ',
          )})`,
        );
      }
    }
    statementRoles[statementId] = roles as RoleId[];
  });
  const digest = section?.getOptionalConfig('digest');
  const retentionDays = section?.getOptionalNumber('retentionDays') ?? 400;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new Error(
      'itsec.notifications.retentionDays: must be a positive whole number',
    );
  }
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? false,
    dueSoonWindow: duration(
      'dueSoonWindow',
      section?.getOptionalString('dueSoonWindow') ?? defaults.dueSoonWindow,
    ),
    exceptionExpiryWindow: duration(
      'exceptionExpiryWindow',
      section?.getOptionalString('exceptionExpiryWindow') ?? 'P30D',
    ),
    recipients: {
      owner: section?.getOptionalBoolean('recipients.owner') ?? true,
      roleHolders:
        section?.getOptionalBoolean('recipients.roleHolders') ?? true,
      statementRoles,
    },
    digest: {
      enabled: digest?.getOptionalBoolean('enabled') ?? true,
      schedule: digest?.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            // `timeout` may be left out: the default applies.
            new ConfigReader({
              timeout: DEFAULT_DIGEST_SCHEDULE.timeout,
              ...digest.getConfig('schedule').get<JsonObject>(),
            } as JsonObject),
          )
        : DEFAULT_DIGEST_SCHEDULE,
      group: (
        digest?.getOptionalString('group') ?? defaults.itsoGroup
      ).toLocaleLowerCase('en-US'),
      dueWithin: duration(
        'digest.dueWithin',
        digest?.getOptionalString('dueWithin') ?? 'P30D',
      ),
    },
    maxAttempts: 5,
    retentionDays,
  };
}
