import { addDuration, fromDayNumber, toDayNumber } from '../../dates';
import { Ctx, dueState, ev, futureGap, gap, result, src } from '../context';
import { dated } from '../datedRecords';
import {
  ACCREDITOR_HOLDS_ASSURED_ROLE,
  assuredRoleHeldBy,
} from '../roleSeparation';
import type { CompiledStatement } from '../compile';
import type { StatementResult } from '../types';
import type { AccreditationRecord } from '../../profile/types';
import {
  INDEPENDENCE_REASONS,
  independenceOf,
  independenceUnknownText,
  owningGroupMissingText,
  notIndependentText,
} from '../../codeOfConnection/independence';
import { CLASSIFICATION_MISSING } from '../sharedReasons';
import { defineCheck, reasonArrays } from './types';
import { CONDITION_ANNOTATIONS } from '../../annotations/conditionSpecs';
import { ROLE_ANNOTATIONS } from './roles';
import { annotationSpec } from '../../annotations/annotationSpec';
import { ACCREDITATION_STATUSES } from '../../vocabulary';

/** The accreditation decision and, above OFFICIAL, the ITSO advice. */
export const ACCREDITATION_ANNOTATIONS = Object.freeze({
  'accreditation-status': annotationSpec({
    key: 'accreditation-status',
    format: 'enum',
    values: ACCREDITATION_STATUSES,
    group: 'accreditation',
    description: 'Accreditation status. The Accreditor is role-accreditor.',
    example: 'accredited',
  }),
  'accreditation-date': annotationSpec({
    key: 'accreditation-date',
    format: 'date',
    group: 'accreditation',
    dateRole: 'event',
    description: 'Date of the accreditation decision.',
    example: '2025-10-01',
  }),
  'accreditation-expiry': annotationSpec({
    key: 'accreditation-expiry',
    format: 'date',
    group: 'accreditation',
    dateRole: 'limit',
    description:
      'Date the accreditation stops being valid, as the Accreditor set it (after accreditation-date).',
    example: '2026-09-30',
  }),
  rmads: annotationSpec({
    key: 'rmads',
    format: 'url',
    group: 'accreditation',
    description:
      'Link to the RMADS (Risk Management and Accreditation Document Set) or risk register.',
    example: 'https://example.justice.gov.uk/cmc/rmads',
  }),
  'itso-advice': annotationSpec({
    key: 'itso-advice',
    format: 'url',
    group: 'itso-advice',
    description:
      'Link to the ITSO\u2019s advice (what SECRET and TOP SECRET systems need instead of accreditation).',
    example: 'https://example.justice.gov.uk/itso/advice/ndelius',
  }),
  'itso-advice-date': annotationSpec({
    key: 'itso-advice-date',
    format: 'date',
    group: 'itso-advice',
    dateRole: 'event',
    description: 'Date the ITSO\u2019s advice was given.',
    example: '2025-06-20',
  }),
});

