/*
 * A profile as it stood on a past day, for history: evidence dated after that
 * day did not exist yet, so it is left out (missing) rather than reported as
 * future-dated, which is what `evaluate` says of a date after `asOf` today.
 */
import { toDayNumber } from '../dates';
import type {
  CodeOfConnection,
  ConnectionApprovals,
  PolicyException,
  ProfileRecords,
  SecurityProfile,
} from './types';

/** Records whose whole content is one dated piece of evidence. */
const DATED_RECORDS = ['riskAssessment', 'itsoAdvice', 'bia', 'pia'] as const;

/**
 * The profile without the evidence that did not exist yet on `asOf`
 * ('YYYY-MM-DD'): whatever is dated after it (a risk assessment, ITSO advice,
 * BIA or PIA dated later, an accreditation decided later, a DR test, review or
 * supplier assessment done later, a Code of Connection agreed or signed off
 * later, attestations made and exceptions approved later) counts as missing.
 * An exception now `expired` that was approved on or before `asOf` and ran
 * until `asOf` or later was in force then. Pure; the input is not changed.
 *
 * Evaluate the result with the same `asOf` to score the entity as it stood
 * then, e.g. to rebuild history from the dates the evidence carries.
 *
 * @throws TypeError when `asOf` is not a YYYY-MM-DD date
 * @public
 */
export function profileAsOf(
  profile: SecurityProfile,
  asOf: string,
): SecurityProfile {
  const day = toDayNumber(asOf);
  if (Number.isNaN(day))
    throw new TypeError(
      `profileAsOf: asOf must be a YYYY-MM-DD date, got '${asOf}'`,
    );
  // An unparseable date is left for the engine to report, as today.
  const later = (date: string | undefined) => toDayNumber(date) > day;

  const records: ProfileRecords = { ...profile.records };
  for (const key of DATED_RECORDS) {
    if (later(records[key]?.date)) delete records[key];
  }
  if (later(records.accreditation?.decisionDate)) delete records.accreditation;
  if (records.drPlan && later(records.drPlan.lastTest?.date)) {
    const { lastTest: _notYet, ...plan } = records.drPlan;
    records.drPlan = plan;
  }
  for (const key of ['disposal', 'securityProcedures'] as const) {
    const record = records[key];
    if (record && later(record.reviewedOn)) {
      const { reviewedOn: _notYet, ...rest } = record;
      records[key] = rest;
    }
  }
  if (records.suppliers) {
    records.suppliers = records.suppliers.map(s => {
      if (!later(s.assessedOn)) return s;
      const { assessedOn: _notYet, ...rest } = s;
      return rest;
    });
  }

  return {
    ...profile,
    records,
    codesOfConnection: (profile.codesOfConnection ?? []).map(c =>
      connectionAsOf(c, later),
    ),
    attestations: (profile.attestations ?? []).filter(
      a => !later(a.attestedOn),
    ),
    exceptions: (profile.exceptions ?? []).flatMap(e =>
      exceptionAsOf(e, day, later),
    ),
  };
}

function connectionAsOf(
  c: CodeOfConnection,
  later: (date: string | undefined) => boolean,
): CodeOfConnection {
  let approvals: ConnectionApprovals | undefined = c.approvals;
  if (approvals) {
    const kept: ConnectionApprovals = {};
    for (const [role, approval] of Object.entries(approvals)) {
      if (approval && !later(approval.date))
        kept[role as keyof ConnectionApprovals] = approval;
    }
    approvals = kept;
  }
  if (!later(c.agreedDate)) return approvals ? { ...c, approvals } : c;
  // Not agreed yet: a draft, without the agreement's dates.
  const { agreedDate: _a, reviewDue: _r, ...rest } = c;
  return { ...rest, status: 'draft', ...(approvals ? { approvals } : {}) };
}

function exceptionAsOf(
  e: PolicyException,
  day: number,
  later: (date: string | undefined) => boolean,
): PolicyException[] {
  if (later(e.approvedOn)) return [];
  if (
    e.status === 'expired' &&
    e.approvedOn !== undefined &&
    toDayNumber(e.expiresOn) >= day
  ) {
    return [{ ...e, status: 'approved' }];
  }
  return [e];
}
