import { ev, gap, result, src } from '../context';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec } from '../../annotations/annotationSpec';

/** Incident management provision. */
export const INCIDENT_ANNOTATIONS = Object.freeze({
  'incident-plan': annotationSpec({
    key: 'incident-plan',
    format: 'url',
    group: 'incident',
    description:
      'Link to the (domain\u2019s) IT security incident management plan.',
    example: 'https://example.justice.gov.uk/hmcts/incident-plan',
  }),
  'incident-contacts': annotationSpec({
    key: 'incident-contacts',
    format: 'text-list',
    group: 'incident',
    description:
      'Incident contacts: User entity refs, e-mail addresses or channels.',
    example: 'oliver.bennett, cmc-incidents@justice.gov.uk',
  }),
  'incident-budget-line': annotationSpec({
    key: 'incident-budget-line',
    format: 'text',
    group: 'incident',
    description: 'The budget line that could fund handling an incident.',
    example: 'HMCTS-DTS-OPEX-4471',
  }),
});

const REASONS = {
  'incident-provision-missing': {
    message: 'No incident management provision recorded',
    annotation: INCIDENT_ANNOTATIONS['incident-plan'].name,
    hint: 'Record incident management provision: the domain incident plan link (set it on the Domain to inherit it), incident contacts and a budget line',
  },
  'incident-plan-link-missing': {
    message: 'No incident management plan linked',
    annotation: INCIDENT_ANNOTATIONS['incident-plan'].name,
    hint: 'Link the domain incident management plan (set it on the Domain to inherit it)',
  },
  'incident-contacts-missing': {
    message: 'No incident contacts named',
    annotation: INCIDENT_ANNOTATIONS['incident-contacts'].name,
    hint: 'Name the incident contacts for the system',
  },
  'incident-budget-line-missing': {
    message: 'No budget line for incident handling',
    annotation: INCIDENT_ANNOTATIONS['incident-budget-line'].name,
    hint: 'Record the budget line that would fund incident handling',
  },
  'incident-provision-recorded': {
    message: 'Incident plan, contacts and budget line recorded',
  },
};
const R = reasonArrays(REASONS);

/** Incident management provision: the plan linked, contacts named, a budget line. */
export const incidentProvisionCheck = defineCheck({
  id: 'incident-provision',
  kind: 'record',
  description:
    'Incident management provision: plan linked, contacts named, budget line recorded',
  annotations: Object.values(INCIDENT_ANNOTATIONS),
  profileFields: ['records.incident'],
  reasons: REASONS,
  run(ctx, cs) {
    const rec = ctx.records.incident;
    if (!rec)
      return gap(
        ctx,
        cs,
        R['incident-provision-missing'],
        'No incident management provision recorded',
      );
    const evidence = [
      ev(
        'record',
        'Incident management plan',
        undefined,
        rec.planLink,
        rec.planLinkSource ?? src(rec),
      ),
    ];
    const hasContacts = !!rec.contacts && rec.contacts.length > 0;
    if (!rec.planLink || !hasContacts || !rec.budgetLine) {
      const reasons: string[] = [];
      const missing: string[] = [];
      if (!rec.planLink) {
        reasons.push(R['incident-plan-link-missing'][0]);
        missing.push('incident plan link');
      }
      if (!hasContacts) {
        reasons.push(R['incident-contacts-missing'][0]);
        missing.push('contacts');
      }
      if (!rec.budgetLine) {
        reasons.push(R['incident-budget-line-missing'][0]);
        missing.push('budget line');
      }
      return gap(
        ctx,
        cs,
        reasons,
        `Incident management provision is missing: ${missing.join(', ')}`,
        evidence,
      );
    }
    const n = rec.contacts!.length;
    return result(
      ctx,
      cs,
      'met',
      R['incident-provision-recorded'],
      `Incident plan linked, ${n} contact${n === 1 ? '' : 's'}, budget line ${
        rec.budgetLine
      }`,
      evidence,
      NaN,
    );
  },
});