const REASONS = {
  'classification-missing': CLASSIFICATION_MISSING,
  'itso-advice-missing': {
    message: 'A SECRET / TOP SECRET system has no ITSO advice recorded',
    annotation: ACCREDITATION_ANNOTATIONS['itso-advice'].name,
    hint: 'Seek ITSO advice for this SECRET / TOP SECRET system and record its date and a link',
  },
  'itso-advice-incomplete': {
    message: 'The ITSO advice has no date or no link',
    annotation: ACCREDITATION_ANNOTATIONS['itso-advice-date'].name,
    hint: 'Record both the date the ITSO gave the advice and a link to it: its validity is counted from that date',
  },
  'itso-advice-recorded': {
    message: 'ITSO advice is recorded (SECRET and above)',
  },
  'itso-advice-due-soon': {
    message: 'The ITSO advice falls out of date within the window',
    annotation: ACCREDITATION_ANNOTATIONS['itso-advice-date'].name,
    hint: 'Ask the ITSO to review the advice and record the new date',
  },
  'itso-advice-overdue': {
    message: 'The ITSO advice is older than the statement\u2019s validity',
    annotation: ACCREDITATION_ANNOTATIONS['itso-advice-date'].name,
    hint: 'Ask the ITSO to review the advice and record the new date and link',
  },
  'accreditation-missing': {
    message: 'No (known) accreditation decision recorded',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-status'].name,
    hint: 'Record the accreditation decision: status, accreditor, decision date, expiry and RMADS link (status not-required if the Accreditor decided so)',
  },
  'accreditation-not-required': {
    message: 'The Accreditor decided accreditation is not required',
  },
  'not-required-lapsing': {
    message:
      'The decision that accreditation is not required lapses within the window',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-date'].name,
    hint: 'Ask the Accreditor to confirm the decision and record its new date',
  },
  'not-required-lapsed': {
    message:
      'The decision that accreditation is not required is older than the statement\u2019s validity',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-date'].name,
    hint: 'Ask the Accreditor to confirm the decision and record its new date (or accredit the system)',
  },
  accredited: { message: 'Accredited and in date' },
  'accredited-with-conditions': {
    message: 'Accredited with conditions and in date',
  },
  'accreditation-expired': {
    message: 'The accreditation has expired',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-expiry'].name,
    hint: 'Re-accredit the system and record the new decision and expiry',
  },
  'accreditation-expiring': {
    message: 'The accreditation expires within the window',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-expiry'].name,
    hint: 'Start re-accreditation before the accreditation expires',
  },
  'accreditation-in-progress': {
    message: 'Accreditation is in progress, not yet granted',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-status'].name,
    hint: 'Complete accreditation and record the decision, expiry and RMADS link',
  },
  'accreditation-not-assessed': {
    message: 'Not yet assessed for accreditation',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-status'].name,
    hint: 'Ask the Accreditor for an accreditation decision',
  },
  'accreditor-not-role-holder': {
    message:
      'The accreditation decision is not made by the system\u2019s declared Accreditor',
    annotation: ROLE_ANNOTATIONS['role-accreditor'].name,
    hint: 'Name the Accreditor who made the decision in role-accreditor (here or on the System / Domain)',
  },
  'accreditor-not-independent': {
    message:
      'The accreditation decision is by a member of the team that owns the system',
    annotation: ROLE_ANNOTATIONS['role-accreditor'].name,
    hint: 'Accreditation is an independent decision: have it made (and named in role-accreditor) by an Accreditor who is not a member of the owning group or its sub-groups',
  },
  'accreditor-holds-assured-role': ACCREDITOR_HOLDS_ASSURED_ROLE,
  ...INDEPENDENCE_REASONS,
  'accreditation-date-missing': {
    message:
      'An accreditation decision with no valid decision date to count validity from',
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-date'].name,
    hint: 'Record the date of the accreditation decision (YYYY-MM-DD): the accreditation\u2019s validity is counted from it',
  },
};
const R = reasonArrays(REASONS);
const ITSO_ADVICE_DATED = {
  overdue: R['itso-advice-overdue'],
  soon: R['itso-advice-due-soon'],
  met: R['itso-advice-recorded'],
};

/** The decisions that can meet the statement, each until it lapses. */
const DECISIONS = {
  accredited: {
    label: 'Accredited',
    met: R.accredited,
    soon: R['accreditation-expiring'],
    soonText: 'expires',
    lapsed: R['accreditation-expired'],
    lapsedText: 'the accreditation expired',
  },
  'accredited-with-conditions': {
    label: 'Accredited with conditions',
    met: R['accredited-with-conditions'],
    soon: R['accreditation-expiring'],
    soonText: 'expires',
    lapsed: R['accreditation-expired'],
    lapsedText: 'the accreditation expired',
  },
  'not-required': {
    label: 'Accreditation recorded as not required',
    met: R['accreditation-not-required'],
    soon: R['not-required-lapsing'],
    soonText: 'the decision lapses',
    lapsed: R['not-required-lapsed'],
    lapsedText: 'the decision lapsed',
  },
};

