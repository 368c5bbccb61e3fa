import { ev, gap, src } from '../context';
import { reviewedDocument } from '../datedRecords';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec } from '../../annotations/annotationSpec';

/** The security procedures record. */
export const SECURITY_PROCEDURES_ANNOTATIONS = Object.freeze({
  'security-procedures': annotationSpec({
    key: 'security-procedures',
    format: 'url',
    group: 'security-procedures',
    description: 'Link to the documented security procedures / SyOPs.',
    example: 'https://example.justice.gov.uk/cmc/syops',
  }),
  'security-procedures-reviewed': annotationSpec({
    key: 'security-procedures-reviewed',
    format: 'date',
    group: 'security-procedures',
    dateRole: 'event',
    description: 'Date the security procedures were last reviewed.',
    example: '2025-11-03',
  }),
});

const REVIEW_HINT =
  'Review the security procedures and record the review date (YYYY-MM-DD)';

const REASONS = {
  'security-procedures-missing': {
    message: 'No security procedures linked',
    annotation: SECURITY_PROCEDURES_ANNOTATIONS['security-procedures'].name,
    hint: 'Link the documented security procedures / SyOPs',
  },
  'security-procedures-review-date-missing': {
    message: 'The security procedures have no valid review date',
    annotation:
      SECURITY_PROCEDURES_ANNOTATIONS['security-procedures-reviewed'].name,
    hint: 'Record the date the security procedures were last reviewed (YYYY-MM-DD)',
  },
  'security-procedures-review-overdue': {
    message: 'The security procedures\u2019 review is overdue',
    annotation:
      SECURITY_PROCEDURES_ANNOTATIONS['security-procedures-reviewed'].name,
    hint: REVIEW_HINT,
  },
  'security-procedures-review-due-soon': {
    message: 'The security procedures\u2019 review falls due within the window',
    annotation:
      SECURITY_PROCEDURES_ANNOTATIONS['security-procedures-reviewed'].name,
    hint: REVIEW_HINT,
  },
  'security-procedures-current': {
    message: 'The security procedures are documented (and reviewed in date)',
  },
};
const R = reasonArrays(REASONS);
const DATED = {
  overdue: R['security-procedures-review-overdue'],
  soon: R['security-procedures-review-due-soon'],
  met: R['security-procedures-current'],
};

/** Documented security procedures / SyOPs, reviewed within the statement's validity. */
export const securityProceduresCheck = defineCheck({
  id: 'security-procedures',
  kind: 'record',
  description: 'Documented security procedures, reviewed in date',
  annotations: Object.values(SECURITY_PROCEDURES_ANNOTATIONS),
  profileFields: ['records.securityProcedures'],
  reasons: REASONS,
  futureDated: {
    annotation:
      SECURITY_PROCEDURES_ANNOTATIONS['security-procedures-reviewed'].name,
  },
  run(ctx, cs) {
    const rec = ctx.records.securityProcedures;
    if (!rec || !rec.link)
      return gap(
        ctx,
        cs,
        R['security-procedures-missing'],
        'No documented security procedures linked',
      );
    const evidence = [
      ev('record', 'Security procedures', rec.reviewedOn, rec.link, src(rec)),
    ];
    return reviewedDocument(
      ctx,
      cs,
      rec.reviewedOn,
      'Security procedures',
      {
        documented: DATED.met,
        noDate: R['security-procedures-review-date-missing'],
        dated: DATED,
      },
      evidence,
    ).res;
  },
});
