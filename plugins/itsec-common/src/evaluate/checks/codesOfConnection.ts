import { addDuration, fromDayNumber, toDayNumber } from '../../dates';
import { codeOfConnectionApprovalProblems } from '../../codeOfConnection/approvals';
import { INDEPENDENCE_REASONS } from '../../codeOfConnection/independence';
import type { CodeOfConnection } from '../../profile/types';
import {
  addReason,
  Ctx,
  result,
  dueState,
  EMPTY,
  ev,
  FUTURE,
  futureText,
  gap,
  src,
} from '../context';
import { closeListCheck } from '../listCheck';
import type { EvidenceItem } from '../types';
import { defineCheck, reasonArrays } from './types';
import { CONDITION_ANNOTATIONS } from '../../annotations/conditionSpecs';
import { ACCREDITATION_ANNOTATIONS } from './accreditation';
import { ROLE_ANNOTATIONS } from './roles';

const COC_HINT =
  'Agree (or renew) the Code of Connection with the Accreditor, ITSO, IAO and the other party, and record its status and agreed date in the Code of Connection record';

const REASONS = {
  'coc-missing': {
    message: 'External connections, but no Code of Connection recorded',
    annotation: CONDITION_ANNOTATIONS['has-external-connections'].name,
    hint: 'Record a Code of Connection for each connection to another MoJ domain, another department or a third party (or set has-external-connections to false)',
  },
  'coc-not-agreed': {
    message: 'A Code of Connection is not agreed (draft or other status)',
    hint: COC_HINT,
  },
  'coc-expired': {
    message: 'A Code of Connection has expired',
    hint: COC_HINT,
  },
  'coc-revoked': {
    message: 'A Code of Connection was revoked',
    hint: `${COC_HINT}, or remove the connection`,
  },
  'coc-agreed-date-missing': {
    message: 'An agreed Code of Connection has no agreed date',
    hint: COC_HINT,
  },
  'coc-review-overdue': {
    message: 'A Code of Connection\u2019s review is overdue',
    hint: COC_HINT,
  },
  'coc-review-due-soon': {
    message: 'A Code of Connection\u2019s review falls due within the window',
    hint: COC_HINT,
  },
  'coc-approvals-missing': {
    message: 'An agreed Code of Connection lacks an approval',
    hint: 'Record the approvals of the Accreditor, the ITSO and the IAO (each with the date) in the Code of Connection (spec.approvals)',
  },
  'coc-approval-not-role-holder': {
    message: 'An approval is by someone who does not hold that role',
    annotation: ROLE_ANNOTATIONS['role-accreditor'].name,
    hint: 'Have the approvals given by the people who hold those roles for this system: its Accreditor (role-accreditor), its IAO (role-iao) and the ITSO (a member of the ITSO group, or the role-itso declared on the Domain); record them in the Code of Connection (spec.approvals), or name the approver in the role if they hold it',
  },
  'coc-approvals-not-separate': {
    message:
      'One person gave two of the Accreditor, ITSO and IAO approvals of a Code of Connection',
    annotation: ROLE_ANNOTATIONS['role-iao'].name,
    hint: 'The connection is agreed with the Accreditor, the ITSO and the IAO as three people: have each approval given by a different person (one person should not hold two of these roles for a system)',
  },
  'coc-approver-not-independent': {
    message:
      'An Accreditor or IAO approval is by a member of the team that owns the system',
    annotation: ROLE_ANNOTATIONS['role-accreditor'].name,
    hint: 'The Accreditor and the IAO approve a connection for the MoJ, independently of the delivery team: have the approval given by an Accreditor and an IAO who are not members of the owning group (or its sub-groups), named in role-accreditor and role-iao',
  },
  ...INDEPENDENCE_REASONS,
  'coc-above-official-needs-itso-advice': {
    message: 'Connections above OFFICIAL without ITSO advice',
    annotation: ACCREDITATION_ANNOTATIONS['itso-advice'].name,
    hint: 'Connections of a SECRET / TOP SECRET system need ITSO and Accreditor advice: record the ITSO advice with its date and link',
  },
  'cocs-agreed': {
    message: 'Every Code of Connection is agreed, approved and in date',
  },
};
const R = reasonArrays(REASONS);
const COC_APPROVAL_PROBLEM_REASON = {
  'not-role-holder': 'coc-approval-not-role-holder',
  'not-separate': 'coc-approvals-not-separate',
  'not-independent': 'coc-approver-not-independent',
  'role-holder-not-in-catalog': 'role-holder-not-in-catalog',
} as const;

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
/**
 * Every Code of Connection of the system agreed, approved by the role holders
 * and reviewed in date; above OFFICIAL, ITSO advice recorded.
 */
