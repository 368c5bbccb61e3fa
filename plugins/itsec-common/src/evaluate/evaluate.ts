import {
  addDuration,
  IsoDuration,
  parseIsoDuration,
  toDayNumber,
} from '../dates';
import type { PolicyCatalogue } from '../policy/types';
import type { AccreditationStatus } from '../vocabulary';
import { ROLE_IDS, RoleHolder, SecurityProfile } from '../profile/types';
import { applies } from './applies';
import { checkOf } from './checks';
import { CompiledPolicy, CompiledStatement, compilePolicy } from './compile';
import {
  Ctx,
  EMPTY,
  EMPTY_LIST,
  gap,
  NO_EVIDENCE,
  rc,
  remediationFor,
} from './context';
import { applyException } from './exceptions';
import { summarise } from './score';
import type {
  EntityEvaluation,
  EvaluateOptions,
  StatementResult,
} from './types';

export { computeScore, SCORE_EXCEPTED_WEIGHT } from './score';

const DEFAULT_WINDOW = parseIsoDuration('P30D')!;
const windowCache = new Map<string, IsoDuration>([['P30D', DEFAULT_WINDOW]]);

// Flag bits (see FLAG_INDEX in compile.ts).
const F_CRYPTO = 1 << 0;
const F_HMG = 1 << 1;
const F_PD = 1 << 2;
const F_SUP = 1 << 3;
const F_EXT = 1 << 4;
const F_ACC = 1 << 5;

/** Every accreditation status (the record type makes the list complete). */
const ACCREDITATION_IN_SCOPE: Readonly<Record<AccreditationStatus, boolean>> =
  Object.freeze({
    'in-progress': true,
    accredited: true,
    'accredited-with-conditions': true,
    expired: true,
    'not-assessed': false,
    'not-required': false,
  });

/* ------------------------------------------------------------------ */
/* Shared per-statement results                                        */
/* ------------------------------------------------------------------ */

const NOT_SCORED = {
  organisation: rc('organisation-statement'),
  behaviour: rc('behaviour-statement'),
};
const CLASSIFICATION_MISSING = rc('classification-missing');
const ATTESTED_IN_PORTAL = rc('attested-in-portal');

/**
 * Without the portal's attestations, a gap that only an attestation could
 * close says nothing about the entity: it is not scored.
 */
function unseenAttestation(
  cs: CompiledStatement,
  r: StatementResult,
): StatementResult {
  for (const reason of r.reasons)
    if (!remediationFor(cs, reason).attestation) return r;
  return Object.freeze({
    statementId: cs.id,
    kind: cs.kind,
    severity: cs.severity,
    status: 'not-scored' as const,
    reasons: ATTESTED_IN_PORTAL,
    message: `Attested in the portal, not in the catalog files: not scored here (${r.message})`,
    evidence: r.evidence,
    due: undefined,
    remediation: r.remediation,
  });
}

function buildStatic(
  _cp: CompiledPolicy,
  cs: CompiledStatement,
): StatementResult | undefined {
  if (cs.scored || cs.check) return undefined;
  const st = cs.statement;
  const message =
    st.guidance ??
    (cs.kind === 'organisation'
      ? 'Applies to the organisation or a whole domain, not to one system; shown at portfolio level'
      : 'User behaviour; guidance only');
  return Object.freeze({
    statementId: cs.id,
    kind: cs.kind,
    severity: cs.severity,
    status: 'not-scored' as const,
    reasons:
      cs.kind === 'organisation'
        ? NOT_SCORED.organisation
        : NOT_SCORED.behaviour,
    message,
    evidence: NO_EVIDENCE,
    due: undefined,
    remediation: undefined,
  });
}

function finishStatement(cp: CompiledPolicy, cs: CompiledStatement): void {
  cs.staticResult = buildStatic(cp, cs);
  if (cs.check) {
    cs.def = checkOf(cs.statement);
    cs.run = cs.def!.run;
  }
}

const NA = {
  known: rc('not-applicable'),
  unknown: rc('applicability-unknown'),
};
function notApplicable(
  cs: CompiledStatement,
  unknown: boolean,
): StatementResult {
  const cached = unknown ? cs.notApplicableUnknown : cs.notApplicable;
  if (cached) return cached;
  const text = cs.condition?.text ?? 'its conditions hold';
  const res: StatementResult = Object.freeze({
    statementId: cs.id,
    kind: cs.kind,
    severity: cs.severity,
    status: 'not-applicable' as const,
    reasons: unknown ? NA.unknown : NA.known,
    message: unknown
      ? `Applies only when ${text}; not recorded, so treated as not applicable`
      : `Applies only when ${text}`,
    evidence: NO_EVIDENCE,
    due: undefined,
    remediation: unknown
      ? remediationFor(cs, 'applicability-unknown')
      : undefined,
  });
  if (unknown) cs.notApplicableUnknown = res;
  else cs.notApplicable = res;
  return res;
}

