import { addDuration, fromDayNumber, parseIsoDuration } from '../../dates';
import { OWN_SOURCE } from '../../profile/types';
import { byState, dueState, ev, remediationFor, result } from '../context';
import { defineCheck, reasonArrays } from './types';

const REASONS = {
  'policy-review-current': {
    message: 'The policy catalogue is reviewed in date',
  },
  'policy-review-due-soon': {
    message: 'The policy catalogue\u2019s review falls due within the window',
  },
  'policy-review-overdue': {
    message: 'The policy catalogue\u2019s review is overdue',
    hint: 'Review the policy catalogue and update its lastReviewed date and version',
  },
};
const R = reasonArrays(REASONS);

/** Organisation: the policy catalogue itself reviewed in date (reported, never scored). */
export const policyReviewCheck = defineCheck({
  id: 'policy-review',
  kind: 'organisation',
  description:
    'Reports whether the policy catalogue was reviewed in date (not scored)',
  annotations: [],
  profileFields: [],
  reasons: REASONS,
  run(ctx, cs) {
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
      byState<readonly string[]>(
        s,
        R['policy-review-current'],
        R['policy-review-due-soon'],
        R['policy-review-overdue'],
      ),
      `Policy catalogue ${p.id} v${p.version} last reviewed ${
        p.lastReviewed
      }: ${
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
  },
});
