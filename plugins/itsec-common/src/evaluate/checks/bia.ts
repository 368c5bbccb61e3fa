import { toDayNumber } from '../../dates';
import { ev, futureGap, gap, isMissing, src } from '../context';
import { datedOrRecorded, incompleteRecord } from '../datedRecords';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec } from '../../annotations/annotationSpec';

/** The Business Impact Assessment record. */
export const BIA_ANNOTATIONS = Object.freeze({
  bia: annotationSpec({
    key: 'bia',
    format: 'url',
    group: 'bia',
    description: 'Link to the Business Impact Assessment.',
    example: 'https://example.justice.gov.uk/cmc/bia',
  }),
  'bia-date': annotationSpec({
    key: 'bia-date',
    format: 'date',
    group: 'bia',
    dateRole: 'event',
    description: 'Date of the Business Impact Assessment.',
    example: '2025-05-12',
  }),
  'bia-impact': annotationSpec({
    key: 'bia-impact',
    format: 'impact',
    group: 'bia',
    description:
      'Impact levels (IL0-IL6) for confidentiality, integrity and availability.',
    example: 'C=IL3, I=IL2, A=IL2',
  }),
  'bia-rto': annotationSpec({
    key: 'bia-rto',
    format: 'duration',
    group: 'bia',
    description: 'Recovery time objective the business needs.',
    example: '4h',
  }),
  'bia-rpo': annotationSpec({
    key: 'bia-rpo',
    format: 'duration',
    group: 'bia',
    description: 'Recovery point objective the business needs.',
    example: '1h',
  }),
});

const REVIEW_HINT =
  'Review the Business Impact Assessment and record its new date';

const REASONS = {
  'bia-missing': {
    message: 'No Business Impact Assessment recorded',
    annotation: BIA_ANNOTATIONS.bia.name,
    hint: 'Record the Business Impact Assessment: date, confidentiality / integrity / availability impact levels, RTO, RPO and link',
  },
  'bia-incomplete': {
    message: 'The BIA record lacks its date, an impact level or its link',
    annotation: BIA_ANNOTATIONS.bia.name,
    hint: 'Complete the Business Impact Assessment record: date, C/I/A impact levels (0-6) and link',
  },
  'bia-overdue': {
    message: 'The Business Impact Assessment is out of date',
    annotation: BIA_ANNOTATIONS.bia.name,
    hint: REVIEW_HINT,
  },
  'bia-due-soon': {
    message: 'The Business Impact Assessment falls due within the window',
    annotation: BIA_ANNOTATIONS.bia.name,
    hint: REVIEW_HINT,
  },
  'bia-recorded': {
    message: 'A complete Business Impact Assessment is recorded (in date)',
  },
};
const R = reasonArrays(REASONS);
const DATED = {
  overdue: R['bia-overdue'],
  soon: R['bia-due-soon'],
  met: R['bia-recorded'],
};

/** A complete Business Impact Assessment (date, C/I/A levels, link), in date. */
export const biaCheck = defineCheck({
  id: 'bia',
  kind: 'record',
  description:
    'A complete Business Impact Assessment (date, C/I/A impact levels, link), in date',
  annotations: Object.values(BIA_ANNOTATIONS),
  profileFields: ['records.bia'],
  reasons: REASONS,
  futureDated: { annotation: BIA_ANNOTATIONS['bia-date'].name },
  run(ctx, cs) {
    const rec = ctx.records.bia;
    if (!rec)
      return gap(
        ctx,
        cs,
        R['bia-missing'],
        'No Business Impact Assessment recorded',
      );
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
      R['bia-incomplete'],
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
      DATED,
      DATED.met,
      `Business Impact Assessment dated ${rec.date} (C${rec.confidentiality} I${rec.integrity} A${rec.availability})`,
      evidence,
    );
  },
});
