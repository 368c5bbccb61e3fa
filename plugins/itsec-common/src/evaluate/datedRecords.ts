/*
 * Shared shapes of record checks: dated evidence that stays valid for a
 * period, reviewed documents, and records with required fields.
 */
import { addDuration, fromDayNumber, IsoDuration, toDayNumber } from '../dates';
import type { CompiledStatement } from './compile';
import {
  byState,
  Ctx,
  dueState,
  futureGap,
  gap,
  rc,
  result,
  STATE_STATUS,
} from './context';
import { normaliseStandard } from './standards';
import type { EvidenceItem, StatementResult } from './types';

/** The reason arrays of a dated piece of evidence. */
export interface DatedCodes {
  overdue: readonly string[];
  soon: readonly string[];
  met: readonly string[];
}

/** `<prefix>-overdue`, `<prefix>-due-soon` and the met code, interned. */
export function codes(prefix: string, met: string): DatedCodes {
  return {
    overdue: rc(`${prefix}-overdue`),
    soon: rc(`${prefix}-due-soon`),
    met: rc(met),
  };
}

function datedMessage(
  label: string,
  dateText: string,
  validity: IsoDuration,
  due: number,
  state: 0 | 1 | 2,
): string {
  if (state === 2) return `${label} ${dateText}: over ${validity.human} ago`;
  if (state === 1)
    return `${label} ${dateText}: due again by ${fromDayNumber(due)}`;
  return `${label} ${dateText}: next due ${fromDayNumber(due)}`;
}

/** Result for one dated piece of evidence that stays valid for `validity`. */
export function dated(
  ctx: Ctx,
  cs: CompiledStatement,
  day: number,
  dateText: string,
  validity: IsoDuration,
  label: string,
  c: DatedCodes,
  evidence: readonly EvidenceItem[],
): StatementResult {
  const due = addDuration(day, validity);
  const s = dueState(ctx, due);
  return result(
    ctx,
    cs,
    STATE_STATUS[s],
    byState(s, c.met, c.soon, c.overdue),
    datedMessage(label, dateText, validity, due, s),
    evidence,
    due,
  );
}

/** Adds gap reasons to a computed result (e.g. an incomplete record with an in-date review). */
export function withGaps(
  ctx: Ctx,
  cs: CompiledStatement,
  base: StatementResult,
  extra: readonly string[],
  extraMessage: string,
  due: number,
): StatementResult {
  const reasons = base.status === 'met' ? extra : [...extra, ...base.reasons];
  return gap(
    ctx,
    cs,
    reasons,
    `${extraMessage}; ${base.message}`,
    base.evidence,
    due,
  );
}

/**
 * A linked document with a review date (security procedures, the disposal
 * procedure): documented is enough when the statement sets no review period;
 * otherwise it is dated from its last review, and a gap without a valid one.
 */
export function reviewedDocument(
  ctx: Ctx,
  cs: CompiledStatement,
  reviewedOn: string | undefined,
  what: string,
  c: {
    documented: readonly string[];
    noDate: readonly string[];
    dated: DatedCodes;
  },
  evidence: readonly EvidenceItem[],
): { res: StatementResult; due: number } {
  if (!cs.validity) {
    return {
      res: result(
        ctx,
        cs,
        'met',
        c.documented,
        `${what} documented`,
        evidence,
        NaN,
      ),
      due: NaN,
    };
  }
  const day = toDayNumber(reviewedOn);
  if (Number.isNaN(day)) {
    return {
      res: gap(
        ctx,
        cs,
        c.noDate,
        `${what} linked, but no valid review date recorded`,
        evidence,
      ),
      due: NaN,
    };
  }
  if (day > ctx.asOf) {
    return {
      res: futureGap(ctx, cs, `${what} review dated`, reviewedOn!, evidence),
      due: NaN,
    };
  }
  return {
    res: dated(
      ctx,
      cs,
      day,
      reviewedOn!,
      cs.validity,
      `${what} last reviewed`,
      c.dated,
      evidence,
    ),
    due: addDuration(day, cs.validity),
  };
}

/**
 * A complete record with a date: dated from it when the statement sets a
 * review period, else met as recorded (statements reviewed "on change").
 */
export function datedOrRecorded(
  ctx: Ctx,
  cs: CompiledStatement,
  day: number,
  date: string,
  datedLabel: string,
  datedCodes: DatedCodes,
  recordedCodes: readonly string[],
  recordedMessage: string,
  evidence: readonly EvidenceItem[],
): StatementResult {
  if (cs.validity)
    return dated(
      ctx,
      cs,
      day,
      date,
      cs.validity,
      datedLabel,
      datedCodes,
      evidence,
    );
  return result(ctx, cs, 'met', recordedCodes, recordedMessage, evidence, NaN);
}

/**
 * A gap naming the record's missing fields (`fields`: name, missing?), or
 * undefined when the record is complete.
 */
export function incompleteRecord(
  ctx: Ctx,
  cs: CompiledStatement,
  reasons: readonly string[],
  what: string,
  fields: ReadonlyArray<readonly [name: string, missing: boolean]>,
  evidence: readonly EvidenceItem[],
): StatementResult | undefined {
  let missing: string[] | undefined;
  for (let i = 0; i < fields.length; i++)
    if (fields[i][1]) (missing ??= []).push(fields[i][0]);
  if (!missing) return undefined;
  return gap(
    ctx,
    cs,
    reasons,
    `${what} record is missing: ${missing.join(', ')}`,
    evidence,
  );
}

/** Whether a cited standard is one the statement accepts. */
export function standardAccepted(
  cs: CompiledStatement,
  value: string,
): boolean {
  const n = normaliseStandard(value);
  const list = cs.acceptedStandards;
  for (let i = 0; i < list.length; i++) if (n.includes(list[i])) return true;
  return false;
}