/**
 * OFFICIAL systems: an accreditation decision in date (the Accreditor's expiry
 * can shorten the statement's validity, never extend it). SECRET and above:
 * ITSO advice instead.
 */
export const accreditationCheck = defineCheck({
  id: 'accreditation',
  kind: 'record',
  description:
    'An in-date accreditation decision (OFFICIAL) or ITSO advice (SECRET and above)',
  annotations: [
    CONDITION_ANNOTATIONS.classification,
    ...Object.values(ACCREDITATION_ANNOTATIONS),
    ROLE_ANNOTATIONS['role-accreditor'],
  ],
  profileFields: [
    'classification',
    'records.accreditation',
    'records.itsoAdvice',
    'roles',
    'owningGroups',
  ],
  reasons: REASONS,
  futureDated: {
    annotation: ACCREDITATION_ANNOTATIONS['accreditation-date'].name,
  },
  notify: ['accreditor', 'iao'],
  run(ctx, cs) {
    const cls = ctx.cls;
    if (!cls) {
      return gap(
        ctx,
        cs,
        R['classification-missing'],
        'No classification recorded: cannot tell whether accreditation (OFFICIAL) or ITSO advice (SECRET and above) applies',
      );
    }
    if (cls !== 'OFFICIAL') {
      const adv = ctx.records.itsoAdvice;
      if (!adv || (!adv.link && !adv.date)) {
        return gap(
          ctx,
          cs,
          R['itso-advice-missing'],
          `${cls} system: no ITSO advice recorded`,
        );
      }
      const advice = [
        ev('record', 'ITSO advice', adv.date, adv.link, src(adv)),
      ];
      if (toDayNumber(adv.date) > ctx.asOf)
        return futureGap(
          ctx,
          cs,
          `${cls} system: ITSO advice dated`,
          adv.date!,
          advice,
        );
      // Advice counts from the day it was given, for the statement's validity.
      const given = toDayNumber(adv.date);
      if (!adv.link || Number.isNaN(given))
        return gap(
          ctx,
          cs,
          R['itso-advice-incomplete'],
          `${cls} system: the ITSO advice has no ${
            adv.link ? 'valid date' : 'link'
          }`,
          advice,
        );
      if (cs.validity)
        return dated(
          ctx,
          cs,
          given,
          adv.date!,
          cs.validity,
          `${cls} system: ITSO advice given on`,
          ITSO_ADVICE_DATED,
          advice,
        );
      return result(
        ctx,
        cs,
        'met',
        R['itso-advice-recorded'],
        `${cls} system: ITSO advice given on ${adv.date}`,
        advice,
        NaN,
      );
    }
    const acc = ctx.records.accreditation;
    if (!acc || !acc.status)
      return gap(
        ctx,
        cs,
        R['accreditation-missing'],
        'No accreditation decision recorded',
      );
    const nextDue = ctx.nextDue;
    const r = decisionResult(ctx, cs, acc);
    if (r.status !== 'met' && r.status !== 'due-soon') return r;
    const decided = decidedBy(ctx, cs, acc, r);
    // A decision that does not count has no due date to report.
    if (decided !== r) ctx.nextDue = nextDue;
    return decided;
  },
});

