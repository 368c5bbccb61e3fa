import {
  addDuration,
  fromDayNumber,
  IsoDuration,
  parseIsoDuration,
  toDayNumber,
} from '../dates';
import type { PolicyCatalogue } from '../policy/types';
import {
  Attestation,
  Classification,
  CodeOfConnection,
  DisposalRecord,
  OWN_SOURCE,
  PolicyException,
  ProfileRecords,
  ProfileSource,
  ROLE_IDS,
  ROLE_TITLES,
  RoleHolder,
  SecurityProfile,
  Sourced,
} from '../profile/types';
import {
  CompiledCondition,
  CompiledPolicy,
  CompiledRole,
  CompiledStatement,
  compilePolicy,
  normaliseStandard,
} from './compile';
import { buildRemediation } from './remediation';
import { codeOfConnectionApprovalProblems } from '../codeOfConnection/connections';
import type {
  EntityEvaluation,
  EvaluateOptions,
  EvaluationSummary,
  EvidenceItem,
  Remediation,
  StatementResult,
  StatementStatus,
  TopGap,
} from './types';

/* ------------------------------------------------------------------ */
/* Shared constants (frozen, reused across evaluations)                */
/* ------------------------------------------------------------------ */

const reasonCache = new Map<string, readonly string[]>();
/** A frozen single-reason array, interned. */
function rc(code: string): readonly string[] {
  let r = reasonCache.get(code);
  if (!r) {
    r = Object.freeze([code]);
    reasonCache.set(code, r);
  }
  return r;
}

const NO_EVIDENCE: readonly EvidenceItem[] = Object.freeze([]);
const EMPTY: Readonly<Record<string, any>> = Object.freeze({});
const EMPTY_LIST: readonly any[] = Object.freeze([]);

/** Weight of an `excepted` result in the score (a gap covered by an exception is half-credited). */
export const SCORE_EXCEPTED_WEIGHT = 0.5;

const DEFAULT_WINDOW = parseIsoDuration('P30D')!;
const windowCache = new Map<string, IsoDuration>([['P30D', DEFAULT_WINDOW]]);

// Flag bits (see FLAG_INDEX in compile.ts).
const F_CRYPTO = 1 << 0;
const F_HMG = 1 << 1;
const F_PD = 1 << 2;
const F_SUP = 1 << 3;
const F_EXT = 1 << 4;
const F_ACC = 1 << 5;

const ACCREDITATION_IN_SCOPE: Readonly<Record<string, boolean>> = Object.freeze(
  {
    'in-progress': true,
    accredited: true,
    'accredited-with-conditions': true,
    expired: true,
    'not-assessed': false,
    'not-required': false,
  },
);

/* ------------------------------------------------------------------ */
/* Context                                                             */
/* ------------------------------------------------------------------ */

