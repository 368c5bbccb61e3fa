import type { DisposalRecord } from '../../profile/types';
import { ev, gap, src } from '../context';
import { reviewedDocument, withGaps } from '../datedRecords';
import { defineCheck, reasonArrays } from './types';
import {
  annotationSpec,
  DISPOSAL_SCOPE_VALUES,
} from '../../annotations/annotationSpec';

/** The asset disposal procedure. */
export const DISPOSAL_PROCEDURE_ANNOTATIONS = Object.freeze({
  'disposal-procedure': annotationSpec({
    key: 'disposal-procedure',
    format: 'url',
    group: 'disposal',
    description: 'Link to the documented asset disposal procedure.',
    example: 'https://example.justice.gov.uk/cmc/disposal',
  }),
  'disposal-scope': annotationSpec({
    key: 'disposal-scope',
    format: 'enum-list',
    values: DISPOSAL_SCOPE_VALUES,
    group: 'disposal',
    description:
      'What the procedure covers: physical media, cloud storage, or both.',
    example: 'physical, cloud',
  }),
  'disposal-approver': annotationSpec({
    key: 'disposal-approver',
    format: 'user',
    group: 'disposal',
    description: 'Who approved the procedure.',
    example: 'thomas.green',
  }),
  'disposal-reviewed': annotationSpec({
    key: 'disposal-reviewed',
    format: 'date',
    group: 'disposal',
    dateRole: 'event',
    description: 'Date the procedure was last reviewed.',
    example: '2025-08-30',
  }),
});

const REVIEW_HINT = 'Review the disposal procedure and record the review date';

/** Shared with the disposal standard check. */
export const DISPOSAL_PROCEDURE_MISSING = {
  message: 'No (linked) asset disposal procedure recorded',
  annotation: DISPOSAL_PROCEDURE_ANNOTATIONS['disposal-procedure'].name,
  hint: 'Link the documented asset disposal procedure',
};

const REASONS = {
  'disposal-procedure-missing': DISPOSAL_PROCEDURE_MISSING,
  'disposal-approver-missing': {
    message: 'No approver recorded for the disposal procedure',
    annotation: DISPOSAL_PROCEDURE_ANNOTATIONS['disposal-approver'].name,
    hint: 'Record who approved the disposal procedure (user entity ref)',
  },
  'disposal-review-date-missing': {
    message: 'The disposal procedure has no valid review date',
    annotation: DISPOSAL_PROCEDURE_ANNOTATIONS['disposal-reviewed'].name,
    hint: 'Record the date the disposal procedure was last reviewed',
  },
  'disposal-review-overdue': {
    message: 'The disposal procedure\u2019s review is overdue',
    annotation: DISPOSAL_PROCEDURE_ANNOTATIONS['disposal-reviewed'].name,
    hint: REVIEW_HINT,
  },
  'disposal-review-due-soon': {
    message: 'The disposal procedure\u2019s review falls due within the window',
    annotation: DISPOSAL_PROCEDURE_ANNOTATIONS['disposal-reviewed'].name,
    hint: REVIEW_HINT,
  },
  'disposal-procedure-current': {
    message: 'The disposal procedure is reviewed in date',
  },
  'disposal-procedure-recorded': {
    message: 'A disposal procedure is documented (no review period)',
  },
};
const R = reasonArrays(REASONS);
const DATED = {
  overdue: R['disposal-review-overdue'],
  soon: R['disposal-review-due-soon'],
  met: R['disposal-procedure-current'],
};

/** The evidence label of a disposal procedure, with its scope. */
export function disposalLabel(rec: DisposalRecord): string {
  return rec.scope && rec.scope.length > 0
    ? `Asset disposal procedure (${rec.scope.join(', ')})`
    : 'Asset disposal procedure';
}

/** A documented, approved asset disposal procedure, reviewed in date. */
export const disposalProcedureCheck = defineCheck({
  id: 'disposal-procedure',
  kind: 'record',
  description:
    'A documented asset disposal procedure with its approver, reviewed in date',
  annotations: Object.values(DISPOSAL_PROCEDURE_ANNOTATIONS),
  profileFields: ['records.disposal'],
  reasons: REASONS,
  futureDated: {
    annotation: DISPOSAL_PROCEDURE_ANNOTATIONS['disposal-reviewed'].name,
  },
  run(ctx, cs) {
    const rec = ctx.records.disposal;
    if (!rec || !rec.link)
      return gap(
        ctx,
        cs,
        R['disposal-procedure-missing'],
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
      {
        documented: R['disposal-procedure-recorded'],
        noDate: R['disposal-review-date-missing'],
        dated: DATED,
      },
      evidence,
    );
    if (!rec.approver)
      return withGaps(
        ctx,
        cs,
        res,
        R['disposal-approver-missing'],
        'No approver recorded',
        due,
      );
    return res;
  },
});
