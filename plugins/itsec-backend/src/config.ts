import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  CheckDefinition,
  PolicyCatalogue,
  SCORED_KINDS,
  isScoredKind,
  mojIctSecurityPolicy,
  parseIsoDuration,
  parsePolicyCatalogueText,
} from '@internal/plugin-itsec-common';
import fs from 'node:fs';
import path from 'node:path';

/** The itsec backend's settings, read from the `itsec` config section. */
export interface ItsecBackendConfig {
  /** Catalog kinds that get a scorecard (lowercase). */
  kinds: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  dueSoonWindow: string;
  /** Days of history kept; older rows are pruned (keeping each series' baseline). */
  historyRetentionDays: number;
  policy: PolicyCatalogue;
  /** The longest an exception may run from its request or approval (ISO 8601). */
  exceptionMaxDuration: string;
}

export const DEFAULT_EXCEPTION_MAX_DURATION = 'P12M';

export const DEFAULT_KINDS: readonly string[] = SCORED_KINDS;

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 10 },
};

export const DEFAULT_RETENTION_DAYS = 400;

/**
 * Reads the `itsec` config section; throws naming the bad key. The policy
 * file may map statements to `options.checks` besides the built-in checks.
 */
export function readItsecBackendConfig(
  config: Config,
  options?: { checks?: readonly CheckDefinition[] },
): ItsecBackendConfig {
  const section = config.getOptionalConfig('itsec');
  const kinds = (section?.getOptionalStringArray('kinds') ?? DEFAULT_KINDS).map(
    k => k.toLocaleLowerCase('en-US'),
  );
  const unscored = kinds.find(k => !isScoredKind(k));
  if (unscored !== undefined) {
    throw new Error(
      `itsec.kinds: '${unscored}' is not a kind that gets a scorecard; use some of ${SCORED_KINDS.join(
        ', ',
      )} (a Domain is not scored: its Systems inherit its roles and facts)`,
    );
  }
  const schedule = section?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        section.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const dueSoonWindow = section?.getOptionalString('dueSoonWindow') ?? 'P30D';
  if (!parseIsoDuration(dueSoonWindow)) {
    throw new Error(
      `itsec.dueSoonWindow: '${dueSoonWindow}' is not an ISO 8601 duration such as P30D`,
    );
  }
  const retention =
    section?.getOptionalNumber('history.retentionDays') ??
    DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retention) || retention < 1) {
    throw new Error(
      'itsec.history.retentionDays: must be a positive whole number',
    );
  }
  const exceptionMaxDuration =
    section?.getOptionalString('exceptions.maxDuration') ??
    DEFAULT_EXCEPTION_MAX_DURATION;
  if (!parseIsoDuration(exceptionMaxDuration)) {
    throw new Error(
      `itsec.exceptions.maxDuration: '${exceptionMaxDuration}' is not an ISO 8601 duration such as P12M`,
    );
  }
  const policyFile = section?.getOptionalString('policyFile');
  let policy = mojIctSecurityPolicy;
  if (policyFile) {
    const file = path.resolve(policyFile);
    policy = parsePolicyCatalogueText(fs.readFileSync(file, 'utf8'), file, {
      checks: options?.checks,
    });
  }
  return {
    kinds,
    schedule,
    dueSoonWindow,
    historyRetentionDays: retention,
    policy,
    exceptionMaxDuration,
  };
}
