import {
  EntityEvaluation,
  ExceptionRecord,
  MyRelation,
  MyScorecard,
  MyTask,
  PolicyCatalogue,
  ROLE_IDS,
  RoleId,
  SecurityProfile,
  addDurationToDate,
  evaluate,
  parseIsoDuration,
  roleAcknowledgementStatements,
} from '@internal/plugin-itsec-common';
import type { StoredResultWithProfile } from '../database/types';

/** Who is asking: the signed-in user and the refs they own through (their groups). */
export interface MyIdentity {
  userEntityRef: string;
  ownershipEntityRefs: readonly string[];
}

/** What the "my" views read; the handler supplies it, tests supply stand-ins. */
export interface MyWorkSources {
  policy: PolicyCatalogue;
  dueSoonWindow: string;
  /** The evaluation date ('YYYY-MM-DD'). */
  asOf: string;
  /**
   * The stored results, with their resolved profiles, of at least every
   * entity the caller owns (through `ownershipEntityRefs`) or holds a role
   * on; others may come too (relations are checked here again).
   */
  results(me: MyIdentity): Promise<StoredResultWithProfile[]>;
  /** The titles of those of `refs` that have one. */
  titles(refs: string[]): Promise<Map<string, string>>;
  /** The refs among `refs` the caller may see (catalog read permission). */
  visible(refs: string[]): Promise<Set<string>>;
  /** Exceptions in the `requested` state. */
  requestedExceptions(): Promise<ExceptionRecord[]>;
  /** The ids among `exceptions` the caller may approve (approve permission on each entity). */
  mayDecide(exceptions: ExceptionRecord[]): Promise<Set<string>>;
}

/** Organisation-wide roles are acknowledged once, not per system. */
const ORG_WIDE: ReadonlySet<RoleId> = new Set(['moj-siro', 'itso']);

function lower(v: string) {
  return v.toLocaleLowerCase('en-US');
}

function relationsOf(
  profile: SecurityProfile,
  owner: string | undefined,
  me: MyIdentity,
): MyRelation[] {
  const user = lower(me.userEntityRef);
  const out: MyRelation[] = [];
  if (owner && me.ownershipEntityRefs.some(r => lower(r) === lower(owner))) {
    out.push('owner');
  }
  for (const role of ROLE_IDS) {
    if ((profile.roles[role] ?? []).some(h => lower(h.ref) === user)) {
      out.push(role);
    }
  }
  return out;
}

interface Mine {
  row: StoredResultWithProfile;
  relations: MyRelation[];
  evaluation: EntityEvaluation;
}

async function myEntities(
  src: MyWorkSources,
  me: MyIdentity,
  rows: StoredResultWithProfile[],
): Promise<Mine[]> {
  const candidates = rows.flatMap(row => {
    const relations = relationsOf(row.profile, row.owner, me);
    return relations.length ? [{ row, relations }] : [];
  });
  const visible = await src.visible(candidates.map(c => c.row.entityRef));
  return candidates
    .filter(c => visible.has(c.row.entityRef))
    .map(c => ({
      ...c,
      evaluation: evaluate(c.row.profile, src.policy, {
        asOf: c.row.asOf > src.asOf ? c.row.asOf : src.asOf,
        dueSoonWindow: src.dueSoonWindow,
      }),
    }));
}

/**
 * The caller's scorecards: entities their groups own or on which they hold a
 * security role, worst first (lowest score, then most gaps; unscored last).
 */
