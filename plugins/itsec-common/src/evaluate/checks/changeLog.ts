import { ev, gap, result, src } from '../context';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec } from '../../annotations/annotationSpec';

/** The change log. */
export const CHANGE_LOG_ANNOTATIONS = Object.freeze({
  'change-log': annotationSpec({
    key: 'change-log',
    format: 'url',
    group: 'change-log',
    description:
      'Link to the change log that records the security impact of each change.',
    example: 'https://github.com/example/cmc/blob/main/CHANGELOG.md',
  }),
});

const REASONS = {
  'change-log-missing': {
    message: 'No change log linked',
    annotation: CHANGE_LOG_ANNOTATIONS['change-log'].name,
    hint: 'Link the change log that records every change and its security impact (including "no significant impact")',
  },
  'change-log-recorded': { message: 'A change log is linked' },
};
const R = reasonArrays(REASONS);

/** A linked change log recording each change and its security impact. */
export const changeLogCheck = defineCheck({
  id: 'change-log',
  kind: 'record',
  description: 'A linked change log',
  annotations: Object.values(CHANGE_LOG_ANNOTATIONS),
  profileFields: ['records.changeLog'],
  reasons: REASONS,
  run(ctx, cs) {
    const rec = ctx.records.changeLog;
    if (!rec || !rec.link)
      return gap(ctx, cs, R['change-log-missing'], 'No change log linked');
    return result(
      ctx,
      cs,
      'met',
      R['change-log-recorded'],
      'Change log linked',
      [ev('record', 'Change log', undefined, rec.link, src(rec))],
      NaN,
    );
  },
});
