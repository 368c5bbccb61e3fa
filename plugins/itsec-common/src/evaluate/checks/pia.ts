import { toDayNumber } from '../../dates';
import { ev, futureGap, gap, src } from '../context';
import { datedOrRecorded, incompleteRecord } from '../datedRecords';
import { defineCheck, reasonArrays } from './types';
import {
  annotationSpec,
  PIA_OUTCOME_VALUES,
} from '../../annotations/annotationSpec';

/** The PIA / DPIA screening record. */
export const PIA_ANNOTATIONS = Object.freeze({
  pia: annotationSpec({
    key: 'pia',
    format: 'enum',
    values: PIA_OUTCOME_VALUES,
    group: 'pia',
    description:
      'Outcome of the privacy (data protection) impact assessment screening.',
    example: 'completed',
  }),
  'pia-date': annotationSpec({
    key: 'pia-date',
    format: 'date',
    group: 'pia',
    dateRole: 'event',
    description: 'Date of the screening.',
    example: '2025-03-02',
  }),
  dpia: annotationSpec({
    key: 'dpia',
    format: 'url',
    group: 'pia',
    description: 'Link to the DPIA, when the screening found one required.',
    example: 'https://example.justice.gov.uk/cmc/dpia',
  }),
});

const REPEAT_HINT = 'Repeat the PIA / DPIA screening and record its date';

const REASONS = {
  'pia-missing': {
    message: 'No PIA / DPIA screening recorded',
    annotation: PIA_ANNOTATIONS.pia.name,
    hint: 'Record the PIA / DPIA screening: date and outcome (not-required, required, completed)',
  },
  'pia-incomplete': {
    message: 'The screening record lacks its date or outcome',
    annotation: PIA_ANNOTATIONS.pia.name,
    hint: 'Complete the PIA / DPIA screening record: date and outcome',
  },
  'dpia-missing': {
    message: 'The screening found a DPIA needed, but none is linked',
    annotation: PIA_ANNOTATIONS.dpia.name,
    hint: 'Complete the DPIA and link it',
  },
  'pia-overdue': {
    message: 'The screening is out of date',
    annotation: PIA_ANNOTATIONS.pia.name,
    hint: REPEAT_HINT,
  },
  'pia-due-soon': {
    message: 'The screening falls due within the window',
    annotation: PIA_ANNOTATIONS.pia.name,
    hint: REPEAT_HINT,
  },
  'pia-screened': {
    message: 'Screened (and the DPIA linked where needed), in date',
  },
};
const R = reasonArrays(REASONS);
const DATED = {
  overdue: R['pia-overdue'],
  soon: R['pia-due-soon'],
  met: R['pia-screened'],
};

/** A PIA / DPIA screening with its outcome, and the DPIA linked when one is needed. */
export const piaCheck = defineCheck({
  id: 'pia',
  kind: 'record',
  description:
    'A dated PIA / DPIA screening with its outcome, and the DPIA linked when needed',
  annotations: Object.values(PIA_ANNOTATIONS),
  profileFields: ['records.pia'],
  reasons: REASONS,
  futureDated: { annotation: PIA_ANNOTATIONS['pia-date'].name },
  run(ctx, cs) {
    const rec = ctx.records.pia;
    if (!rec)
      return gap(ctx, cs, R['pia-missing'], 'No PIA / DPIA screening recorded');
    const day = toDayNumber(rec.date);
    const evidence = [
      ev('record', 'PIA / DPIA screening', rec.date, rec.dpiaLink, src(rec)),
    ];
    if (day > ctx.asOf)
      return futureGap(ctx, cs, 'PIA screening dated', rec.date!, evidence);
    const incomplete = incompleteRecord(
      ctx,
      cs,
      R['pia-incomplete'],
      'PIA / DPIA screening',
      [
        ['date', Number.isNaN(day)],
        ['outcome', !rec.outcome],
      ],
      evidence,
    );
    if (incomplete) return incomplete;
    if (rec.outcome !== 'not-required' && !rec.dpiaLink) {
      return gap(
        ctx,
        cs,
        R['dpia-missing'],
        `PIA screening dated ${rec.date}: a DPIA is required but none is linked`,
        evidence,
      );
    }
    return datedOrRecorded(
      ctx,
      cs,
      day,
      rec.date!,
      'PIA screening dated',
      DATED,
      DATED.met,
      `PIA screening dated ${rec.date}: ${
        rec.outcome === 'not-required' ? 'no DPIA needed' : 'DPIA linked'
      }`,
      evidence,
    );
  },
});
