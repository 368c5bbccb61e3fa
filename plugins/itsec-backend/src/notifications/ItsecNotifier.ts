import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  PolicyCatalogue,
  PolicyStatement,
  SecurityProfile,
  StatementResult,
  STATEMENT_STATUSES_WORST_FIRST,
  StatementStatus,
  addDays,
  addDurationToDate,
  daysBefore,
  evaluate,
  isoDay,
  weekStartOf,
} from '@internal/plugin-itsec-common';
import type { ItsecClock } from '@internal/plugin-itsec-node';
import { ItsecStore, StoredResultWithProfile } from '../database/types';
import { policyKeyOf } from '../service/profiles';
import { unpackStatuses } from '../service/statusCodec';
import { ItsecNotificationsConfig } from './config';
import { entitySecurityLink, portfolioLink } from './links';
import { NotificationClaim, NotificationLedger } from './NotificationLedger';
import { recipientsFor } from './recipients';
import {
  StatementState,
  Transition,
  TransitionKind,
  detectTransitions,
} from './transitions';

/** Topics of the itsec notifications (users can mute them per topic). */
export const NOTIFICATION_TOPICS: Readonly<Record<TransitionKind, string>> = {
  'due-soon': 'itsec-due-soon',
  overdue: 'itsec-overdue',
  'exception-expiring': 'itsec-exception-expiring',
  'exception-expired': 'itsec-exception-expired',
};
export const DIGEST_TOPIC = 'itsec-weekly-digest';

const SEVERITY: Readonly<Record<TransitionKind, NotificationSeverity>> = {
  'due-soon': 'normal',
  overdue: 'high',
  'exception-expiring': 'normal',
  'exception-expired': 'high',
};

/** The digest's sections: ledger kinds. */
export type DigestSection =
  | 'digest-new-gaps'
  | 'digest-closed-gaps'
  | 'digest-falls-due'
  | 'digest-new-entities'
  | 'digest-quiet';

/** Statement id recorded for digest rows in the ledger. */
export const DIGEST_STATEMENT = '*';

/** How many entities a description names before "and N more". */
const NAMES_LISTED = 3;
/** How many statements a digest description lists. */
const STATEMENTS_LISTED = 8;
/** A pending send older than this is taken over by the next run. */
const STALE_PENDING_MS = 60 * 60 * 1000;

function nameOf(entityRef: string, title?: string): string {
  return title || parseEntityRef(entityRef).name;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, NAMES_LISTED).join(', ');
  return names.length > NAMES_LISTED
    ? `${shown} and ${names.length - NAMES_LISTED} more`
    : shown;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The expiry of the exception that ran out for a statement (latest first). */
function expiredExceptionOf(
  profile: SecurityProfile,
  statementId: string,
  asOf: string,
): string | undefined {
  let latest: string | undefined;
  for (const e of profile.exceptions ?? []) {
    if (e.statementId !== statementId) continue;
    const ranOut =
      e.status === 'expired' || (e.status === 'approved' && e.expiresOn < asOf);
    if (ranOut && (!latest || e.expiresOn > latest)) latest = e.expiresOn;
  }
  return latest;
}

/** Where the notification of each transition goes and what it says. */
export interface BuiltNotification {
  transition: Transition;
  send?: NotificationSendOptions;
}

/**
 * Sends the itsec backend's notifications: transitions found after each
 * write of results, and the weekly digest. Every notification is claimed in
 * the {@link NotificationLedger} before it is sent, so it goes out once.
 */
export class ItsecNotifier {
  private readonly statements: Map<string, PolicyStatement>;
  private readonly statementIds: string[];
  private readonly policyKey: string;

  constructor(
    private readonly options: {
      config: ItsecNotificationsConfig;
      /** The window the evaluation uses for the `due-soon` status (itsec.dueSoonWindow). */
      evaluationDueSoonWindow: string;
      policy: PolicyCatalogue;
      store: ItsecStore;
      ledger: NotificationLedger;
      notifications: NotificationService;
      logger: LoggerService;
      clock: ItsecClock;
    },
  ) {
    this.statements = new Map(options.policy.statements.map(s => [s.id, s]));
    this.statementIds = options.policy.statements.map(s => s.id);
    this.policyKey = policyKeyOf(options.policy);
  }

  get enabled(): boolean {
    return this.options.config.enabled;
  }

  get digestEnabled(): boolean {
    return this.options.config.enabled && this.options.config.digest.enabled;
  }

  private statementLabel(id: string): string {
    const title = this.statements.get(id)?.title;
    return title ? `${id} ${title}` : id;
  }

