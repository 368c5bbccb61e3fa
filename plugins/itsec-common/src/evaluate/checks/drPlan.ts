import { addDuration, toDayNumber } from '../../dates';
import { ev, futureGap, gap, result, src } from '../context';
import { dated, withGaps } from '../datedRecords';
import type { StatementResult } from '../types';
import { defineCheck, reasonArrays } from './types';
import { ROLE_ANNOTATIONS } from './roles';
import { BIA_ANNOTATIONS } from './bia';
import {
  annotationSpec,
  DR_TEST_OUTCOME_VALUES,
} from '../../annotations/annotationSpec';

/** The disaster recovery plan. */
export const DR_PLAN_ANNOTATIONS = Object.freeze({
  'dr-plan': annotationSpec({
    key: 'dr-plan',
    format: 'url',
    group: 'dr-plan',
    description:
      'Link to the ICT disaster recovery plan. The DR lead is role-dr-lead.',
    example: 'https://example.justice.gov.uk/cmc/dr-plan',
  }),
  'dr-plan-rto': annotationSpec({
    key: 'dr-plan-rto',
    format: 'duration',
    group: 'dr-plan',
    description: 'Recovery time objective the plan achieves.',
    example: '4h',
  }),
  'dr-plan-rpo': annotationSpec({
    key: 'dr-plan-rpo',
    format: 'duration',
    group: 'dr-plan',
    description: 'Recovery point objective the plan achieves.',
    example: '15m',
  }),
  'dr-plan-last-test': annotationSpec({
    key: 'dr-plan-last-test',
    format: 'dated-outcome',
    values: DR_TEST_OUTCOME_VALUES,
    group: 'dr-plan',
    dateRole: 'event',
    description:
      'Date and outcome of the last DR test: pass (RTO and RPO met), partial or fail.',
    example: '2025-07-08 pass',
  }),
});

const REASONS = {
  'dr-plan-missing': {
    message: 'No DR plan linked',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan'].name,
    hint: 'Link the ICT disaster recovery plan (with RTO and RPO)',
  },
  'dr-plan-incomplete': {
    message: 'The DR plan has no RTO or RPO',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan-rto'].name,
    hint: 'Record the DR plan recovery time (RTO) and recovery point (RPO) objectives',
  },
  'dr-plan-misses-bia': {
    message:
      'The DR plan\u2019s RTO or RPO is longer than the Business Impact Assessment needs',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan-rto'].name,
    hint: 'Make the DR plan meet the business\u2019s recovery objectives (bia-rto, bia-rpo), test it and record the objectives it achieves',
  },
  'dr-test-missing': {
    message: 'The DR plan has never been tested',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan-last-test'].name,
    hint: 'Test the DR plan and record the test date and outcome, e.g. "2026-03-01 pass"',
  },
  'dr-test-failed': {
    message: 'No successful DR test; the latest failed',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan-last-test'].name,
    hint: 'Fix the DR plan, re-test it and record a passing test, e.g. "2026-03-01 pass"',
  },
  'dr-test-partial': {
    message: 'No successful DR test; the latest was partial',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan-last-test'].name,
    hint: 'Complete the DR test and record a passing test, e.g. "2026-03-01 pass"',
  },
  'dr-test-overdue': {
    message: 'The last successful DR test is out of date',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan-last-test'].name,
    hint: 'Test the DR plan (at least every 12 months) and record the date and outcome',
  },
  'dr-test-due-soon': {
    message: 'The next DR test falls due within the window',
    annotation: DR_PLAN_ANNOTATIONS['dr-plan-last-test'].name,
    hint: 'Schedule the next DR test and record the date and outcome when done',
  },
  'dr-test-current': { message: 'The last successful DR test is in date' },
  'dr-plan-tested': {
    message: 'The DR plan was tested successfully (no test period)',
  },
};
const R = reasonArrays(REASONS);
const DATED = {
  overdue: R['dr-test-overdue'],
  soon: R['dr-test-due-soon'],
  met: R['dr-test-current'],
};

const SECONDS: Record<string, number> = {
  Y: 365 * 86400,
  M: 30 * 86400,
  W: 7 * 86400,
  D: 86400,
  H: 3600,
  TM: 60,
  S: 1,
};

