import {
  StatementStatus,
  addDurationToDate,
  parseIsoDuration,
} from '@internal/plugin-itsec-common';

/**
 * What the itsec backend notifies about, per entity and statement.
 *
 * - `due-soon`: in-date evidence now falls due within the notification window.
 * - `overdue`: a statement that was met (or due soon, or excepted without its
 *   exception running out) is now a gap.
 * - `exception-expiring`: an approved exception covering a gap ends within the
 *   exception window.
 * - `exception-expired`: an exception ran out and the statement is a gap again.
 */
export type TransitionKind =
  | 'due-soon'
  | 'overdue'
  | 'exception-expiring'
  | 'exception-expired';

/** Where one entity stood against one statement on one evaluation. */
export interface StatementState {
  statementId: string;
  status: StatementStatus;
  /** The date the evidence falls (fell) due; for `excepted`, the exception's expiry. */
  due?: string;
  reasons?: readonly string[];
  /** For a gap whose exception ran out: the expiry of that exception. */
  exceptionExpiredOn?: string;
}

/** One thing to notify. `due` is part of its identity (see the notifications ledger). */
export interface Transition {
  kind: TransitionKind;
  statementId: string;
  /** The due date the transition is about; the evaluation day when there is none. */
  due: string;
  from?: StatementStatus;
  to: StatementStatus;
}

export interface DetectTransitionsInput {
  /**
   * The statuses of the previous stored evaluation, by statement id;
   * `undefined` when the entity had none (new entity, or another policy).
   * Due dates are not stored, so previous states usually carry no `due`.
   */
  previous?: ReadonlyMap<string, Pick<StatementState, 'status' | 'due'>>;
  current: readonly StatementState[];
  /** Evaluation day 'YYYY-MM-DD'. */
  asOf: string;
  /** Notify `due-soon` when the due date is within this ISO 8601 duration of `asOf`. */
  dueSoonWindow: string;
  /** Notify `exception-expiring` when the expiry is within this duration of `asOf`. */
  exceptionExpiryWindow: string;
  /**
   * True when `dueSoonWindow` is the window the evaluation used for its
   * `due-soon` status: a statement that already was `due-soon` then already
   * was inside the window.
   */
  statusUsesSameWindow: boolean;
}

const IN_DATE: ReadonlySet<StatementStatus> = new Set<StatementStatus>([
  'met',
  'due-soon',
]);

/** Last day inside `window` from `asOf` ('' for a bad duration). */
export function windowEnd(asOf: string, window: string): string {
  return parseIsoDuration(window) ? addDurationToDate(asOf, window) : '';
}

function within(due: string | undefined, asOf: string, end: string): boolean {
  return Boolean(due) && Boolean(end) && due! >= asOf && due! <= end;
}

/**
 * The transitions between the previous and the current evaluation of one
 * entity. Pure: no clock, no I/O.
 *
 * Status changes (`overdue`, `exception-expired`) are edge-triggered on the
 * previous status. `due-soon` is emitted while the due date is inside the
 * window unless the previous status shows it already was, and
 * `exception-expiring` while the expiry is inside the window; the caller
 * records each transition under entity + statement + kind + due date, so a
 * transition is notified once however often it is detected.
 */
export function detectTransitions(input: DetectTransitionsInput): Transition[] {
  const { previous, current, asOf } = input;
  const soonEnd = windowEnd(asOf, input.dueSoonWindow);
  const exceptionEnd = windowEnd(asOf, input.exceptionExpiryWindow);
  const out: Transition[] = [];
  for (const cur of current) {
    const prev = previous?.get(cur.statementId);
    const from = prev?.status;
    const base = { statementId: cur.statementId, to: cur.status };
    const withFrom = from ? { from } : {};

    if (IN_DATE.has(cur.status) && within(cur.due, asOf, soonEnd)) {
      const alreadyInside =
        from === 'due-soon' &&
        input.statusUsesSameWindow &&
        (prev?.due === undefined || prev.due === cur.due);
      if (!alreadyInside) {
        out.push({ kind: 'due-soon', due: cur.due!, ...base, ...withFrom });
      }
      continue;
    }

    if (cur.status === 'excepted') {
      if (within(cur.due, asOf, exceptionEnd)) {
        out.push({
          kind: 'exception-expiring',
          due: cur.due!,
          ...base,
          ...withFrom,
        });
      }
      continue;
    }

    if (cur.status === 'gap' && from) {
      const expired = cur.reasons?.includes('exception-expired') ?? false;
      if (from === 'excepted' && expired) {
        out.push({
          kind: 'exception-expired',
          due: cur.exceptionExpiredOn ?? prev?.due ?? asOf,
          ...base,
          from,
        });
      } else if (IN_DATE.has(from) || from === 'excepted') {
        out.push({
          kind: 'overdue',
          due: cur.due ?? prev?.due ?? asOf,
          ...base,
          from,
        });
      }
    }
  }
  return out;
}
