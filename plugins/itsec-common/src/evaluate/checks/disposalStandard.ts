import { ev, gap, result, src } from '../context';
import { standardAccepted } from '../datedRecords';
import { disposalLabel, DISPOSAL_PROCEDURE_MISSING } from './disposalProcedure';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec } from '../../annotations/annotationSpec';

/** The standard the disposal procedure cites. */
export const DISPOSAL_STANDARD_ANNOTATIONS = Object.freeze({
  'disposal-standard': annotationSpec({
    key: 'disposal-standard',
    format: 'text',
    group: 'disposal',
    description:
      'Standard the procedure cites: IS5 or its successor (NCSC secure sanitisation guidance).',
    example: 'NCSC secure sanitisation of storage media',
  }),
});

const REASONS = {
  'disposal-procedure-missing': DISPOSAL_PROCEDURE_MISSING,
  'disposal-standard-missing': {
    message: 'The disposal procedure cites no standard',
    annotation: DISPOSAL_STANDARD_ANNOTATIONS['disposal-standard'].name,
    hint: 'Record the standard the disposal procedure follows: IS5 or its successor (NCSC secure sanitisation, GovS 007)',
  },
  'disposal-standard-not-recognised': {
    message: 'The cited standard is not one the policy accepts',
    annotation: DISPOSAL_STANDARD_ANNOTATIONS['disposal-standard'].name,
    hint: 'Base the disposal procedure on IS5 or its successor (NCSC secure sanitisation, GovS 007) and record it',
  },
  'disposal-standard-cited': {
    message: 'The disposal procedure cites an accepted standard',
  },
};
const R = reasonArrays(REASONS);

/** The disposal procedure cites a standard the statement accepts (IS5 or a successor). */
export const disposalStandardCheck = defineCheck({
  id: 'disposal-standard',
  kind: 'record',
  description: 'The disposal procedure cites an accepted standard',
  annotations: Object.values(DISPOSAL_STANDARD_ANNOTATIONS),
  profileFields: ['records.disposal'],
  reasons: REASONS,
  run(ctx, cs) {
    const rec = ctx.records.disposal;
    if (!rec)
      return gap(
        ctx,
        cs,
        R['disposal-procedure-missing'],
        'No asset disposal procedure recorded',
      );
    const evidence = [
      ev('record', disposalLabel(rec), rec.reviewedOn, rec.link, src(rec)),
    ];
    if (!rec.standard)
      return gap(
        ctx,
        cs,
        R['disposal-standard-missing'],
        'The disposal procedure cites no standard',
        evidence,
      );
    if (!standardAccepted(cs, rec.standard)) {
      return gap(
        ctx,
        cs,
        R['disposal-standard-not-recognised'],
        `The disposal procedure cites '${rec.standard}', not IS5 or an accepted successor`,
        evidence,
      );
    }
    return result(
      ctx,
      cs,
      'met',
      R['disposal-standard-cited'],
      `The disposal procedure cites ${rec.standard}`,
      evidence,
      NaN,
    );
  },
});
