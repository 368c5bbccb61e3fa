/*
 * What a check sees of the entity being evaluated, and the few helpers every
 * check uses to build a result. Results, reason arrays and remediations are
 * shared and frozen where possible: the engine runs ~50 checks per entity.
 */
import { fromDayNumber, IsoDuration } from '../dates';
import {
  Attestation,
  Classification,
  CodeOfConnection,
  OWN_SOURCE,
  PolicyException,
  ProfileRecords,
  ProfileSource,
  RoleHolder,
  SecurityProfile,
  Sourced,
} from '../profile/types';
import type { CompiledPolicy, CompiledStatement } from './compile';
import { buildRemediation } from './remediation';
import type {
  EvidenceItem,
  Remediation,
  StatementResult,
  StatementStatus,
} from './types';

/** The entity being evaluated, as the checks see it. @public */
export interface Ctx {
  cp: CompiledPolicy;
  p: SecurityProfile;
  records: ProfileRecords;
  /** Holder lists by role index (ROLE_IDS order). */
  roleLists: (RoleHolder[] | undefined)[];
  attestations: readonly Attestation[];
  /** Per statement index: first attestation index for it, or -1 (a linked list through attNext). */
  attHead: Int32Array;
  attNext: Int32Array;
  exceptions: readonly PolicyException[];
  cocs: readonly CodeOfConnection[];
  asOf: number;
  asOfText: string;
  /** Last day counted as due-soon: asOf + window. */
  soon: number;
  cls: Classification | undefined;
  sensitive: boolean;
  /** Effective flag bits that are true. */
  flagsTrue: number;
  /** Flag bits that are known (recorded or derivable). */
  flagsKnown: number;
  /** Earliest future due among met / due-soon / excepted results. */
  nextDue: number;
}

const reasonCache = new Map<string, readonly string[]>();
/** A frozen single-reason array, interned. */
export function rc(code: string): readonly string[] {
  let r = reasonCache.get(code);
  if (!r) {
    r = Object.freeze([code]);
    reasonCache.set(code, r);
  }
  return r;
}

export const NO_EVIDENCE: readonly EvidenceItem[] = Object.freeze([]);
export const EMPTY: Readonly<Record<string, any>> = Object.freeze({});
export const EMPTY_LIST: readonly any[] = Object.freeze([]);

/** Where a profile value came from (own unless it says inherited). @public */
export function src(x: Sourced | undefined): ProfileSource {
  return x?.source ?? OWN_SOURCE;
}

/** One piece of evidence for a result. @public */
export function ev(
  kind: EvidenceItem['kind'],
  label: string,
  date: string | undefined,
  link: string | undefined,
  source: ProfileSource,
): EvidenceItem {
  return { kind, label, date, link, source };
}

/** Marks evidence a team declared in catalog-info.yaml rather than a person recorded in the portal. */
export function declaredNote(a: Attestation): string {
  return a.origin === 'catalog' ? ' (declared in catalog-info.yaml)' : '';
}

export function remediationFor(
  cs: CompiledStatement,
  reason: string,
): Remediation {
  // Most statements fail for one dominant reason: a one-entry memo avoids the map lookup.
  if (cs.lastReason === reason) return cs.lastRemediation!;
  let r = cs.remediations.get(reason);
  if (r === undefined) {
    r = buildRemediation(cs, reason);
    cs.remediations.set(reason, r);
  }
  cs.lastReason = reason;
  cs.lastRemediation = r;
  return r;
}

/**
 * A statement's result; `due` is a day number (NaN when none). Gaps and
 * due-soon results get the remediation of their first reason.
 *
 * @public
 */
export function result(
  ctx: Ctx,
  cs: CompiledStatement,
  status: StatementStatus,
  reasons: readonly string[],
  message: string,
  evidence: readonly EvidenceItem[],
  due: number,
): StatementResult {
  const finite = !Number.isNaN(due) && due !== Infinity && due !== -Infinity;
  if (finite && status !== 'gap' && due >= ctx.asOf && due < ctx.nextDue)
    ctx.nextDue = due;
  return {
    statementId: cs.id,
    kind: cs.kind,
    severity: cs.severity,
    status,
    reasons,
    message,
    evidence,
    due: finite ? fromDayNumber(due) : undefined,
    remediation:
      status === 'gap' || status === 'due-soon'
        ? remediationFor(cs, reasons[0])
        : undefined,
  };
}

/** A `gap` result (see {@link result}). @public */
export function gap(
  ctx: Ctx,
  cs: CompiledStatement,
  reasons: readonly string[],
  message: string,
  evidence = NO_EVIDENCE,
  due = NaN,
) {
  return result(ctx, cs, 'gap', reasons, message, evidence, due);
}

/** 0 = met, 1 = due-soon, 2 = overdue. */
export function dueState(ctx: Ctx, due: number): 0 | 1 | 2 {
  if (due < ctx.asOf) return 2;
  if (due <= ctx.soon) return 1;
  return 0;
}

export const STATE_STATUS: readonly StatementStatus[] = [
  'met',
  'due-soon',
  'gap',
];

/** Picks the value for a due state (0 = met, 1 = due-soon, 2 = overdue). */
export function byState<T>(s: 0 | 1 | 2, met: T, soon: T, overdue: T): T {
  if (s === 2) return overdue;
  return s === 1 ? soon : met;
}

export function isMissing(v: unknown): boolean {
  return v === undefined || v === null;
}

/** Evidence dated after the evaluation date: it has not happened yet, so it is not evidence. */
export const FUTURE = rc('evidence-future-dated');

export function futureText(ctx: Ctx, what: string, date: string): string {
  return `${what} ${date} is in the future (evaluated on ${ctx.asOfText}): not evidence until it has happened`;
}

export function futureGap(
  ctx: Ctx,
  cs: CompiledStatement,
  what: string,
  date: string,
  evidence: readonly EvidenceItem[],
): StatementResult {
  return gap(ctx, cs, FUTURE, futureText(ctx, what, date), evidence);
}

export function validityFor(
  ctx: Ctx,
  cs: CompiledStatement,
): IsoDuration | undefined {
  return ctx.sensitive && cs.validitySensitive
    ? cs.validitySensitive
    : cs.validity;
}

/** Adds a reason code once. */
export function addReason(reasons: string[], code: string) {
  if (!reasons.includes(code)) reasons.push(code);
}