  /**
   * After results were written: detects transitions against the statuses the
   * write replaced and sends a notification for each one not sent before.
   * Returns the notifications this call sent.
   */
  async afterWrite(options: {
    asOf: string;
    results: readonly StoredResultWithProfile[];
    previous?: ReadonlyMap<
      string,
      { statuses: string; policyKey: string } | null
    >;
  }): Promise<number> {
    if (!this.enabled) return 0;
    const { asOf, results } = options;
    const previous = options.previous ?? new Map();
    const { config, evaluationDueSoonWindow, policy } = this.options;
    const sameWindow = config.dueSoonWindow === evaluationDueSoonWindow;
    const built: Array<{
      result: StoredResultWithProfile;
      transition: Transition;
      statement: StatementResult;
    }> = [];
    for (const result of results) {
      const changed = previous.has(result.entityRef);
      // Unchanged statuses can only hold exceptions nearing their end (and
      // due dates entering a notification window the status does not show).
      if (!changed && sameWindow && !result.statuses.includes('x')) continue;
      if (result.policyKey !== this.policyKey) continue;
      const before = changed ? previous.get(result.entityRef) : result;
      const prevStatuses =
        before && before.policyKey === result.policyKey
          ? unpackStatuses(before.statuses, this.statementIds)
          : undefined;
      const evaluation = evaluate(result.profile, policy, {
        asOf,
        dueSoonWindow: evaluationDueSoonWindow,
      });
      const byId = new Map(evaluation.results.map(r => [r.statementId, r]));
      const current: StatementState[] = evaluation.results.map(r => ({
        statementId: r.statementId,
        status: r.status,
        ...(r.due ? { due: r.due } : {}),
        reasons: r.reasons,
        ...(r.status === 'gap' && r.reasons.includes('exception-expired')
          ? {
              exceptionExpiredOn: expiredExceptionOf(
                result.profile,
                r.statementId,
                asOf,
              ),
            }
          : {}),
      }));
      const transitions = detectTransitions({
        previous: prevStatuses
          ? new Map(
              Object.entries(prevStatuses).map(([id, status]) => [
                id,
                { status },
              ]),
            )
          : undefined,
        current,
        asOf,
        dueSoonWindow: config.dueSoonWindow,
        exceptionExpiryWindow: config.exceptionExpiryWindow,
        statusUsesSameWindow: sameWindow,
      });
      for (const transition of transitions) {
        built.push({
          result,
          transition,
          statement: byId.get(transition.statementId)!,
        });
      }
    }
    if (built.length === 0) return 0;
    const claims: NotificationClaim[] = built.map(b => ({
      entityRef: b.result.entityRef,
      statementId: b.transition.statementId,
      kind: b.transition.kind,
      due: b.transition.due,
      send: this.transitionNotification(b.result, b.transition, b.statement),
    }));
    return this.claimAndSend(claims);
  }

  /** The notification of one transition; `undefined` when nobody is to be told. */
  transitionNotification(
    result: Pick<
      StoredResultWithProfile,
      'entityRef' | 'title' | 'owner' | 'profile'
    >,
    transition: Transition,
    statement?: Pick<StatementResult, 'message' | 'remediation'>,
  ): NotificationSendOptions | undefined {
    const { config } = this.options;
    const { kind, statementId, due } = transition;
    const policyStatement = this.statements.get(statementId);
    // A statement the policy no longer has: there is nobody's job to tell.
    if (!policyStatement) return undefined;
    const { entityRefs, roles } = recipientsFor({
      statement: policyStatement,
      kind,
      owner: result.owner,
      profile: result.profile,
      includeOwner: config.recipients.owner,
      includeRoleHolders: config.recipients.roleHolders,
      statementRoles: config.recipients.statementRoles,
    });
    if (entityRefs.length === 0) return undefined;
    const name = nameOf(result.entityRef, result.title);
    const label = this.statementLabel(statementId);
    const titles: Record<TransitionKind, string> = {
      'due-soon': `${name}: ${label} falls due on ${due}`,
      overdue: `${name}: ${label} is now a gap`,
      'exception-expiring': `${name}: the exception for ${statementId} ends on ${due}`,
      'exception-expired': `${name}: the exception for ${statementId} expired on ${due}; it is a gap again`,
    };
    const parts = [statement?.message, statement?.remediation?.hint].filter(
      (p): p is string => Boolean(p),
    );
    parts.push(
      `Sent to the owner${
        roles.length ? ` and the ${roles.join(', ')} role holders` : ''
      } of ${result.entityRef}.`,
    );
    return {
      recipients: { type: 'entity', entityRef: entityRefs },
      payload: {
        title: titles[kind],
        description: parts.join(' — '),
        link: entitySecurityLink(result.entityRef),
        severity: SEVERITY[kind],
        topic: NOTIFICATION_TOPICS[kind],
        scope: `itsec:${result.entityRef}:${statementId}:${kind}:${due}`,
      },
    };
  }

