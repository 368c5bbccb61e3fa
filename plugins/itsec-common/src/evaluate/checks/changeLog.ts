import { ITSEC_ANNOTATIONS as A } from '../../profile/annotations';
import { ev, gap, result, src } from '../context';
import { defineCheck, reasonArrays } from './types';

const REASONS = {
  'change-log-missing': {
    message: 'No change log linked',
    annotation: A.changeLog,
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
  annotations: [A.changeLog],
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