export const codesOfConnectionCheck = defineCheck({
  id: 'codes-of-connection',
  kind: 'record',
  description:
    'Every Code of Connection agreed, approved by the role holders and in date',
  annotations: [
    CONDITION_ANNOTATIONS['has-external-connections'],
    ACCREDITATION_ANNOTATIONS['itso-advice'],
    ROLE_ANNOTATIONS['role-accreditor'],
    ROLE_ANNOTATIONS['role-iao'],
    ROLE_ANNOTATIONS['role-itso'],
  ],
  profileFields: [
    'codesOfConnection',
    'classification',
    'records.itsoAdvice',
    'roles',
    'itsoGroupMembers',
    'owningGroups',
  ],
  reasons: REASONS,
  futureDated: {
    hint: '(spec.agreedDate and spec.approvals.*.date of the Code of Connection)',
  },
  notify: ['accreditor', 'iao'],
  run(ctx, cs) {
    const list = ctx.cocs;
    if (list.length === 0) {
      return gap(
        ctx,
        cs,
        R['coc-missing'],
        'The system has external connections but no Code of Connection is recorded',
      );
    }
    const validity = cs.validity;
    let reasons: string[] | undefined;
    let problems: string[] | undefined;
    let unchecked: string | undefined;
    let ownerMissing: string[] | undefined;
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
          { entityRef: ctx.p.entityRef, groups: ctx.p.owningGroups },
        );
        for (let k = 0; k < wrong.length; k++) {
          const w = wrong[k];
          if (w.problem === 'independence-unknown') {
            unchecked ??= `${name}: ${w.message}`;
            continue;
          }
          if (w.problem === 'owning-group-not-in-catalog') {
            (ownerMissing ??= []).push(`${name}: ${w.message}`);
            continue;
          }
          addReason((reasons ??= []), COC_APPROVAL_PROBLEM_REASON[w.problem]);
          (problems ??= []).push(`${name}: ${w.message}`);
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
      // Advice without its date or its link is not evidence (as for 013).
      if (!adv || (!adv.link && !adv.date)) {
        addReason((reasons ??= []), 'coc-above-official-needs-itso-advice');
        (problems ??= []).push(
          `${aboveOfficial}: connections need ITSO and Accreditor advice, none recorded`,
        );
      } else if (!adv.link || !adv.date) {
        addReason((reasons ??= []), 'coc-above-official-needs-itso-advice');
        (problems ??= []).push(
          `${aboveOfficial}: connections need ITSO and Accreditor advice, the ITSO advice recorded has no ${
            adv.link ? 'date' : 'link'
          }`,
        );
      } else if (toDayNumber(adv.date) > ctx.asOf) {
        addReason((reasons ??= []), FUTURE[0]);
        (problems ??= []).push(
          `${aboveOfficial}: ${futureText(
            ctx,
            'ITSO advice dated',
            adv.date!,
          )}`,
        );
      }
    }
    const n = list.length;
    const nextDue = ctx.nextDue;
    const verdict = closeListCheck(ctx, cs, {
      what: `${n} Code${n === 1 ? '' : 's'} of Connection`,
      reasons,
      problems,
      anySoon,
      minDue,
      evidence,
      codes: { soon: R['coc-review-due-soon'], met: R['cocs-agreed'] },
      done: 'agreed',
      metInDate: 'agreed and in date',
      review: 'review',
    });
    // Would pass on an approval no one can show independent: a gap.
    if (ownerMissing && verdict.status !== 'gap') {
      ctx.nextDue = nextDue;
      return gap(
        ctx,
        cs,
        R['owning-group-not-in-catalog'],
        `${ownerMissing.join('; ')}: ${
          ownerMissing.length === 1 ? 'it does' : 'they do'
        } not count`,
        evidence,
      );
    }
    // Met only as far as could be checked: not a pass.
    if (unchecked && verdict.status !== 'gap') {
      ctx.nextDue = nextDue;
      return result(
        ctx,
        cs,
        'not-scored',
        R['independence-unknown'],
        unchecked,
        evidence,
        NaN,
      );
    }
    return verdict;
  },
});