  private async claimAndSend(claims: NotificationClaim[]): Promise<number> {
    const { ledger, clock } = this.options;
    const won = await ledger.claim(claims, clock.now().toISOString());
    let sent = 0;
    for (const claim of won) {
      if (claim.send && (await this.trySend(claim, claim.send))) sent++;
    }
    return sent;
  }

  private async trySend(
    key: NotificationClaim,
    send: NotificationSendOptions,
  ): Promise<boolean> {
    const { ledger, notifications, clock, logger } = this.options;
    try {
      await notifications.send(send);
      await ledger.markSent(key, clock.now().toISOString());
      return true;
    } catch (error) {
      logger.warn(
        `itsec notification ${key.kind} for ${key.entityRef} ${key.statementId} failed; retried on the next run`,
        error as Error,
      );
      await ledger.markFailed(key, clock.now().toISOString());
      return false;
    }
  }

  /**
   * Housekeeping after a full run: retries failed (and abandoned pending)
   * sends, and prunes ledger rows past the retention. Returns the retries sent.
   */
  async afterRun(): Promise<number> {
    if (!this.enabled) return 0;
    const { ledger, clock, config } = this.options;
    const now = clock.now();
    const retries = await ledger.claimRetries({
      maxAttempts: config.maxAttempts,
      staleBefore: new Date(now.getTime() - STALE_PENDING_MS).toISOString(),
      now: now.toISOString(),
    });
    let sent = 0;
    for (const row of retries) {
      if (row.send && (await this.trySend(row, row.send))) sent++;
    }
    await ledger.prune(daysBefore(now, config.retentionDays).toISOString());
    return sent;
  }

  /**
   * The weekly digest to the ITSO group, at most once per ISO week: gaps
   * opened and closed over the last 7 days, and what falls due within
   * `digest.dueWithin`, each with a link to the portfolio filtered to it.
   */
  async sendDigest(): Promise<number> {
    if (!this.digestEnabled) return 0;
    const digest = await this.buildDigest();
    return this.claimAndSend(digest);
  }