/** The decision's own verdict: its status, dates and expiry. */
function decisionResult(
  ctx: Ctx,
  cs: CompiledStatement,
  acc: AccreditationRecord,
): StatementResult {
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
    case 'accredited':
    case 'accredited-with-conditions': {
      // A decision that accreditation is not required is the Accreditor's
      // too, and lapses like an accreditation: not a way out for good.
      const d = DECISIONS[acc.status];
      const label =
        acc.status === 'not-required'
          ? `${d.label}${acc.accreditor ? ` by ${acc.accreditor}` : ''}${
              acc.decisionDate ? ` on ${acc.decisionDate}` : ''
            }`
          : d.label;
      const met = d.met;
      // The Accreditor's expiry can shorten validity, never extend it past
      // the statement's validity counted from the decision.
      let beyond = '';
      const validity = cs.validity;
      if (validity) {
        if (Number.isNaN(decided))
          return gap(
            ctx,
            cs,
            R['accreditation-date-missing'],
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
          acc.status === 'not-required'
            ? label
            : `${label}${
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
          d.lapsed,
          `${label}, but ${d.lapsedText} on ${expiry}${beyond}`,
          evidence,
          exp,
        );
      if (s === 1)
        return result(
          ctx,
          cs,
          'due-soon',
          d.soon,
          `${label}; ${d.soonText} on ${expiry}${beyond}`,
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
        R['accreditation-expired'],
        `Accreditation expired${acc.expiry ? ` on ${acc.expiry}` : ''}`,
        evidence,
        exp,
      );
    case 'in-progress':
      return gap(
        ctx,
        cs,
        R['accreditation-in-progress'],
        'Accreditation in progress, not yet granted',
        evidence,
      );
    case 'not-assessed':
      return gap(
        ctx,
        cs,
        R['accreditation-not-assessed'],
        'Not yet assessed for accreditation',
        evidence,
      );
    default:
      return gap(
        ctx,
        cs,
        R['accreditation-missing'],
        `Unknown accreditation status '${String(acc.status)}'`,
        evidence,
      );
  }
}

/**
 * A decision that would count stands only when it is the Accreditor's (the
 * holder of role-accreditor, a User in the catalog when the portal checked)
 * and the Accreditor is independent of the groups
 * that own the entity and its System; when their members are not known it is
 * not scored.
 */
function decidedBy(
  ctx: Ctx,
  cs: CompiledStatement,
  acc: AccreditationRecord,
  verdict: StatementResult,
): StatementResult {
  const holders = ctx.p.roles?.accreditor ?? [];
  const inherited = src(acc).inherited;
  // An inherited decision names the Accreditor where it was declared.
  const by = (
    acc.accreditor ?? holders.find(h => h && h.ref)?.ref
  )?.toLocaleLowerCase('en-US');
  if (
    !by ||
    (!inherited &&
      !holders.some(h => h?.ref?.toLocaleLowerCase('en-US') === by))
  )
    return gap(
      ctx,
      cs,
      R['accreditor-not-role-holder'],
      by
        ? `The accreditation decision is by ${by}, who is not the system\u2019s Accreditor (role-accreditor): it does not count`
        : 'The accreditation decision names no Accreditor (role-accreditor): it does not count',
      verdict.evidence,
    );
  if (holders.some(h => h?.missing && h.ref?.toLocaleLowerCase('en-US') === by))
    return gap(
      ctx,
      cs,
      R['role-holder-not-in-catalog'],
      `The accreditation decision is by ${by}, who is not a User in the catalog: it does not count`,
      verdict.evidence,
    );
  const alsoHolds = assuredRoleHeldBy(ctx.p, by);
  if (alsoHolds)
    return gap(
      ctx,
      cs,
      R['accreditor-holds-assured-role'],
      `The accreditation decision is by ${by}, who is also the system\u2019s ${alsoHolds}: it does not count`,
      verdict.evidence,
    );
  const ind = independenceOf(by, ctx.p.owningGroups);
  if (ind.status === 'member')
    return gap(
      ctx,
      cs,
      R['accreditor-not-independent'],
      `The accreditation decision is by ${notIndependentText(
        by,
        ind.group,
        ctx.p.entityRef,
      )}: it does not count`,
      verdict.evidence,
    );
  if (ind.status === 'missing')
    return gap(
      ctx,
      cs,
      R['owning-group-not-in-catalog'],
      `The accreditation decision is by ${owningGroupMissingText(
        by,
        ind.group,
        ctx.p.entityRef,
      )}: it does not count`,
      verdict.evidence,
    );
  if (ind.status === 'unknown')
    return result(
      ctx,
      cs,
      'not-scored',
      R['independence-unknown'],
      `${verdict.message}, but ${independenceUnknownText(by, ind.group)}`,
      verdict.evidence,
      NaN,
    );
  return verdict;
}