export async function listMyScorecards(
  src: MyWorkSources,
  me: MyIdentity,
): Promise<MyScorecard[]> {
  const titles = new Map(src.policy.statements.map(s => [s.id, s.title]));
  const mine = await myEntities(src, me, await src.results(me));
  const items = mine.map(({ row, relations, evaluation }): MyScorecard => {
    const { summary, results } = evaluation;
    const next = summary.nextDue
      ? results.find(
          r =>
            r.due === summary.nextDue &&
            (r.status === 'met' ||
              r.status === 'due-soon' ||
              r.status === 'excepted'),
        )
      : undefined;
    const gap = summary.topGaps[0];
    return {
      entityRef: row.entityRef,
      kind: row.kind,
      ...(row.title ? { title: row.title } : {}),
      relations,
      score: summary.score,
      gaps: summary.counts.gap,
      dueSoon: summary.counts['due-soon'],
      ...(next && summary.nextDue
        ? {
            nextDue: {
              date: summary.nextDue,
              statementId: next.statementId,
              title: titles.get(next.statementId) ?? next.statementId,
            },
          }
        : {}),
      ...(gap
        ? { firstGap: { statementId: gap.statementId, title: gap.title } }
        : {}),
    };
  });
  return items.sort(
    (a, b) =>
      (a.score ?? 101) - (b.score ?? 101) ||
      b.gaps - a.gaps ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

/**
 * What the caller has to do, soonest first: roles they hold and have not
 * acknowledged (or whose acknowledgement lapses within the window),
 * exceptions waiting for their decision as approving SIRO, evidence on their
 * entities falling due within the window, and Codes of Connection up for
 * review. Reusable by any caller that has the sources (router, MCP action).
 */
export async function listMyTasks(
  src: MyWorkSources,
  me: MyIdentity,
): Promise<MyTask[]> {
  const user = lower(me.userEntityRef);
  const window = parseIsoDuration(src.dueSoonWindow);
  const horizon = window ? addDurationToDate(src.asOf, window) : src.asOf;
  const titles = new Map(src.policy.statements.map(s => [s.id, s]));
  const ackStatements = roleAcknowledgementStatements(src.policy);
  const ackIds = new Set(ackStatements.map(s => s.id));
  const cocIds = new Set(
    src.policy.statements
      .filter(s => s.check === 'codes-of-connection')
      .map(s => s.id),
  );
  const tasks: MyTask[] = [];
  const mine = await myEntities(src, me, await src.results(me));

  for (const { row, relations, evaluation } of mine) {
    const title = row.title ? { title: row.title } : {};
    const ack = ackStatements[0];
    const myRoles = relations.filter(
      (r): r is RoleId => r !== 'owner' && !ORG_WIDE.has(r as RoleId),
    );
    if (ack && myRoles.length) {
      const validity =
        (row.profile.sensitive && ack.validityWhenSensitive) || ack.validity;
      let due: string | undefined;
      for (const a of row.profile.attestations) {
        if (!ackIds.has(a.statementId) || lower(a.attestedBy) !== user)
          continue;
        if (a.attestedOn > src.asOf) continue;
        let until = validity
          ? addDurationToDate(a.attestedOn, validity)
          : '9999-12-31';
        if (a.validUntil && a.validUntil < until) until = a.validUntil;
        if (!due || until > due) due = until;
      }
      if (!due || due <= horizon) {
        tasks.push({
          type: 'acknowledge-role',
          entityRef: row.entityRef,
          ...title,
          roles: myRoles,
          statementId: ack.id,
          ...(due ? { due } : {}),
        });
      }
    }
    for (const r of evaluation.results) {
      if (ackIds.has(r.statementId)) continue;
      if (cocIds.has(r.statementId)) {
        // Any agreed connection whose review falls due within the window (or
        // is overdue), whatever else makes the statement a gap.
        if (r.due && r.due <= horizon && r.status !== 'not-applicable') {
          tasks.push({
            type: 'connection-review',
            entityRef: row.entityRef,
            ...title,
            statementId: r.statementId,
            due: r.due,
            overdue: r.due < src.asOf,
            message: r.message,
          });
        }
        continue;
      }
      if (r.status === 'due-soon' && r.due) {
        tasks.push({
          type: 'evidence-due',
          entityRef: row.entityRef,
          ...title,
          statementId: r.statementId,
          statementTitle: titles.get(r.statementId)?.title ?? r.statementId,
          due: r.due,
          ...(r.remediation?.hint ? { hint: r.remediation.hint } : {}),
        });
      }
    }
  }

  const requested = (await src.requestedExceptions()).filter(
    e => lower(e.requestedBy) !== user,
  );
  if (requested.length) {
    const visible = await src.visible([
      ...new Set(requested.map(e => e.entityRef)),
    ]);
    const candidates = requested.filter(e => visible.has(e.entityRef));
    const allowed = await src.mayDecide(candidates);
    const titleOf = await src.titles(candidates.map(e => e.entityRef));
    for (const e of candidates) {
      if (!allowed.has(e.id)) continue;
      const t = titleOf.get(e.entityRef);
      tasks.push({
        type: 'decide-exception',
        entityRef: e.entityRef,
        ...(t ? { title: t } : {}),
        exception: e,
      });
    }
  }

  const dueOf = (t: MyTask): string => {
    if (t.type === 'decide-exception') {
      return t.exception.requestedAt.slice(0, 10);
    }
    return t.due ?? '';
  };
  return tasks.sort(
    (a, b) =>
      dueOf(a).localeCompare(dueOf(b)) ||
      a.entityRef.localeCompare(b.entityRef),
  );
}