/** An ISO 8601 duration ('PT4H', 'P1D') in seconds (months as 30 days), or NaN. */
function seconds(iso: string | undefined): number {
  const m =
    iso &&
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
      iso,
    );
  if (!m) return NaN;
  const units = ['Y', 'M', 'W', 'D', 'H', 'TM', 'S'];
  let total = 0;
  for (let i = 0; i < units.length; i++)
    if (m[i + 1]) total += Number(m[i + 1]) * SECONDS[units[i]];
  return total;
}

/**
 * Why the plan falls short of the BIA's recovery objectives (a plan that
 * recovers slower, or loses more data, than the business needs is not the
 * plan 043 asks for), or undefined.
 */
function shortOfBia(
  plan: { rto?: string; rpo?: string },
  bia: { rto?: string; rpo?: string } | undefined,
): string | undefined {
  const out: string[] = [];
  for (const key of ['rto', 'rpo'] as const) {
    if (seconds(plan[key]) > seconds(bia?.[key]))
      out.push(
        `The DR plan's ${key.toUpperCase()} (${
          plan[key]
        }) is longer than the BIA needs (${bia![key]})`,
      );
  }
  return out.length ? out.join('; ') : undefined;
}

/** A DR plan with RTO and RPO, successfully tested within the statement's validity. */
export const drPlanCheck = defineCheck({
  id: 'dr-plan',
  kind: 'record',
  description: 'A DR plan with RTO and RPO, with a successful test in date',
  annotations: [
    ...Object.values(DR_PLAN_ANNOTATIONS),
    ROLE_ANNOTATIONS['role-dr-lead'],
    BIA_ANNOTATIONS['bia-rto'],
    BIA_ANNOTATIONS['bia-rpo'],
  ],
  profileFields: ['records.drPlan', 'records.bia'],
  reasons: REASONS,
  futureDated: { annotation: DR_PLAN_ANNOTATIONS['dr-plan-last-test'].name },
  notify: ['dr-lead'],
  run(ctx, cs) {
    const rec = ctx.records.drPlan;
    if (!rec || !rec.link)
      return gap(ctx, cs, R['dr-plan-missing'], 'No DR plan recorded');
    const test = rec.lastTest;
    const tested = test ? toDayNumber(test.date) : NaN;
    const evidence = [
      ev(
        'record',
        'DR plan',
        Number.isNaN(tested) ? undefined : test!.date,
        rec.link,
        src(rec),
      ),
    ];
    if (tested > ctx.asOf)
      return futureGap(ctx, cs, 'DR test dated', test!.date, evidence);
    const incomplete = !rec.rto || !rec.rpo;
    let res: StatementResult;
    let due = NaN;
    if (Number.isNaN(tested)) {
      res = gap(
        ctx,
        cs,
        R['dr-test-missing'],
        'DR plan has never been tested',
        evidence,
      );
    } else if (test!.outcome !== 'pass') {
      res = gap(
        ctx,
        cs,
        test!.outcome === 'partial'
          ? R['dr-test-partial']
          : R['dr-test-failed'],
        `DR plan last tested ${test!.date}: ${
          test!.outcome
        }, no successful test recorded`,
        evidence,
      );
    } else if (cs.validity) {
      due = addDuration(tested, cs.validity);
      res = dated(
        ctx,
        cs,
        tested,
        test!.date,
        cs.validity,
        'DR plan last tested',
        DATED,
        evidence,
      );
    } else {
      res = result(
        ctx,
        cs,
        'met',
        R['dr-plan-tested'],
        `DR plan last tested ${test!.date}`,
        evidence,
        NaN,
      );
    }
    const short = shortOfBia(rec, ctx.records.bia);
    if (short)
      res = withGaps(ctx, cs, res, R['dr-plan-misses-bia'], short, due);
    if (incomplete) {
      let which = 'RTO and RPO';
      if (rec.rto) which = 'RPO';
      else if (rec.rpo) which = 'RTO';
      return withGaps(
        ctx,
        cs,
        res,
        R['dr-plan-incomplete'],
        `DR plan has no ${which}`,
        due,
      );
    }
    return res;
  },
});