/* ------------------------------------------------------------------ */
/* evaluate                                                            */
/* ------------------------------------------------------------------ */

const ROLE_INDEX: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(ROLE_IDS.map((r, i) => [r, i])),
);
/** Scratch: holder lists of the entity being evaluated, by role index. */
const roleLists: (RoleHolder[] | undefined)[] = new Array(ROLE_IDS.length).fill(
  undefined,
);

/** Scratch links for the per-statement attestation lists (evaluate is synchronous, so one buffer suffices). */
let attNext = new Int32Array(64);

function parseWindow(text: string | undefined): IsoDuration {
  if (text === undefined) return DEFAULT_WINDOW;
  let w = windowCache.get(text);
  if (!w) {
    w = parseIsoDuration(text);
    if (!w)
      throw new TypeError(
        `evaluate: dueSoonWindow must be an ISO 8601 duration such as 'P30D', got '${text}'`,
      );
    if (windowCache.size > 100) windowCache.clear();
    windowCache.set(text, w);
  }
  return w;
}

/**
 * Compiles `policy` once (cached per catalogue object); useful to warm up
 * before timing or to validate a catalogue object eagerly.
 *
 * @public
 */
export function prepareEvaluation(policy: PolicyCatalogue): void {
  compilePolicy(policy, finishStatement);
}

/**
 * Evaluates one entity's security profile against a policy catalogue on a given date.
 *
 * Pure: reads no clock and does no IO; the same inputs always give the same
 * output. Per statement:
 * - organisation and behaviour statements are `not-scored`;
 * - a statement whose `appliesWhen` does not hold is `not-applicable` (reason
 *   `applicability-unknown` when a deciding flag is unset); if it depends on
 *   classification and the entity has none, it is a `gap` (`classification-missing`);
 * - otherwise its check gives `met`, `due-soon` (evidence falls due within
 *   `dueSoonWindow` of `asOf`, due date inclusive) or `gap` (missing, incomplete,
 *   or the due date is before `asOf`);
 * - with `attestationsAvailable: false`, a `gap` only an attestation in the
 *   portal could close is `not-scored` (reason `attested-in-portal`);
 * - a `gap` covered by an `approved` exception whose `expiresOn` is on or after
 *   `asOf` becomes `excepted`; an expired exception leaves it a `gap`
 *   (reason `exception-expired`).
 *
 * Evidence with validity V dated D falls due on D + V (calendar months, clamped
 * to month end): on that day it is `due-soon`, the day after it is a `gap`.
 *
 * Pass the profile already resolved with {@link resolveProfile} when it inherits.
 *
 * @throws TypeError when `asOf` or `dueSoonWindow` is malformed
 * @throws PolicyCatalogueError when `policy` was not parsed and is invalid
 * @public
 */