  /** The digest's notifications for this week (not sent). */
  async buildDigest(): Promise<NotificationClaim[]> {
    const { store, clock, config, policy, evaluationDueSoonWindow } =
      this.options;
    const asOf = isoDay(clock.now());
    const week = weekStartOf(asOf);
    const since = addDays(asOf, -7);
    const dueUntil = addDurationToDate(asOf, config.digest.dueWithin);
    const results = (await store.listResults()).filter(
      r => r.policyKey === this.policyKey,
    );
    const refs = results.map(r => r.entityRef);
    const baseline = new Map(
      (await store.getEntityHistoryBaseline(refs, since)).map(h => [
        h.entityRef,
        h.statuses,
      ]),
    );
    const titles = new Map(results.map(r => [r.entityRef, r.title]));

    type Item = { entityRef: string; status: StatementStatus; due?: string };
    const opened = new Map<string, Item[]>();
    const closed = new Map<string, Item[]>();
    const fallsDue = new Map<string, Item[]>();
    const add = (map: Map<string, Item[]>, id: string, item: Item) => {
      const list = map.get(id);
      if (list) list.push(item);
      else map.set(id, [item]);
    };
    // Entities first evaluated this week (new to the catalog, or a fresh
    // database) have no earlier state: their gaps are not "opened", they are
    // reported once as newly tracked.
    const firstEvaluated: Array<{ entityRef: string; gaps: number }> = [];
    for (const r of results) {
      const then = baseline.get(r.entityRef);
      if (then === undefined) {
        const gaps = [...r.statuses].filter(c => c === 'g').length;
        firstEvaluated.push({ entityRef: r.entityRef, gaps });
        continue;
      }
      for (let i = 0; i < r.statuses.length; i++) {
        const id = this.statementIds[i];
        if (!id) break;
        const nowGap = r.statuses[i] === 'g';
        const wasGap = then[i] === 'g';
        if (nowGap && !wasGap) {
          add(opened, id, { entityRef: r.entityRef, status: 'gap' });
        } else if (!nowGap && wasGap) {
          const status = unpackStatuses(r.statuses[i], [id])[id];
          if (status) add(closed, id, { entityRef: r.entityRef, status });
        }
      }
    }
    // Due dates are not stored: evaluate the stored profiles, a page at a time.
    const candidates = results
      .filter(r => /[mdx]/.test(r.statuses))
      .map(r => r.entityRef);
    for (let i = 0; i < candidates.length; i += 500) {
      const page = await store.getResultsWithProfile(
        candidates.slice(i, i + 500),
      );
      for (const r of page) {
        const evaluation = evaluate(r.profile, policy, {
          asOf,
          dueSoonWindow: evaluationDueSoonWindow,
        });
        for (const s of evaluation.results) {
          if (
            (s.status === 'met' ||
              s.status === 'due-soon' ||
              s.status === 'excepted') &&
            s.due &&
            s.due >= asOf &&
            s.due <= dueUntil
          ) {
            add(fallsDue, s.statementId, {
              entityRef: r.entityRef,
              status: s.status,
              due: s.due,
            });
          }
        }
      }
    }

    const describe = (map: Map<string, Item[]>, withDue: boolean) =>
      [...map.entries()]
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .slice(0, STATEMENTS_LISTED)
        .map(([id, items]) => {
          const sorted = withDue
            ? [...items].sort((a, b) =>
                (a.due ?? '').localeCompare(b.due ?? ''),
              )
            : items;
          const names = sorted.map(
            it =>
              `${nameOf(it.entityRef, titles.get(it.entityRef))}${
                withDue && it.due ? ` (${it.due})` : ''
              }`,
          );
          return `${this.statementLabel(id)}: ${listNames(names)}`;
        })
        .join('; ');
    const count = (map: Map<string, Item[]>) =>
      [...map.values()].reduce((n, l) => n + l.length, 0);
    const entities = (map: Map<string, Item[]>) =>
      new Set([...map.values()].flat().map(i => i.entityRef)).size;
    const statusesOf = (map: Map<string, Item[]>) =>
      [...new Set([...map.values()].flat().map(i => i.status))].sort(
        (a, b) =>
          STATEMENT_STATUSES_WORST_FIRST.indexOf(a) -
          STATEMENT_STATUSES_WORST_FIRST.indexOf(b),
      );
    const statementsOf = (map: Map<string, Item[]>) =>
      [...map.keys()].sort(
        (a, b) => this.statementIds.indexOf(a) - this.statementIds.indexOf(b),
      );

    const recipients = {
      type: 'entity' as const,
      entityRef: [config.digest.group],
    };
    const claim = (
      kind: DigestSection,
      title: string,
      description: string,
      link: string,
    ): NotificationClaim => ({
      entityRef: config.digest.group,
      statementId: DIGEST_STATEMENT,
      kind,
      due: week,
      send: {
        recipients,
        payload: {
          title,
          description,
          link,
          severity: 'normal',
          topic: DIGEST_TOPIC,
          scope: `itsec:digest:${kind}:${week}`,
        },
      },
    });

    const out: NotificationClaim[] = [];
    if (opened.size > 0) {
      out.push(
        claim(
          'digest-new-gaps',
          `ITSEC weekly digest: ${plural(count(opened), 'new gap')} on ${plural(
            entities(opened),
            'entity',
            'entities',
          )}`,
          `Gaps opened since ${since}. ${describe(opened, false)}`,
          portfolioLink({ status: ['gap'], statement: statementsOf(opened) }),
        ),
      );
    }
    if (closed.size > 0) {
      out.push(
        claim(
          'digest-closed-gaps',
          `ITSEC weekly digest: ${plural(
            count(closed),
            'gap',
          )} closed on ${plural(entities(closed), 'entity', 'entities')}`,
          `Gaps closed since ${since}. ${describe(closed, false)}`,
          portfolioLink({
            status: statusesOf(closed),
            statement: statementsOf(closed),
          }),
        ),
      );
    }
    if (fallsDue.size > 0) {
      out.push(
        claim(
          'digest-falls-due',
          `ITSEC weekly digest: ${plural(count(fallsDue), 'item')} fall${
            count(fallsDue) === 1 ? 's' : ''
          } due by ${dueUntil}`,
          `Evidence and exceptions falling due between ${asOf} and ${dueUntil}. ${describe(
            fallsDue,
            true,
          )}`,
          portfolioLink({
            status: statusesOf(fallsDue),
            statement: statementsOf(fallsDue),
          }),
        ),
      );
    }
    if (firstEvaluated.length > 0) {
      const gaps = firstEvaluated.reduce((n, e) => n + e.gaps, 0);
      const withMostGaps = [...firstEvaluated]
        .sort(
          (a, b) => b.gaps - a.gaps || a.entityRef.localeCompare(b.entityRef),
        )
        .map(
          e =>
            `${nameOf(e.entityRef, titles.get(e.entityRef))} (${plural(
              e.gaps,
              'gap',
            )})`,
        );
      out.push(
        claim(
          'digest-new-entities',
          `ITSEC weekly digest: ${plural(
            firstEvaluated.length,
            'entity',
            'entities',
          )} evaluated for the first time`,
          `First evaluated since ${since}, with ${plural(
            gaps,
            'gap',
          )} between them: ${listNames(withMostGaps)}.`,
          portfolioLink({ status: ['gap'] }),
        ),
      );
    }
    if (out.length === 0) {
      out.push(
        claim(
          'digest-quiet',
          'ITSEC weekly digest: no change',
          `No gaps opened or closed since ${since}, and nothing falls due by ${dueUntil}.`,
          portfolioLink(),
        ),
      );
    }
    return out;
  }
}
