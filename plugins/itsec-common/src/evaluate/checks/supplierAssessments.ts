import { addDuration, toDayNumber } from '../../dates';
import {
  addReason,
  dueState,
  EMPTY_LIST,
  ev,
  FUTURE,
  futureText,
  gap,
  NO_EVIDENCE,
  result,
  src,
} from '../context';
import { closeListCheck } from '../listCheck';
import type { EvidenceItem } from '../types';
import { defineCheck, reasonArrays } from './types';
import { CONDITION_ANNOTATIONS } from '../../annotations/conditionSpecs';
import { annotationSpec } from '../../annotations/annotationSpec';

/** Supplier assessments. */
export const SUPPLIER_ANNOTATIONS = Object.freeze({
  suppliers: annotationSpec({
    key: 'suppliers',
    format: 'suppliers',
    group: 'suppliers',
    dateRole: 'event',
    description:
      'Suppliers, comma-separated: `Name=YYYY-MM-DD` (date of the latest assessment, optionally followed by its basis), `Name=no-data` (handles no MoJ data) or `Name` (not yet assessed).',
    example:
      'Acme Cloud Ltd=2025-04-01 ISO 27001 certificate, Print Co=no-data',
  }),
  'suppliers-evidence': annotationSpec({
    key: 'suppliers-evidence',
    format: 'url',
    group: 'suppliers',
    description: 'Link to the supplier assessments (register or folder).',
    example: 'https://example.justice.gov.uk/cmc/supplier-assurance',
  }),
});

const SUPPLIER_HINT =
  'Record a formal assessment (date and evidence link) for every supplier that handles MoJ data, at least every 12 months';

const REASONS = {
  'supplier-assessments-missing': {
    message: 'Suppliers, but no supplier assessment recorded',
    annotation: CONDITION_ANNOTATIONS['has-suppliers'].name,
    hint: `${SUPPLIER_HINT} (or set has-suppliers to false)`,
  },
  'supplier-not-assessed': {
    message: 'A supplier handling MoJ data has no assessment',
    hint: SUPPLIER_HINT,
  },
  'supplier-assessment-overdue': {
    message: 'A supplier assessment is out of date',
    hint: SUPPLIER_HINT,
  },
  'supplier-assessment-due-soon': {
    message: 'A supplier assessment falls due within the window',
    hint: SUPPLIER_HINT,
  },
  'no-supplier-handles-moj-data': {
    message: 'No recorded supplier handles MoJ data',
  },
  'suppliers-assessed': {
    message: 'Every supplier handling MoJ data is assessed, in date',
  },
};
const R = reasonArrays(REASONS);

/** Every supplier that handles MoJ data assessed within the statement's validity. */
export const supplierAssessmentsCheck = defineCheck({
  id: 'supplier-assessments',
  kind: 'record',
  description: 'Every supplier that handles MoJ data assessed, in date',
  annotations: [
    CONDITION_ANNOTATIONS['has-suppliers'],
    ...Object.values(SUPPLIER_ANNOTATIONS),
  ],
  profileFields: ['records.suppliers', 'flags.hasSuppliers'],
  reasons: REASONS,
  futureDated: { annotation: SUPPLIER_ANNOTATIONS.suppliers.name },
  notify: ['iao', 'service-provider'],
  run(ctx, cs) {
    const list = ctx.records.suppliers ?? (EMPTY_LIST as any[]);
    if (list.length === 0) {
      return gap(
        ctx,
        cs,
        R['supplier-assessments-missing'],
        'The system has suppliers but no supplier assessment is recorded',
      );
    }
    const validity = cs.validity;
    let reasons: string[] | undefined;
    let problems: string[] | undefined;
    let relevant = 0;
    let anySoon = false;
    let minDue = Infinity;
    const evidence: EvidenceItem[] = [];
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s.handlesMojData === false) continue;
      relevant++;
      evidence.push(
        ev(
          'supplier',
          s.basis ? `Supplier ${s.name} (${s.basis})` : `Supplier ${s.name}`,
          s.assessedOn,
          s.link,
          src(s),
        ),
      );
      const day = toDayNumber(s.assessedOn);
      if (Number.isNaN(day)) {
        addReason((reasons ??= []), 'supplier-not-assessed');
        (problems ??= []).push(`${s.name}: no assessment recorded`);
        continue;
      }
      if (day > ctx.asOf) {
        addReason((reasons ??= []), FUTURE[0]);
        (problems ??= []).push(
          `${s.name}: ${futureText(ctx, 'assessed', s.assessedOn!)}`,
        );
        continue;
      }
      if (!validity) continue;
      const due = addDuration(day, validity);
      if (due < minDue) minDue = due;
      const st = dueState(ctx, due);
      if (st === 2) {
        addReason((reasons ??= []), 'supplier-assessment-overdue');
        (problems ??= []).push(
          `${s.name}: assessed ${s.assessedOn}, over ${validity.human} ago`,
        );
      } else if (st === 1) anySoon = true;
    }
    if (relevant === 0) {
      return result(
        ctx,
        cs,
        'not-applicable',
        R['no-supplier-handles-moj-data'],
        'No recorded supplier handles MoJ data',
        NO_EVIDENCE,
        NaN,
      );
    }
    return closeListCheck(ctx, cs, {
      what: `${relevant} supplier${
        relevant === 1 ? '' : 's'
      } handling MoJ data`,
      reasons,
      problems,
      anySoon,
      minDue,
      evidence,
      codes: {
        soon: R['supplier-assessment-due-soon'],
        met: R['suppliers-assessed'],
      },
      done: 'assessed',
      metInDate: 'assessed',
      review: 'reassessment',
    });
  },
});
