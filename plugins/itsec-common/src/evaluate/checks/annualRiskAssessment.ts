import { toDayNumber } from '../../dates';
import { ev, futureGap, gap, result, src } from '../context';
import { dated, standardAccepted } from '../datedRecords';
import { RISK_ASSESSMENT_REASONS as REASONS } from './riskAssessment';
import { defineCheck, reasonArrays } from './types';
import { RISK_ASSESSMENT_ANNOTATIONS } from './riskAssessment';

const R = reasonArrays(REASONS);
const DATED = {
  overdue: R['risk-assessment-overdue'],
  soon: R['risk-assessment-due-soon'],
  met: R['risk-assessment-current'],
};

/**
 * A dated technical risk assessment (where accreditation applies): only its
 * date and method count, not the completeness of the record.
 */
export const annualRiskAssessmentCheck = defineCheck({
  id: 'annual-risk-assessment',
  kind: 'record',
  description:
    'A dated technical risk assessment by an accepted method, in date',
  annotations: [
    RISK_ASSESSMENT_ANNOTATIONS['risk-assessment'],
    RISK_ASSESSMENT_ANNOTATIONS['risk-assessment-date'],
    RISK_ASSESSMENT_ANNOTATIONS['risk-assessment-method'],
  ],
  profileFields: ['records.riskAssessment'],
  reasons: REASONS,
  futureDated: {
    annotation: RISK_ASSESSMENT_ANNOTATIONS['risk-assessment-date'].name,
  },
  notify: ['accreditor', 'iao'],
  run(ctx, cs) {
    const rec = ctx.records.riskAssessment;
    if (!rec)
      return gap(
        ctx,
        cs,
        R['risk-assessment-missing'],
        'No technical risk assessment recorded',
      );
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
        R['risk-assessment-missing'],
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
        R['risk-assessment-method-not-recognised'],
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
        R['risk-assessment-recorded'],
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
      DATED,
      evidence,
    );
  },
});