interface Ctx {
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

function src(x: Sourced | undefined): ProfileSource {
  return x?.source ?? OWN_SOURCE;
}

function ev(
  kind: EvidenceItem['kind'],
  label: string,
  date: string | undefined,
  link: string | undefined,
  source: ProfileSource,
): EvidenceItem {
  return { kind, label, date, link, source };
}

/** Marks evidence a team declared in catalog-info.yaml rather than a person recorded in the portal. */
function declaredNote(a: Attestation): string {
  return a.origin === 'catalog' ? ' (declared in catalog-info.yaml)' : '';
}

function remediationFor(cs: CompiledStatement, reason: string): Remediation {
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

function result(
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

function gap(
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
function dueState(ctx: Ctx, due: number): 0 | 1 | 2 {
  if (due < ctx.asOf) return 2;
  if (due <= ctx.soon) return 1;
  return 0;
}

const STATE_STATUS: readonly StatementStatus[] = ['met', 'due-soon', 'gap'];

/** Picks the value for a due state (0 = met, 1 = due-soon, 2 = overdue). */
function byState<T>(s: 0 | 1 | 2, met: T, soon: T, overdue: T): T {
  if (s === 2) return overdue;
  return s === 1 ? soon : met;
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null;
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

interface DatedCodes {
  overdue: readonly string[];
  soon: readonly string[];
  met: readonly string[];
}

function codes(prefix: string, met: string): DatedCodes {
  return {
    overdue: rc(`${prefix}-overdue`),
    soon: rc(`${prefix}-due-soon`),
    met: rc(met),
  };
}

/** Result for one dated piece of evidence that stays valid for `validity`. */
function dated(
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
function withGaps(
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

/** Evidence dated after the evaluation date: it has not happened yet, so it is not evidence. */
const FUTURE = rc('evidence-future-dated');

function futureText(ctx: Ctx, what: string, date: string): string {
  return `${what} ${date} is in the future (evaluated on ${ctx.asOfText}): not evidence until it has happened`;
}

function futureGap(
  ctx: Ctx,
  cs: CompiledStatement,
  what: string,
  date: string,
  evidence: readonly EvidenceItem[],
): StatementResult {
  return gap(ctx, cs, FUTURE, futureText(ctx, what, date), evidence);
}

function hasHolder(ctx: Ctx, roleIndex: number): RoleHolder | undefined {
  const list = ctx.roleLists[roleIndex];
  if (!list) return undefined;
  for (let i = 0; i < list.length; i++)
    if (list[i] && list[i].ref) return list[i];
  return undefined;
}

/** 0 = applies, 1 = does not apply, 2 = does not apply as far as recorded (a flag is unset), 3 = classification missing. */
function applies(ctx: Ctx, c: CompiledCondition): 0 | 1 | 2 | 3 {
  if (c.anyMask !== 0 && (ctx.flagsTrue & c.anyMask) === 0) {
    return (c.anyMask & ~ctx.flagsKnown) !== 0 ? 2 : 1;
  }
  if (c.allMask !== 0 && (ctx.flagsTrue & c.allMask) !== c.allMask) {
    const notTrue = c.allMask & ~ctx.flagsTrue;
    return (notTrue & ctx.flagsKnown) !== 0 ? 1 : 2;
  }
  if (c.sensitive !== undefined && ctx.sensitive !== c.sensitive) return 1;
  if (c.classifications) {
    if (!ctx.cls) return 3;
    if (!c.classifications.includes(ctx.cls)) return 1;
  }
  return 0;
}

function missingRoles(
  ctx: Ctx,
  cs: CompiledStatement,
): CompiledRole[] | undefined {
  let out: CompiledRole[] | undefined;
  const rr = cs.requiredRoles;
  for (let i = 0; i < rr.length; i++) {
    const r = rr[i];
    if (r.when && applies(ctx, r.when) !== 0) continue;
    if (!hasHolder(ctx, r.index)) (out ??= []).push(r);
  }
  return out;
}

function roleReasons(missing: CompiledRole[]): readonly string[] {
  return missing.length === 1
    ? missing[0].missing
    : missing.map(r => r.missing[0]);
}

function roleNames(missing: CompiledRole[]): string {
  return missing.map(r => ROLE_TITLES[r.role]).join(', ');
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */
/* ------------------------------------------------------------------ */

type Check = (ctx: Ctx, cs: CompiledStatement) => StatementResult;

const ATT = {
  missing: rc('attestation-missing'),
  noLink: rc('attestation-evidence-missing'),
  expired: rc('attestation-expired'),
  soon: rc('attestation-due-soon'),
  met: rc('attestation-in-date'),
};

function validityFor(ctx: Ctx, cs: CompiledStatement): IsoDuration | undefined {
  return ctx.sensitive && cs.validitySensitive
    ? cs.validitySensitive
    : cs.validity;
}

const checkAttestation: Check = (ctx, cs) => {
  const list = ctx.attestations;
  const validity = validityFor(ctx, cs);
  let best: Attestation | undefined;
  let bestDue = -Infinity;
  let capped = false;
  let noLink: Attestation | undefined;
  let future: Attestation | undefined;
  const next = ctx.attNext;
  for (let i = ctx.attHead[cs.index]; i !== -1; i = next[i]) {
    const a = list[i];
    if (!a.evidenceLink) {
      noLink = a;
      continue;
    }
    const on = toDayNumber(a.attestedOn);
    if (Number.isNaN(on)) continue;
    if (on > ctx.asOf) {
      future = a;
      continue;
    }
    let due = validity ? addDuration(on, validity) : Infinity;
    let cap = false;
    if (a.validUntil) {
      const vu = toDayNumber(a.validUntil);
      if (!Number.isNaN(vu) && vu < due) {
        due = vu;
        cap = true;
      }
    }
    if (best === undefined || due > bestDue) {
      best = a;
      bestDue = due;
      capped = cap;
    }
  }
  if (future) {
    return futureGap(
      ctx,
      cs,
      `Attestation by ${future.attestedBy}${declaredNote(future)} dated`,
      future.attestedOn,
      NO_EVIDENCE,
    );
  }
  const missing = cs.requiredRoles.length ? missingRoles(ctx, cs) : undefined;
  if (!best) {
    let reasons = noLink ? ATT.noLink : ATT.missing;
    let message = noLink
      ? `Attestation by ${noLink.attestedBy} on ${noLink.attestedOn} has no evidence link`
      : 'No attestation recorded';
    if (missing) {
      reasons = [...reasons, ...roleReasons(missing)];
      message += `; no named ${roleNames(missing)}`;
    }
    return gap(ctx, cs, reasons, message);
  }
  const evidence = [
    ev(
      'attestation',
      `Attestation by ${best.attestedBy}${declaredNote(best)}`,
      best.attestedOn,
      best.evidenceLink,
      src(best),
    ),
  ];
  let res: StatementResult;
  if (bestDue === Infinity) {
    res = result(
      ctx,
      cs,
      'met',
      ATT.met,
      `Attested by ${best.attestedBy} on ${best.attestedOn}`,
      evidence,
      NaN,
    );
  } else {
    const s = dueState(ctx, bestDue);
    let message: string;
    if (s === 2) {
      message =
        capped || !validity
          ? `Attested by ${best.attestedBy} on ${best.attestedOn}: valid until ${best.validUntil}, now expired`
          : `Attested by ${best.attestedBy} on ${best.attestedOn}: over ${validity.human} ago`;
    } else if (s === 1) {
      message = `Attested by ${best.attestedBy} on ${
        best.attestedOn
      }: due again by ${fromDayNumber(bestDue)}`;
    } else {
      message = `Attested by ${best.attestedBy} on ${
        best.attestedOn
      }: next due ${fromDayNumber(bestDue)}`;
    }
    res = result(
      ctx,
      cs,
      STATE_STATUS[s],
      byState(s, ATT.met, ATT.soon, ATT.expired),
      message,
      evidence,
      bestDue,
    );
  }
  if (missing) {
    return withGaps(
      ctx,
      cs,
      res,
      roleReasons(missing),
      `No named ${roleNames(missing)}`,
      bestDue,
    );
  }
  return res;
};

const ACK = {
  noHolders: rc('roles-missing'),
  notAck: 'role-not-acknowledged',
  expired: 'role-acknowledgement-expired',
  soon: rc('role-acknowledgement-due-soon'),
  met: rc('roles-acknowledged'),
};
const ORG_WIDE_ROLES: ReadonlySet<string> = new Set(['moj-siro', 'itso']);
const ROLE_INDEXES_FOR_ACK = ROLE_IDS.map((r, i) =>
  ORG_WIDE_ROLES.has(r) ? -1 : i,
).filter(i => i >= 0);

const checkRoleAcknowledgement: Check = (ctx, cs) => {
  const holders: RoleHolder[] = [];
  for (let i = 0; i < ROLE_INDEXES_FOR_ACK.length; i++) {
    const list = ctx.roleLists[ROLE_INDEXES_FOR_ACK[i]];
    if (!list) continue;
    for (let j = 0; j < list.length; j++) {
      const h = list[j];
      if (!h || !h.ref) continue;
      let dup = false;
      for (let k = 0; k < holders.length; k++)
        if (holders[k].ref === h.ref) dup = true;
      if (!dup) holders.push(h);
    }
  }
  if (holders.length === 0) {
    return gap(
      ctx,
      cs,
      ACK.noHolders,
      'No security role holders are named (see POL.ITSEC.022)',
    );
  }
  const validity = validityFor(ctx, cs);
  const list = ctx.attestations;
  let notAck: string[] | undefined;
  let expired: string[] | undefined;
  let future: string[] | undefined;
  let minDue = Infinity;
  const evidence: EvidenceItem[] = [];
  for (let h = 0; h < holders.length; h++) {
    const ref = holders[h].ref;
    let bestDue = -Infinity;
    let best: Attestation | undefined;
    let futureHere = false;
    for (let i = ctx.attHead[cs.index]; i !== -1; i = ctx.attNext[i]) {
      const a = list[i];
      if (a.attestedBy !== ref) continue;
      const on = toDayNumber(a.attestedOn);
      if (Number.isNaN(on)) continue;
      if (on > ctx.asOf) {
        (future ??= []).push(`by ${ref} dated ${a.attestedOn}`);
        futureHere = true;
        continue;
      }
      let due = validity ? addDuration(on, validity) : Infinity;
      const vu = a.validUntil ? toDayNumber(a.validUntil) : NaN;
      if (!Number.isNaN(vu) && vu < due) due = vu;
      if (best === undefined || due > bestDue) {
        best = a;
        bestDue = due;
      }
    }
    if (!best) {
      if (!futureHere) (notAck ??= []).push(ref);
      continue;
    }
    evidence.push(
      ev(
        'attestation',
        `Acknowledged by ${ref}${declaredNote(best)}`,
        best.attestedOn,
        best.evidenceLink,
        src(best),
      ),
    );
    if (bestDue < ctx.asOf) (expired ??= []).push(ref);
    if (bestDue < minDue) minDue = bestDue;
  }
  if (notAck || expired || future) {
    const reasons: string[] = [];
    const parts: string[] = [];
    if (future) {
      reasons.push(FUTURE[0]);
      parts.push(
        `Acknowledgement ${future.join(', ')} is in the future (evaluated on ${
          ctx.asOfText
        }): not evidence until it has happened`,
      );
    }
    if (notAck) {
      reasons.push(ACK.notAck);
      parts.push(`Not acknowledged by ${notAck.join(', ')}`);
    }
    if (expired) {
      reasons.push(ACK.expired);
      parts.push(
        `acknowledgement over ${
          validity ? validity.human : 'its validity'
        } old for ${expired.join(', ')}`,
      );
    }
    return gap(ctx, cs, reasons, parts.join('; '), evidence, minDue);
  }
  const n = holders.length;
  const who = `${n} role holder${n === 1 ? '' : 's'}`;
  if (minDue === Infinity) {
    return result(
      ctx,
      cs,
      'met',
      ACK.met,
      `All ${who} acknowledged their roles`,
      evidence,
      NaN,
    );
  }
  const s = dueState(ctx, minDue);
  return result(
    ctx,
    cs,
    s === 1 ? 'due-soon' : 'met',
    s === 1 ? ACK.soon : ACK.met,
    s === 1
      ? `All ${who} acknowledged their roles; earliest renewal due ${fromDayNumber(
          minDue,
        )}`
      : `All ${who} acknowledged their roles; next renewal due ${fromDayNumber(
          minDue,
        )}`,
    evidence,
    minDue,
  );
};

const ROLES_MET = rc('roles-named');
const checkRoles: Check = (ctx, cs) => {
  const rr = cs.requiredRoles;
  const evidence: EvidenceItem[] = [];
  let missing: CompiledRole[] | undefined;
  for (let i = 0; i < rr.length; i++) {
    const r = rr[i];
    if (r.when && applies(ctx, r.when) !== 0) continue;
    const h = hasHolder(ctx, r.index);
    if (!h) (missing ??= []).push(r);
    else
      evidence.push(
        ev(
          'role',
          `${ROLE_TITLES[r.role]}: ${h.ref}`,
          undefined,
          undefined,
          h.source ?? OWN_SOURCE,
        ),
      );
  }
  if (missing) {
    return gap(
      ctx,
      cs,
      roleReasons(missing),
      `No named ${roleNames(missing)}`,
      evidence,
    );
  }
  return result(
    ctx,
    cs,
    'met',
    ROLES_MET,
    `All ${evidence.length} required roles are named`,
    evidence,
    NaN,
  );
};

/**
 * A linked document with a review date (security procedures, the disposal
 * procedure): documented is enough when the statement sets no review period;
 * otherwise it is dated from its last review, and a gap without a valid one.
 */
function reviewedDocument(
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
function datedOrRecorded(
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
function incompleteRecord(
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

const SP = {
  missing: rc('security-procedures-missing'),
  noDate: rc('security-procedures-review-date-missing'),
  dated: codes('security-procedures-review', 'security-procedures-current'),
};
const checkSecurityProcedures: Check = (ctx, cs) => {
  const rec = ctx.records.securityProcedures;
  if (!rec || !rec.link)
    return gap(ctx, cs, SP.missing, 'No documented security procedures linked');
  const evidence = [
    ev('record', 'Security procedures', rec.reviewedOn, rec.link, src(rec)),
  ];
  return reviewedDocument(
    ctx,
    cs,
    rec.reviewedOn,
    'Security procedures',
    { documented: SP.dated.met, noDate: SP.noDate, dated: SP.dated },
    evidence,
  ).res;
};

const RA = {
  missing: rc('risk-assessment-missing'),
  incomplete: rc('risk-assessment-incomplete'),
  method: rc('risk-assessment-method-not-recognised'),
  dated: codes('risk-assessment', 'risk-assessment-current'),
  recorded: rc('risk-assessment-recorded'),
};

function standardAccepted(cs: CompiledStatement, value: string): boolean {
  const n = normaliseStandard(value);
  const list = cs.acceptedStandards;
  for (let i = 0; i < list.length; i++) if (n.includes(list[i])) return true;
  return false;
}

const checkRiskAssessment: Check = (ctx, cs) => {
  const rec = ctx.records.riskAssessment;
  if (!rec)
    return gap(ctx, cs, RA.missing, 'No technical risk assessment recorded');
  const day = toDayNumber(rec.date);
  const evidence = [
    ev('record', 'Technical risk assessment', rec.date, rec.link, src(rec)),
  ];
  if (day > ctx.asOf)
    return futureGap(
      ctx,
      cs,
      'Technical risk assessment dated',
      rec.date!,
      evidence,
    );
  const incomplete = incompleteRecord(
    ctx,
    cs,
    RA.incomplete,
    'Technical risk assessment',
    [
      ['date', Number.isNaN(day)],
      ['method', !rec.method],
      ['assessor', !rec.assessor],
      ['link', !rec.link],
    ],
    evidence,
  );
  if (incomplete) return incomplete;
  if (cs.acceptedStandards.length && !standardAccepted(cs, rec.method!)) {
    return gap(
      ctx,
      cs,
      RA.method,
      `Technical risk assessment method '${rec.method}' is not one the policy accepts`,
      evidence,
    );
  }
  return datedOrRecorded(
    ctx,
    cs,
    day,
    rec.date!,
    'Technical risk assessment dated',
    RA.dated,
    RA.recorded,
    `Technical risk assessment dated ${rec.date} by ${rec.assessor} (${rec.method})`,
    evidence,
  );
};

const checkAnnualRiskAssessment: Check = (ctx, cs) => {
  const rec = ctx.records.riskAssessment;
  if (!rec)
    return gap(ctx, cs, RA.missing, 'No technical risk assessment recorded');
  const day = toDayNumber(rec.date);
  const evidence = [
    ev('record', 'Technical risk assessment', rec.date, rec.link, src(rec)),
  ];
  if (day > ctx.asOf)
    return futureGap(
      ctx,
      cs,
      'Technical risk assessment dated',
      rec.date!,
      evidence,
    );
  if (Number.isNaN(day))
    return gap(
      ctx,
      cs,
      RA.missing,
      'Technical risk assessment has no valid date',
      evidence,
    );
  if (
    cs.acceptedStandards.length &&
    !(rec.method && standardAccepted(cs, rec.method))
  ) {
    return gap(
      ctx,
      cs,
      RA.method,
      `Technical risk assessment method '${
        rec.method ?? ''
      }' is not one the policy accepts`,
      evidence,
    );
  }
  if (!cs.validity) {
    return result(
      ctx,
      cs,
      'met',
      RA.recorded,
      `Technical risk assessment dated ${rec.date}`,
      evidence,
      NaN,
    );
  }
  return dated(
    ctx,
    cs,
    day,
    rec.date!,
    cs.validity,
    'Technical risk assessment dated',
    RA.dated,
    evidence,
  );
};

const ACC = {
  classificationMissing: rc('classification-missing'),
  itsoMissing: rc('itso-advice-missing'),
  itsoMet: rc('itso-advice-recorded'),
  missing: rc('accreditation-missing'),
  notRequired: rc('accreditation-not-required'),
  accredited: rc('accredited'),
  withConditions: rc('accredited-with-conditions'),
  expired: rc('accreditation-expired'),
  expiring: rc('accreditation-expiring'),
  inProgress: rc('accreditation-in-progress'),
  notAssessed: rc('accreditation-not-assessed'),
  dateMissing: rc('accreditation-date-missing'),
};
const checkAccreditation: Check = (ctx, cs) => {
  const cls = ctx.cls;
  if (!cls) {
    return gap(
      ctx,
      cs,
      ACC.classificationMissing,
      'No classification recorded: cannot tell whether accreditation (OFFICIAL) or ITSO advice (SECRET and above) applies',
    );
  }
  if (cls !== 'OFFICIAL') {
    const adv = ctx.records.itsoAdvice;
    if (!adv || (!adv.link && !adv.date)) {
      return gap(
        ctx,
        cs,
        ACC.itsoMissing,
        `${cls} system: no ITSO advice recorded`,
      );
    }
    const advice = [ev('record', 'ITSO advice', adv.date, adv.link, src(adv))];
    if (toDayNumber(adv.date) > ctx.asOf)
      return futureGap(
        ctx,
        cs,
        `${cls} system: ITSO advice dated`,
        adv.date!,
        advice,
      );
    return result(
      ctx,
      cs,
      'met',
      ACC.itsoMet,
      `${cls} system: ITSO advice recorded${adv.date ? ` on ${adv.date}` : ''}`,
      advice,
      NaN,
    );
  }
  const acc = ctx.records.accreditation;
  if (!acc || !acc.status)
    return gap(ctx, cs, ACC.missing, 'No accreditation decision recorded');
  const evidence = [
    ev('record', 'Accreditation', acc.decisionDate, acc.rmadsLink, src(acc)),
  ];
  const decided = toDayNumber(acc.decisionDate);
  if (decided > ctx.asOf)
    return futureGap(
      ctx,
      cs,
      'Accreditation decision dated',
      acc.decisionDate!,
      evidence,
    );
  let exp = toDayNumber(acc.expiry);
  switch (acc.status) {
    case 'not-required':
      return result(
        ctx,
        cs,
        'met',
        ACC.notRequired,
        `Accreditation recorded as not required${
          acc.accreditor ? ` by ${acc.accreditor}` : ''
        }${acc.decisionDate ? ` on ${acc.decisionDate}` : ''}`,
        evidence,
        NaN,
      );
    case 'accredited':
    case 'accredited-with-conditions': {
      const label =
        acc.status === 'accredited'
          ? 'Accredited'
          : 'Accredited with conditions';
      const met =
        acc.status === 'accredited' ? ACC.accredited : ACC.withConditions;
      // The Accreditor's expiry can shorten validity, never extend it past
      // the statement's validity counted from the decision.
      let beyond = '';
      const validity = cs.validity;
      if (validity) {
        if (Number.isNaN(decided))
          return gap(
            ctx,
            cs,
            ACC.dateMissing,
            `${label}, but no valid decision date recorded: validity is counted from it`,
            evidence,
          );
        const bound = addDuration(decided, validity);
        if (Number.isNaN(exp) || exp > bound) {
          if (!Number.isNaN(exp))
            beyond = ` (the recorded expiry ${acc.expiry} is beyond the ${validity.human} the policy allows from the decision on ${acc.decisionDate})`;
          exp = bound;
        }
      }
      const expiry = fromDayNumber(exp);
      if (Number.isNaN(exp)) {
        return result(
          ctx,
          cs,
          'met',
          met,
          `${label}${
            acc.decisionDate ? ` on ${acc.decisionDate}` : ''
          }; no expiry set`,
          evidence,
          NaN,
        );
      }
      const s = dueState(ctx, exp);
      if (s === 2)
        return gap(
          ctx,
          cs,
          ACC.expired,
          `${label}, but the accreditation expired on ${expiry}${beyond}`,
          evidence,
          exp,
        );
      if (s === 1)
        return result(
          ctx,
          cs,
          'due-soon',
          ACC.expiring,
          `${label}; expires on ${expiry}${beyond}`,
          evidence,
          exp,
        );
      return result(
        ctx,
        cs,
        'met',
        met,
        `${label}; valid until ${expiry}${beyond}`,
        evidence,
        exp,
      );
    }
    case 'expired':
      return gap(
        ctx,
        cs,
        ACC.expired,
        `Accreditation expired${acc.expiry ? ` on ${acc.expiry}` : ''}`,
        evidence,
        exp,
      );
    case 'in-progress':
      return gap(
        ctx,
        cs,
        ACC.inProgress,
        'Accreditation in progress, not yet granted',
        evidence,
      );
    case 'not-assessed':
      return gap(
        ctx,
        cs,
        ACC.notAssessed,
        'Not yet assessed for accreditation',
        evidence,
      );
    default:
      return gap(
        ctx,
        cs,
        ACC.missing,
        `Unknown accreditation status '${String(acc.status)}'`,
        evidence,
      );
  }
};

const BIA = {
  missing: rc('bia-missing'),
  incomplete: rc('bia-incomplete'),
  dated: codes('bia', 'bia-recorded'),
};
const checkBia: Check = (ctx, cs) => {
  const rec = ctx.records.bia;
  if (!rec)
    return gap(ctx, cs, BIA.missing, 'No Business Impact Assessment recorded');
  const day = toDayNumber(rec.date);
  const evidence = [
    ev('record', 'Business Impact Assessment', rec.date, rec.link, src(rec)),
  ];
  if (day > ctx.asOf)
    return futureGap(
      ctx,
      cs,
      'Business Impact Assessment dated',
      rec.date!,
      evidence,
    );
  const incomplete = incompleteRecord(
    ctx,
    cs,
    BIA.incomplete,
    'Business Impact Assessment',
    [
      ['date', Number.isNaN(day)],
      ['confidentiality', isMissing(rec.confidentiality)],
      ['integrity', isMissing(rec.integrity)],
      ['availability', isMissing(rec.availability)],
      ['link', !rec.link],
    ],
    evidence,
  );
  if (incomplete) return incomplete;
  return datedOrRecorded(
    ctx,
    cs,
    day,
    rec.date!,
    'Business Impact Assessment dated',
    BIA.dated,
    BIA.dated.met,
    `Business Impact Assessment dated ${rec.date} (C${rec.confidentiality} I${rec.integrity} A${rec.availability})`,
    evidence,
  );
};

const PIA = {
  missing: rc('pia-missing'),
  incomplete: rc('pia-incomplete'),
  dpia: rc('dpia-missing'),
  dated: codes('pia', 'pia-screened'),
};
const checkPia: Check = (ctx, cs) => {
  const rec = ctx.records.pia;
  if (!rec)
    return gap(ctx, cs, PIA.missing, 'No PIA / DPIA screening recorded');
  const day = toDayNumber(rec.date);
  const evidence = [
    ev('record', 'PIA / DPIA screening', rec.date, rec.dpiaLink, src(rec)),
  ];
  if (day > ctx.asOf)
    return futureGap(ctx, cs, 'PIA screening dated', rec.date!, evidence);
  const incomplete = incompleteRecord(
    ctx,
    cs,
    PIA.incomplete,
    'PIA / DPIA screening',
    [
      ['date', Number.isNaN(day)],
      ['outcome', !rec.outcome],
    ],
    evidence,
  );
  if (incomplete) return incomplete;
  if (rec.outcome !== 'not-required' && !rec.dpiaLink) {
    return gap(
      ctx,
      cs,
      PIA.dpia,
      `PIA screening dated ${rec.date}: a DPIA is required but none is linked`,
      evidence,
    );
  }
  return datedOrRecorded(
    ctx,
    cs,
    day,
    rec.date!,
    'PIA screening dated',
    PIA.dated,
    PIA.dated.met,
    `PIA screening dated ${rec.date}: ${
      rec.outcome === 'not-required' ? 'no DPIA needed' : 'DPIA linked'
    }`,
    evidence,
  );
};

const CL = {
  missing: rc('change-log-missing'),
  met: rc('change-log-recorded'),
};
const checkChangeLog: Check = (ctx, cs) => {
  const rec = ctx.records.changeLog;
  if (!rec || !rec.link)
    return gap(ctx, cs, CL.missing, 'No change log linked');
  return result(
    ctx,
    cs,
    'met',
    CL.met,
    'Change log linked',
    [ev('record', 'Change log', undefined, rec.link, src(rec))],
    NaN,
  );
};

/**
 * The verdict of a check over a list of dated items (Codes of Connection,
 * supplier assessments): a gap with every problem, else due-soon when any item
 * falls due within the window, else met, naming the earliest due date.
 */
function closeListCheck(
  ctx: Ctx,
  cs: CompiledStatement,
  o: {
    what: string;
    reasons: string[] | undefined;
    problems: string[] | undefined;
    anySoon: boolean;
    minDue: number;
    evidence: EvidenceItem[];
    codes: { soon: readonly string[]; met: readonly string[] };
    done: string;
    metInDate: string;
    review: string;
  },
): StatementResult {
  if (o.reasons) {
    return gap(
      ctx,
      cs,
      o.reasons,
      `${o.what}: ${o.problems!.join('; ')}`,
      o.evidence,
      o.minDue,
    );
  }
  if (o.anySoon) {
    return result(
      ctx,
      cs,
      'due-soon',
      o.codes.soon,
      `${o.what} ${o.done}; earliest ${o.review} due ${fromDayNumber(
        o.minDue,
      )}`,
      o.evidence,
      o.minDue,
    );
  }
  return result(
    ctx,
    cs,
    'met',
    o.codes.met,
    o.minDue === Infinity
      ? `${o.what} ${o.done}`
      : `${o.what} ${o.metInDate}; next ${o.review} due ${fromDayNumber(
          o.minDue,
        )}`,
    o.evidence,
    o.minDue,
  );
}

const COC = {
  missing: rc('coc-missing'),
  soon: rc('coc-review-due-soon'),
  met: rc('cocs-agreed'),
};
const COC_APPROVERS = [
  { key: 'accreditor', title: 'Accreditor' },
  { key: 'itso', title: 'ITSO' },
  { key: 'iao', title: 'IAO' },
] as const;
const COC_DATED_APPROVALS = [
  'accreditor',
  'itso',
  'iao',
  'counterparty',
] as const;
/** The first agreed or approval date of a Code of Connection after the evaluation date, as a problem. */
function futureCocDate(ctx: Ctx, c: CodeOfConnection): string | undefined {
  if (toDayNumber(c.agreedDate) > ctx.asOf)
    return futureText(ctx, 'agreed', c.agreedDate!);
  const a = c.approvals;
  if (!a) return undefined;
  for (const key of COC_DATED_APPROVALS) {
    const x = a[key];
    if (x && toDayNumber(x.date) > ctx.asOf)
      return futureText(ctx, `${key} approval dated`, x.date);
  }
  return undefined;
}
function addReason(reasons: string[], code: string) {
  if (!reasons.includes(code)) reasons.push(code);
}
const checkCodesOfConnection: Check = (ctx, cs) => {
  const list = ctx.cocs;
  if (list.length === 0) {
    return gap(
      ctx,
      cs,
      COC.missing,
      'The system has external connections but no Code of Connection is recorded',
    );
  }
  const validity = cs.validity;
  let reasons: string[] | undefined;
  let problems: string[] | undefined;
  let anySoon = false;
  let minDue = Infinity;
  let sharedAbove: string | undefined;
  const evidence: EvidenceItem[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const name = `${c.ref} with ${c.counterparty}`;
    evidence.push(
      ev(
        'code-of-connection',
        `Code of Connection ${name} (${c.status})`,
        c.agreedDate,
        c.agreementLink,
        src(c),
      ),
    );
    if (c.classification === 'SECRET' || c.classification === 'TOP SECRET')
      sharedAbove ??= c.classification;
    let problem: string | undefined;
    let code = '';
    const futureAt = futureCocDate(ctx, c);
    if (futureAt) {
      addReason((reasons ??= []), FUTURE[0]);
      (problems ??= []).push(`${name}: ${futureAt}`);
    }
    if (c.status === 'agreed') {
      // The review date can bring the review forward, never put it later
      // than the statement's validity from the agreement.
      let due = NaN;
      const ad = toDayNumber(c.agreedDate);
      if (Number.isNaN(ad)) {
        code = 'coc-agreed-date-missing';
        problem = `${name}: no agreed date recorded`;
      } else {
        due = validity ? addDuration(ad, validity) : Infinity;
        const rd = toDayNumber(c.reviewDue);
        if (rd < due) due = rd;
      }
      if (!problem) {
        if (due < minDue) minDue = due;
        const s = dueState(ctx, due);
        if (s === 2) {
          code = 'coc-review-overdue';
          problem = `${name}: review was due ${fromDayNumber(due)}`;
        } else if (s === 1) anySoon = true;
      }
      const unapproved = COC_APPROVERS.filter(a => !c.approvals?.[a.key]);
      if (unapproved.length > 0) {
        addReason((reasons ??= []), 'coc-approvals-missing');
        (problems ??= []).push(
          `${name}: no approval by the ${unapproved
            .map(a => a.title)
            .join(', ')} recorded`,
        );
      }
      const wrong = codeOfConnectionApprovalProblems(
        c.approvals,
        ctx.p.roles ?? EMPTY,
        ctx.p.itsoGroupMembers,
      );
      for (let k = 0; k < wrong.length; k++) {
        addReason((reasons ??= []), 'coc-approval-not-role-holder');
        (problems ??= []).push(`${name}: ${wrong[k].message}`);
      }
    } else if (c.status === 'draft') {
      code = 'coc-not-agreed';
      problem = `${name}: not agreed (draft)`;
    } else if (c.status === 'expired') {
      code = 'coc-expired';
      problem = `${name}: expired`;
    } else {
      code = c.status === 'revoked' ? 'coc-revoked' : 'coc-not-agreed';
      problem = `${name}: ${c.status}`;
    }
    if (problem) {
      addReason((reasons ??= []), code);
      (problems ??= []).push(problem);
    }
  }
  // The Code of Connection standard assumes OFFICIAL: anything above needs ITSO and Accreditor advice.
  const aboveOfficial =
    ctx.cls === 'SECRET' || ctx.cls === 'TOP SECRET'
      ? `${ctx.cls} system`
      : sharedAbove && `${sharedAbove} data shared`;
  if (aboveOfficial) {
    const adv = ctx.records.itsoAdvice;
    if (!adv || (!adv.link && !adv.date)) {
      addReason((reasons ??= []), 'coc-above-official-needs-itso-advice');
      (problems ??= []).push(
        `${aboveOfficial}: connections need ITSO and Accreditor advice, none recorded`,
      );
    } else if (toDayNumber(adv.date) > ctx.asOf) {
      addReason((reasons ??= []), FUTURE[0]);
      (problems ??= []).push(
        `${aboveOfficial}: ${futureText(ctx, 'ITSO advice dated', adv.date!)}`,
      );
    }
  }
  const n = list.length;
  return closeListCheck(ctx, cs, {
    what: `${n} Code${n === 1 ? '' : 's'} of Connection`,
    reasons,
    problems,
    anySoon,
    minDue,
    evidence,
    codes: COC,
    done: 'agreed',
    metInDate: 'agreed and in date',
    review: 'review',
  });
};

const INC = {
  missing: rc('incident-provision-missing'),
  link: 'incident-plan-link-missing',
  contacts: 'incident-contacts-missing',
  budget: 'incident-budget-line-missing',
  met: rc('incident-provision-recorded'),
};
const checkIncidentProvision: Check = (ctx, cs) => {
  const rec = ctx.records.incident;
  if (!rec)
    return gap(
      ctx,
      cs,
      INC.missing,
      'No incident management provision recorded',
    );
  const evidence = [
    ev(
      'record',
      'Incident management plan',
      undefined,
      rec.planLink,
      rec.planLinkSource ?? src(rec),
    ),
  ];
  const hasContacts = !!rec.contacts && rec.contacts.length > 0;
  if (!rec.planLink || !hasContacts || !rec.budgetLine) {
    const reasons: string[] = [];
    const missing: string[] = [];
    if (!rec.planLink) {
      reasons.push(INC.link);
      missing.push('incident plan link');
    }
    if (!hasContacts) {
      reasons.push(INC.contacts);
      missing.push('contacts');
    }
    if (!rec.budgetLine) {
      reasons.push(INC.budget);
      missing.push('budget line');
    }
    return gap(
      ctx,
      cs,
      reasons,
      `Incident management provision is missing: ${missing.join(', ')}`,
      evidence,
    );
  }
  const n = rec.contacts!.length;
  return result(
    ctx,
    cs,
    'met',
    INC.met,
    `Incident plan linked, ${n} contact${n === 1 ? '' : 's'}, budget line ${
      rec.budgetLine
    }`,
    evidence,
    NaN,
  );
};

const SUP = {
  missing: rc('supplier-assessments-missing'),
  none: rc('no-supplier-handles-moj-data'),
  soon: rc('supplier-assessment-due-soon'),
  met: rc('suppliers-assessed'),
};
const checkSupplierAssessments: Check = (ctx, cs) => {
  const list = ctx.records.suppliers ?? (EMPTY_LIST as any[]);
  if (list.length === 0) {
    return gap(
      ctx,
      cs,
      SUP.missing,
      'The system has suppliers but no supplier assessment is recorded',
    );
  }
  const validity = cs.validity;
  let reasons: string[] | undefined;
  let problems: string[] | undefined;
  let relevant = 0;
  let anySoon = false;
  let minDue = Infinity;
  const evidence: EvidenceItem[] = [];
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (s.handlesMojData === false) continue;
    relevant++;
    evidence.push(
      ev(
        'supplier',
        s.basis ? `Supplier ${s.name} (${s.basis})` : `Supplier ${s.name}`,
        s.assessedOn,
        s.link,
        src(s),
      ),
    );
    const day = toDayNumber(s.assessedOn);
    if (Number.isNaN(day)) {
      addReason((reasons ??= []), 'supplier-not-assessed');
      (problems ??= []).push(`${s.name}: no assessment recorded`);
      continue;
    }
    if (day > ctx.asOf) {
      addReason((reasons ??= []), FUTURE[0]);
      (problems ??= []).push(
        `${s.name}: ${futureText(ctx, 'assessed', s.assessedOn!)}`,
      );
      continue;
    }
    if (!validity) continue;
    const due = addDuration(day, validity);
    if (due < minDue) minDue = due;
    const st = dueState(ctx, due);
    if (st === 2) {
      addReason((reasons ??= []), 'supplier-assessment-overdue');
      (problems ??= []).push(
        `${s.name}: assessed ${s.assessedOn}, over ${validity.human} ago`,
      );
    } else if (st === 1) anySoon = true;
  }
  if (relevant === 0) {
    return result(
      ctx,
      cs,
      'not-applicable',
      SUP.none,
      'No recorded supplier handles MoJ data',
      NO_EVIDENCE,
      NaN,
    );
  }
  return closeListCheck(ctx, cs, {
    what: `${relevant} supplier${relevant === 1 ? '' : 's'} handling MoJ data`,
    reasons,
    problems,
    anySoon,
    minDue,
    evidence,
    codes: SUP,
    done: 'assessed',
    metInDate: 'assessed',
    review: 'reassessment',
  });
};

const DISP = {
  missing: rc('disposal-procedure-missing'),
  stdMissing: rc('disposal-standard-missing'),
  stdUnknown: rc('disposal-standard-not-recognised'),
  stdMet: rc('disposal-standard-cited'),
  approver: rc('disposal-approver-missing'),
  noDate: rc('disposal-review-date-missing'),
  dated: codes('disposal-review', 'disposal-procedure-current'),
  recorded: rc('disposal-procedure-recorded'),
};
function disposalLabel(rec: DisposalRecord): string {
  return rec.scope && rec.scope.length > 0
    ? `Asset disposal procedure (${rec.scope.join(', ')})`
    : 'Asset disposal procedure';
}
const checkDisposalStandard: Check = (ctx, cs) => {
  const rec = ctx.records.disposal;
  if (!rec)
    return gap(ctx, cs, DISP.missing, 'No asset disposal procedure recorded');
  const evidence = [
    ev('record', disposalLabel(rec), rec.reviewedOn, rec.link, src(rec)),
  ];
  if (!rec.standard)
    return gap(
      ctx,
      cs,
      DISP.stdMissing,
      'The disposal procedure cites no standard',
      evidence,
    );
  if (!standardAccepted(cs, rec.standard)) {
    return gap(
      ctx,
      cs,
      DISP.stdUnknown,
      `The disposal procedure cites '${rec.standard}', not IS5 or an accepted successor`,
      evidence,
    );
  }
  return result(
    ctx,
    cs,
    'met',
    DISP.stdMet,
    `The disposal procedure cites ${rec.standard}`,
    evidence,
    NaN,
  );
};

const checkDisposalProcedure: Check = (ctx, cs) => {
  const rec = ctx.records.disposal;
  if (!rec || !rec.link)
    return gap(
      ctx,
      cs,
      DISP.missing,
      'No documented asset disposal procedure linked',
    );
  const evidence = [
    ev('record', disposalLabel(rec), rec.reviewedOn, rec.link, src(rec)),
  ];
  const { res, due } = reviewedDocument(
    ctx,
    cs,
    rec.reviewedOn,
    'Asset disposal procedure',
    { documented: DISP.recorded, noDate: DISP.noDate, dated: DISP.dated },
    evidence,
  );
  if (!rec.approver)
    return withGaps(ctx, cs, res, DISP.approver, 'No approver recorded', due);
  return res;
};

const DR = {
  missing: rc('dr-plan-missing'),
  incomplete: rc('dr-plan-incomplete'),
  testMissing: rc('dr-test-missing'),
  failed: rc('dr-test-failed'),
  partial: rc('dr-test-partial'),
  dated: codes('dr-test', 'dr-test-current'),
  recorded: rc('dr-plan-tested'),
};
const checkDrPlan: Check = (ctx, cs) => {
  const rec = ctx.records.drPlan;
  if (!rec || !rec.link) return gap(ctx, cs, DR.missing, 'No DR plan recorded');
  let lastPass = -Infinity;
  let lastPassText = '';
  let latest = -Infinity;
  let latestText = '';
  let latestOutcome = '';
  let future: string | undefined;
  const consider = (t: { date: string; outcome: string } | undefined) => {
    if (!t) return;
    const d = toDayNumber(t.date);
    if (Number.isNaN(d)) return;
    if (d > ctx.asOf) {
      future ??= t.date;
      return;
    }
    if (t.outcome === 'pass' && d > lastPass) {
      lastPass = d;
      lastPassText = t.date;
    }
    if (d > latest || (d === latest && t.outcome !== 'pass')) {
      latest = d;
      latestText = t.date;
      latestOutcome = t.outcome;
    }
  };
  consider(rec.lastTest);
  const tests = rec.tests;
  if (tests) for (let i = 0; i < tests.length; i++) consider(tests[i]);
  const evidence = [
    ev(
      'record',
      'DR plan',
      lastPass > -Infinity ? lastPassText : latestText || undefined,
      rec.link,
      src(rec),
    ),
  ];
  if (future) return futureGap(ctx, cs, 'DR test dated', future, evidence);
  const incomplete = !rec.rto || !rec.rpo;
  let res: StatementResult;
  let due = NaN;
  if (lastPass === -Infinity) {
    res =
      latest === -Infinity
        ? gap(
            ctx,
            cs,
            DR.testMissing,
            'DR plan has never been tested',
            evidence,
          )
        : gap(
            ctx,
            cs,
            latestOutcome === 'partial' ? DR.partial : DR.failed,
            `DR plan last tested ${latestText}: ${latestOutcome}, no successful test recorded`,
            evidence,
          );
  } else if (cs.validity) {
    due = addDuration(lastPass, cs.validity);
    res = dated(
      ctx,
      cs,
      lastPass,
      lastPassText,
      cs.validity,
      'DR plan last tested',
      DR.dated,
      evidence,
    );
    if (latest > lastPass && latestOutcome !== 'pass') {
      res = {
        ...res,
        reasons: [
          ...res.reasons,
          latestOutcome === 'partial'
            ? 'dr-latest-test-partial'
            : 'dr-latest-test-failed',
        ],
        message: `${res.message}; latest test ${latestText}: ${latestOutcome}`,
      };
    }
  } else {
    res = result(
      ctx,
      cs,
      'met',
      DR.recorded,
      `DR plan last tested ${lastPassText}`,
      evidence,
      NaN,
    );
  }
  if (incomplete) {
    let which = 'RTO and RPO';
    if (rec.rto) which = 'RPO';
    else if (rec.rpo) which = 'RTO';
    return withGaps(
      ctx,
      cs,
      res,
      DR.incomplete,
      `DR plan has no ${which}`,
      due,
    );
  }
  return res;
};

/* Organisation checks: reported, never scored. */

const DOMAIN_PLAN = {
  linked: rc('domain-incident-plan-linked'),
  missing: rc('domain-incident-plan-not-linked'),
};
const checkDomainIncidentPlan: Check = (ctx, cs) => {
  const rec = ctx.records.incident;
  if (rec && rec.planLink) {
    return result(
      ctx,
      cs,
      'not-scored',
      DOMAIN_PLAN.linked,
      'Domain incident management plan linked (assessed at portfolio level)',
      [
        ev(
          'record',
          'Domain incident management plan',
          undefined,
          rec.planLink,
          rec.planLinkSource ?? src(rec),
        ),
      ],
      NaN,
    );
  }
  return result(
    ctx,
    cs,
    'not-scored',
    DOMAIN_PLAN.missing,
    'No domain incident management plan linked (assessed at portfolio level)',
    NO_EVIDENCE,
    NaN,
  );
};

const REVIEW = {
  current: rc('policy-review-current'),
  soon: rc('policy-review-due-soon'),
  overdue: rc('policy-review-overdue'),
};
const checkPolicyReview: Check = (ctx, cs) => {
  const cp = ctx.cp;
  const memo = cp.reviewMemo;
  if (memo && memo.asOf === ctx.asOfText && memo.soon === ctx.soon)
    return memo.result;
  const p = cp.policy;
  const validity = cs.validity ?? parseIsoDuration('P12M')!;
  const due = addDuration(cp.lastReviewedDay, validity);
  const s = dueState(ctx, due);
  const base = result(
    { ...ctx, nextDue: -Infinity },
    cs,
    'not-scored',
    byState(s, REVIEW.current, REVIEW.soon, REVIEW.overdue),
    `Policy catalogue ${p.id} v${p.version} last reviewed ${p.lastReviewed}: ${
      s === 2
        ? `over ${validity.human} ago, review overdue`
        : `next review due ${fromDayNumber(due)}`
    }`,
    Object.freeze([
      ev(
        'policy',
        `${p.title} v${p.version}`,
        p.lastReviewed,
        p.source?.url,
        OWN_SOURCE,
      ),
    ]),
    due,
  );
  const res = Object.freeze(
    s === 2
      ? { ...base, remediation: remediationFor(cs, 'policy-review-overdue') }
      : base,
  );
  cp.reviewMemo = { asOf: ctx.asOfText, soon: ctx.soon, result: res };
  return res;
};

const CHECKS: Record<string, Check> = {
  attestation: checkAttestation,
  'role-acknowledgement': checkRoleAcknowledgement,
  roles: checkRoles,
  'security-procedures': checkSecurityProcedures,
  'risk-assessment': checkRiskAssessment,
  'annual-risk-assessment': checkAnnualRiskAssessment,
  accreditation: checkAccreditation,
  bia: checkBia,
  pia: checkPia,
  'change-log': checkChangeLog,
  'codes-of-connection': checkCodesOfConnection,
  'incident-provision': checkIncidentProvision,
  'supplier-assessments': checkSupplierAssessments,
  'disposal-standard': checkDisposalStandard,
  'disposal-procedure': checkDisposalProcedure,
  'dr-plan': checkDrPlan,
  'domain-incident-plan': checkDomainIncidentPlan,
  'policy-review': checkPolicyReview,
};

/* ------------------------------------------------------------------ */
/* Shared per-statement results                                        */
/* ------------------------------------------------------------------ */

const NOT_SCORED = {
  organisation: rc('organisation-statement'),
  behaviour: rc('behaviour-statement'),
};

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
  if (cs.check) cs.run = CHECKS[cs.check];
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
/* Exceptions                                                          */
/* ------------------------------------------------------------------ */

function applyException(
  ctx: Ctx,
  cs: CompiledStatement,
  res: StatementResult,
): StatementResult {
  const list = ctx.exceptions;
  let approved: PolicyException | undefined;
  let approvedDay = -Infinity;
  let expired: PolicyException | undefined;
  let requested: PolicyException | undefined;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.statementId !== cs.id) continue;
    const exp = toDayNumber(e.expiresOn);
    if (e.status === 'approved') {
      if (!Number.isNaN(exp) && exp >= ctx.asOf) {
        if (exp > approvedDay) {
          approved = e;
          approvedDay = exp;
        }
      } else expired = e;
    } else if (e.status === 'expired') expired = e;
    else if (e.status === 'requested') requested = e;
  }
  if (approved) {
    const name = approved.id ? `Exception ${approved.id}` : 'Exception';
    if (approvedDay < ctx.nextDue) ctx.nextDue = approvedDay;
    return {
      ...res,
      status: 'excepted',
      reasons: [
        ...res.reasons,
        approvedDay <= ctx.soon ? 'exception-expiring' : 'exception-approved',
      ],
      message: `${name} approved${
        approved.approvedBy ? ` by ${approved.approvedBy}` : ''
      } until ${approved.expiresOn}; ${res.message}`,
      evidence: [
        ...res.evidence,
        ev('exception', name, approved.expiresOn, undefined, src(approved)),
      ],
      due: approved.expiresOn,
      remediation: res.remediation ?? remediationFor(cs, res.reasons[0]),
    };
  }
  if (expired) {
    return {
      ...res,
      reasons: [...res.reasons, 'exception-expired'],
      message: `${res.message}; exception${
        expired.id ? ` ${expired.id}` : ''
      } expired on ${expired.expiresOn}`,
    };
  }
  if (requested) {
    return {
      ...res,
      reasons: [...res.reasons, 'exception-requested'],
      message: `${res.message}; exception${
        requested.id ? ` ${requested.id}` : ''
      } requested, not yet approved`,
    };
  }
  return res;
}

/* ------------------------------------------------------------------ */
/* Score and summary                                                   */
/* ------------------------------------------------------------------ */

/**
 * The score of one entity, 0-100:
 *
 * `round(100 * (met + dueSoon + 0.5 * excepted) / (met + dueSoon + gap + excepted))`
 *
 * Due-soon counts as met (its evidence is still in date); an excepted gap earns
 * half credit ({@link SCORE_EXCEPTED_WEIGHT}); not-applicable and not-scored
 * statements are left out. `null` when nothing is scored.
 *
 * @public
 */
export function computeScore(
  counts: Record<StatementStatus, number>,
): number | null {
  const scored = counts.met + counts['due-soon'] + counts.gap + counts.excepted;
  if (scored === 0) return null;
  return Math.round(
    (100 *
      (counts.met +
        counts['due-soon'] +
        SCORE_EXCEPTED_WEIGHT * counts.excepted)) /
      scored,
  );
}

function summarise(
  cp: CompiledPolicy,
  results: StatementResult[],
  ctx: Ctx,
  limit: number,
): EvaluationSummary {
  let met = 0;
  let soon = 0;
  let gaps = 0;
  let excepted = 0;
  let na = 0;
  let ns = 0;
  let gapIdx: number[] | undefined;
  for (let i = 0; i < results.length; i++) {
    switch (results[i].status) {
      case 'met':
        met++;
        break;
      case 'due-soon':
        soon++;
        break;
      case 'gap':
        gaps++;
        (gapIdx ??= []).push(i);
        break;
      case 'excepted':
        excepted++;
        break;
      case 'not-applicable':
        na++;
        break;
      default:
        ns++;
    }
  }
  const counts: Record<StatementStatus, number> = {
    met,
    'due-soon': soon,
    gap: gaps,
    excepted,
    'not-applicable': na,
    'not-scored': ns,
  };
  const topGaps: TopGap[] = [];
  if (gapIdx && limit > 0) {
    // Severity ranks are 0-3 (9 when unset): a few passes in statement order beat a sort.
    for (let rank = 0; rank <= 9 && topGaps.length < limit; rank++) {
      for (let k = 0; k < gapIdx.length && topGaps.length < limit; k++) {
        const cs = cp.statements[gapIdx[k]];
        if (cs.severityRank !== rank) continue;
        const r = results[gapIdx[k]];
        topGaps.push({
          statementId: r.statementId,
          title: cs.statement.title,
          severity: cs.severity ?? 'low',
          reasons: r.reasons,
          message: r.message,
        });
      }
      if (rank === 3) rank = 8;
    }
  }
  const scored = met + soon + gaps + excepted;
  return {
    counts,
    scored,
    score: computeScore(counts),
    topGaps,
    nextDue: ctx.nextDue !== Infinity ? fromDayNumber(ctx.nextDue) : undefined,
  };
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
  if (f.accreditationApplies !== undefined) {
    flagsKnown |= F_ACC;
    if (f.accreditationApplies === true) flagsTrue |= F_ACC;
  } else {
    const status = records.accreditation?.status;
    if (status !== undefined && status in ACCREDITATION_IN_SCOPE) {
      flagsKnown |= F_ACC;
      if (ACCREDITATION_IN_SCOPE[status]) flagsTrue |= F_ACC;
    }
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
          ACC.classificationMissing,
          `No classification recorded; applies when ${cs.condition!.text}`,
        );
      } else {
        r = cs.run!(ctx, cs);
      }
      if (hasExceptions && r.status === 'gap') r = applyException(ctx, cs, r);
    }
    results[i] = r;
  }

  return {
    entityRef: profile.entityRef,
    asOf: options.asOf,
    policy: cp.ref,
    results,
    summary: summarise(cp, results, ctx, options.topGapLimit ?? 5),
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
