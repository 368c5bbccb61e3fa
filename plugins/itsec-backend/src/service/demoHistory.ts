/*
 * Demo history: a year of weekly history for the demo, built by evaluating the
 * demo catalog (and the portal records that existed then) as of past days from
 * the dates its evidence carries. Development only; the rows are stored as
 * demo rows and the history API says so.
 */
import { Config } from '@backstage/config';
import {
  History,
  PolicyCatalogue,
  SecurityProfile,
  addDays,
  evaluate,
  profileAsOf,
} from '@internal/plugin-itsec-common';
import { EntityHistoryRow, SummaryHistoryRow } from '../database/types';
import { PORTFOLIO_SCOPE, summariesOf } from './ItsecEvaluator';
import { packStatuses } from './statusCodec';

/** The config key that switches demo history on (`app-config.yaml` only). */
export const DEMO_HISTORY_CONFIG_KEY = 'itsec.demo.buildHistory';

/** Weekly points built before the first day of recorded history. */
export const DEMO_HISTORY_WEEKS = 52;

/**
 * Whether to build demo history. Throws naming the key when it is set (to
 * anything) under NODE_ENV=production, like the demo personas: invented
 * history must never reach a real portfolio.
 */
export function readDemoHistoryConfig(
  config: Config,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): boolean {
  if (!config.has(DEMO_HISTORY_CONFIG_KEY)) return false;
  if (nodeEnv === 'production') {
    throw new Error(
      `Refusing to start: ${DEMO_HISTORY_CONFIG_KEY} is configured, but NODE_ENV is production. ` +
        `It builds history from the demo catalog and is for development only: ` +
        `remove ${DEMO_HISTORY_CONFIG_KEY} from the configuration.`,
    );
  }
  return config.getBoolean(DEMO_HISTORY_CONFIG_KEY);
}

/** The weekly days before `firstDay` ('YYYY-MM-DD'), oldest first. */
export function demoHistoryDays(
  firstDay: string,
  weeks = DEMO_HISTORY_WEEKS,
): string[] {
  const days: string[] = [];
  for (let week = weeks; week >= 1; week--)
    days.push(addDays(firstDay, -7 * week));
  return days;
}

/** An entity of the demo catalog with its profile as resolved today. */
export interface DemoEntity {
  profile: SecurityProfile;
  owner?: string;
}

/**
 * The history rows of `entities` on `days` (oldest first): each profile as it
 * stood that day ({@link profileAsOf}) evaluated as of that day. Like
 * recorded history, an entity or owner gets a row when its value changed
 * (and on the first day); the portfolio gets one every day.
 */
export function buildDemoHistoryRows(options: {
  entities: readonly DemoEntity[];
  days: readonly string[];
  policy: PolicyCatalogue;
  dueSoonWindow: string;
}): { entities: EntityHistoryRow[]; summaries: SummaryHistoryRow[] } {
  const { entities, days, policy, dueSoonWindow } = options;
  const entityRows: EntityHistoryRow[] = [];
  const summaryRows: SummaryHistoryRow[] = [];
  const lastOfEntity = new Map<string, string>();
  const lastOfScope = new Map<string, string>();
  for (const day of days) {
    const results = entities.map(({ profile, owner }) => {
      const evaluation = evaluate(profileAsOf(profile, day), policy, {
        asOf: day,
        dueSoonWindow,
      });
      return {
        entityRef: profile.entityRef,
        owner,
        score: evaluation.summary.score,
        statuses: packStatuses(evaluation.results.map(r => r.status)),
      };
    });
    for (const r of results) {
      const value = `${r.score}|${r.statuses}`;
      if (lastOfEntity.get(r.entityRef) === value) continue;
      lastOfEntity.set(r.entityRef, value);
      entityRows.push({
        entityRef: r.entityRef,
        day,
        score: r.score,
        statuses: r.statuses,
        demo: true,
      });
    }
    for (const row of summariesOf(results, day)) {
      const value = `${row.entities}|${row.score}|${row.counts}`;
      if (row.scope !== PORTFOLIO_SCOPE && lastOfScope.get(row.scope) === value)
        continue;
      lastOfScope.set(row.scope, value);
      summaryRows.push({ ...row, demo: true });
    }
  }
  return { entities: entityRows, summaries: summaryRows };
}

/** The history, marked `demo` when any row it was built from is demo history. */
export function markDemo(
  history: History,
  ...rowLists: ReadonlyArray<ReadonlyArray<{ demo?: boolean }>>
): History {
  return rowLists.some(rows => rows.some(r => r.demo))
    ? { ...history, demo: true }
    : history;
}
