import { toDayNumber } from '../../dates';
import { ev, futureGap, gap, src } from '../context';
import {
  datedOrRecorded,
  incompleteRecord,
  standardAccepted,
} from '../datedRecords';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec } from '../../annotations/annotationSpec';

/** The technical risk assessment record (shared with the annual check). */
export const RISK_ASSESSMENT_ANNOTATIONS = Object.freeze({
  'risk-assessment': annotationSpec({
    key: 'risk-assessment',
    format: 'url',
    group: 'risk-assessment',
    description: 'Link to the latest technical risk assessment.',
    example: 'https://example.justice.gov.uk/cmc/risk-assessment-2025',
  }),
  'risk-assessment-date': annotationSpec({
    key: 'risk-assessment-date',
    format: 'date',
    group: 'risk-assessment',
    dateRole: 'event',
    description: 'Date of the latest technical risk assessment.',
    example: '2025-09-15',
  }),
  'risk-assessment-method': annotationSpec({
    key: 'risk-assessment-method',
    format: 'text',
    group: 'risk-assessment',
    description:
      'Method used, e.g. NCSC risk management guidance, IS1&2, STRIDE threat model.',
    example: 'NCSC risk management guidance',
  }),
  'risk-assessment-assessor': annotationSpec({
    key: 'risk-assessment-assessor',
    format: 'text',
    group: 'risk-assessment',
    description:
      'Who assessed: a User entity ref or the assessing organisation.',
    example: 'user:default/helen.pritchard',
  }),
});

/** The reasons shared with the annual risk assessment check. */
export const RISK_ASSESSMENT_REASONS = {
  'risk-assessment-missing': {
    message: 'No (validly dated) technical risk assessment recorded',
    annotation: RISK_ASSESSMENT_ANNOTATIONS['risk-assessment'].name,
    hint: 'Record the technical risk assessment: date, method, assessor and a link to it',
  },
  'risk-assessment-method-not-recognised': {
    message: 'The assessment method is not one the policy accepts',
    annotation: RISK_ASSESSMENT_ANNOTATIONS['risk-assessment'].name,
    hint: 'Record a risk assessment method the policy accepts',
  },
  'risk-assessment-overdue': {
    message: 'The technical risk assessment is out of date',
    annotation: RISK_ASSESSMENT_ANNOTATIONS['risk-assessment-date'].name,
    hint: 'Carry out a new technical risk assessment (at least every 12 months) and record its date',
  },
  'risk-assessment-due-soon': {
    message: 'The technical risk assessment falls due within the window',
    annotation: RISK_ASSESSMENT_ANNOTATIONS['risk-assessment-date'].name,
    hint: 'Plan the next technical risk assessment and record its date when done',
  },
  'risk-assessment-current': {
    message: 'The technical risk assessment is in date',
  },
  'risk-assessment-recorded': {
    message: 'A technical risk assessment is recorded (no review period)',
  },
};

const REASONS = {
  ...RISK_ASSESSMENT_REASONS,
  'risk-assessment-incomplete': {
    message:
      'The risk assessment record lacks its date, method, assessor or link',
    annotation: RISK_ASSESSMENT_ANNOTATIONS['risk-assessment'].name,
    hint: 'Complete the technical risk assessment record: date, method, assessor and link',
  },
};
const R = reasonArrays(REASONS);
const DATED = {
  overdue: R['risk-assessment-overdue'],
  soon: R['risk-assessment-due-soon'],
  met: R['risk-assessment-current'],
};

/** A complete technical risk assessment by an accepted method, in date. */
export const riskAssessmentCheck = defineCheck({
  id: 'risk-assessment',
  kind: 'record',
  description:
    'A complete technical risk assessment (date, method, assessor, link) by an accepted method, in date',
  annotations: Object.values(RISK_ASSESSMENT_ANNOTATIONS),
  profileFields: ['records.riskAssessment'],
  reasons: REASONS,
  futureDated: {
    annotation: RISK_ASSESSMENT_ANNOTATIONS['risk-assessment-date'].name,
  },
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
    const incomplete = incompleteRecord(
      ctx,
      cs,
      R['risk-assessment-incomplete'],
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
        R['risk-assessment-method-not-recognised'],
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
      DATED,
      R['risk-assessment-recorded'],
      `Technical risk assessment dated ${rec.date} by ${rec.assessor} (${rec.method})`,
      evidence,
    );
  },
});