export function evaluate(
  profile: SecurityProfile,
  policy: PolicyCatalogue,
  options: EvaluateOptions,
): EntityEvaluation {
  const cp = compilePolicy(policy, finishStatement);
  const asOf = toDayNumber(options.asOf);
  if (Number.isNaN(asOf))
    throw new TypeError(
      `evaluate: asOf must be a YYYY-MM-DD date, got '${options.asOf}'`,
    );
  const window = parseWindow(options.dueSoonWindow);

  const records = profile.records ?? EMPTY;
  const f = profile.flags ?? EMPTY;
  const cocs = profile.codesOfConnection ?? EMPTY_LIST;
  const suppliers = records.suppliers;
  let flagsTrue = 0;
  let flagsKnown = 0;
  if (f.usesHmgCrypto !== undefined) {
    flagsKnown |= F_HMG;
    if (f.usesHmgCrypto === true) flagsTrue |= F_HMG | F_CRYPTO;
  }
  if (f.usesCryptography !== undefined) {
    flagsKnown |= F_CRYPTO;
    if (f.usesCryptography === true) flagsTrue |= F_CRYPTO;
  }
  if (flagsTrue & F_CRYPTO) flagsKnown |= F_CRYPTO;
  if (f.handlesPersonalData !== undefined) {
    flagsKnown |= F_PD;
    if (f.handlesPersonalData === true) flagsTrue |= F_PD;
  }
  if (f.hasSuppliers !== undefined) flagsKnown |= F_SUP;
  if (f.hasSuppliers === true || (suppliers && suppliers.length > 0))
    flagsTrue |= F_SUP;
  if (f.hasExternalConnections !== undefined) flagsKnown |= F_EXT;
  if (f.hasExternalConnections === true || cocs.length > 0) flagsTrue |= F_EXT;
  flagsKnown |= flagsTrue & (F_SUP | F_EXT);
  // A status that puts the system in scope is evidence, like a supplier list
  // or a Code of Connection: the team's own "false" cannot take it out of 014.
  const accStatus = records.accreditation?.status;
  const accKnown =
    accStatus !== undefined &&
    Object.prototype.hasOwnProperty.call(ACCREDITATION_IN_SCOPE, accStatus);
  if (accKnown && ACCREDITATION_IN_SCOPE[accStatus]) {
    flagsKnown |= F_ACC;
    flagsTrue |= F_ACC;
  } else if (f.accreditationApplies !== undefined) {
    flagsKnown |= F_ACC;
    if (f.accreditationApplies === true) flagsTrue |= F_ACC;
  } else if (accKnown) {
    flagsKnown |= F_ACC;
  }

  // Holder lists by role index: one pass over the entity's roles object.
  const roles = profile.roles ?? EMPTY;
  roleLists.fill(undefined);
  for (const key in roles) {
    if (ROLE_INDEX[key] !== undefined)
      roleLists[ROLE_INDEX[key]] = (roles as any)[key];
  }

  const attestations = profile.attestations ?? EMPTY_LIST;
  const attHead = cp.attHead;
  attHead.fill(-1);
  if (attNext.length < attestations.length)
    attNext = new Int32Array(Math.max(attestations.length, attNext.length * 2));
  // Walk backwards so each statement's list keeps the profile's order.
  for (let i = attestations.length - 1; i >= 0; i--) {
    const cs = cp.byId.get(attestations[i].statementId);
    if (cs === undefined) continue;
    attNext[i] = attHead[cs.index];
    attHead[cs.index] = i;
  }

  const ctx: Ctx = {
    cp,
    p: profile,
    records,
    roleLists,
    attestations,
    attHead,
    attNext,
    exceptions: profile.exceptions ?? EMPTY_LIST,
    cocs,
    asOf,
    asOfText: options.asOf,
    soon: addDuration(asOf, window),
    cls: profile.classification,
    sensitive: profile.sensitive === true,
    flagsTrue,
    flagsKnown,
    nextDue: Infinity,
  };

  const statements = cp.statements;
  const n = statements.length;
  const results: StatementResult[] = new Array(n);
  const hasExceptions = ctx.exceptions.length > 0;
  const attestationsUnseen = options.attestationsAvailable === false;
  for (let i = 0; i < n; i++) {
    const cs = statements[i];
    let r: StatementResult;
    if (cs.staticResult) {
      r = cs.staticResult;
    } else if (!cs.scored) {
      r = cs.run!(ctx, cs);
    } else {
      const a = cs.condition ? applies(ctx, cs.condition) : 0;
      if (a === 1 || a === 2) {
        r = notApplicable(cs, a === 2);
      } else if (a === 3) {
        r = gap(
          ctx,
          cs,
          CLASSIFICATION_MISSING,
          `No classification recorded; applies when ${cs.condition!.text}`,
        );
      } else {
        r = cs.run!(ctx, cs);
      }
      if (attestationsUnseen && r.status === 'gap')
        r = unseenAttestation(cs, r);
      if (hasExceptions && r.status === 'gap') r = applyException(ctx, cs, r);
    }
    results[i] = r;
  }

  return {
    entityRef: profile.entityRef,
    asOf: options.asOf,
    policy: cp.ref,
    results,
    summary: summarise(cp, results, ctx.nextDue, options.topGapLimit ?? 5),
  };
}

/**
 * Evaluates many profiles with the same policy and options.
 *
 * @public
 */
export function evaluateAll(
  profiles: readonly SecurityProfile[],
  policy: PolicyCatalogue,
  options: EvaluateOptions,
): EntityEvaluation[] {
  const out: EntityEvaluation[] = new Array(profiles.length);
  for (let i = 0; i < profiles.length; i++)
    out[i] = evaluate(profiles[i], policy, options);
  return out;
}
