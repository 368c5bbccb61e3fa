import { ITSEC_ANNOTATIONS as A } from '../profile/annotations';
import { ROLE_IDS, ROLE_TITLES, RoleId } from '../profile/types';
import type { CompiledStatement } from './compile';
import type { Remediation } from './types';

type Entry = readonly [annotation: string | undefined, hint: string];

const COC_HINT =
  'Agree (or renew) the Code of Connection with the Accreditor, ITSO, IAO and the other party, and record its status and agreed date in the Code of Connection record';
const SUPPLIER_HINT =
  'Record a formal assessment (date and evidence link) for every supplier that handles MoJ data, at least every 12 months';

const TABLE: Record<string, Entry> = {
  'classification-missing': [
    A.classification,
    'Set the classification: OFFICIAL, SECRET or TOP SECRET (with the SENSITIVE caveat for OFFICIAL-SENSITIVE), here or on the System / Domain',
  ],
  'security-procedures-missing': [
    A.securityProcedures,
    'Link the documented security procedures / SyOPs',
  ],
  'security-procedures-review-date-missing': [
    A.securityProceduresReviewed,
    'Record the date the security procedures were last reviewed (YYYY-MM-DD)',
  ],
  'security-procedures-review-overdue': [
    A.securityProceduresReviewed,
    'Review the security procedures and record the review date (YYYY-MM-DD)',
  ],
  'security-procedures-review-due-soon': [
    A.securityProceduresReviewed,
    'Review the security procedures and record the review date (YYYY-MM-DD)',
  ],
  'risk-assessment-missing': [
    A.riskAssessment,
    'Record the technical risk assessment: date, method, assessor and a link to it',
  ],
  'risk-assessment-incomplete': [
    A.riskAssessment,
    'Complete the technical risk assessment record: date, method, assessor and link',
  ],
  'risk-assessment-method-not-recognised': [
    A.riskAssessment,
    'Record a risk assessment method the policy accepts',
  ],
  'risk-assessment-overdue': [
    A.riskAssessmentDate,
    'Carry out a new technical risk assessment (at least every 12 months) and record its date',
  ],
  'risk-assessment-due-soon': [
    A.riskAssessmentDate,
    'Plan the next technical risk assessment and record its date when done',
  ],
  'accreditation-missing': [
    A.accreditationStatus,
    'Record the accreditation decision: status, accreditor, decision date, expiry and RMADS link (status not-required if the Accreditor decided so)',
  ],
  'accreditation-not-assessed': [
    A.accreditationStatus,
    'Ask the Accreditor for an accreditation decision',
  ],
  'accreditation-in-progress': [
    A.accreditationStatus,
    'Complete accreditation and record the decision, expiry and RMADS link',
  ],
  'accreditation-date-missing': [
    A.accreditationDate,
    'Record the date of the accreditation decision (YYYY-MM-DD): the accreditation\u2019s validity is counted from it',
  ],
  'accreditation-expired': [
    A.accreditationExpiry,
    'Re-accredit the system and record the new decision and expiry',
  ],
  'accreditation-expiring': [
    A.accreditationExpiry,
    'Start re-accreditation before the accreditation expires',
  ],
  'itso-advice-missing': [
    A.itsoAdvice,
    'Seek ITSO advice for this SECRET / TOP SECRET system and record its date and a link',
  ],
  'bia-missing': [
    A.bia,
    'Record the Business Impact Assessment: date, confidentiality / integrity / availability impact levels, RTO, RPO and link',
  ],
  'bia-incomplete': [
    A.bia,
    'Complete the Business Impact Assessment record: date, C/I/A impact levels (0-6) and link',
  ],
  'bia-overdue': [
    A.bia,
    'Review the Business Impact Assessment and record its new date',
  ],
  'bia-due-soon': [
    A.bia,
    'Review the Business Impact Assessment and record its new date',
  ],
  'pia-missing': [
    A.pia,
    'Record the PIA / DPIA screening: date and outcome (not-required, required, completed)',
  ],
  'pia-incomplete': [
    A.pia,
    'Complete the PIA / DPIA screening record: date and outcome',
  ],
  'dpia-missing': [A.dpia, 'Complete the DPIA and link it'],
  'pia-overdue': [A.pia, 'Repeat the PIA / DPIA screening and record its date'],
  'pia-due-soon': [
    A.pia,
    'Repeat the PIA / DPIA screening and record its date',
  ],
  'change-log-missing': [
    A.changeLog,
    'Link the change log that records every change and its security impact (including "no significant impact")',
  ],
  'coc-missing': [
    A.hasExternalConnections,
    'Record a Code of Connection for each connection to another MoJ domain, another department or a third party (or set has-external-connections to false)',
  ],
  'coc-not-agreed': [undefined, COC_HINT],
  'coc-expired': [undefined, COC_HINT],
  'coc-revoked': [undefined, `${COC_HINT}, or remove the connection`],
  'coc-agreed-date-missing': [undefined, COC_HINT],
  'coc-review-overdue': [undefined, COC_HINT],
  'coc-review-due-soon': [undefined, COC_HINT],
  'coc-approvals-missing': [
    undefined,
    'Record the approvals of the Accreditor, the ITSO and the IAO (each with the date) in the Code of Connection (spec.approvals)',
  ],
  'coc-approval-not-role-holder': [
    A.roles.accreditor,
    'Have the approvals given by the people who hold those roles for this system: its Accreditor (role-accreditor), its IAO (role-iao) and the ITSO (a member of the ITSO group or the declared role-itso); record them in the Code of Connection (spec.approvals), or name the approver in the role if they hold it',
  ],
  'coc-above-official-needs-itso-advice': [
    A.itsoAdvice,
    'Connections of a SECRET / TOP SECRET system need ITSO and Accreditor advice: record the ITSO advice',
  ],
  'incident-provision-missing': [
    A.incidentPlan,
    'Record incident management provision: the domain incident plan link (set it on the Domain to inherit it), incident contacts and a budget line',
  ],
  'incident-plan-link-missing': [
    A.incidentPlan,
    'Link the domain incident management plan (set it on the Domain to inherit it)',
  ],
  'incident-contacts-missing': [
    A.incidentContacts,
    'Name the incident contacts for the system',
  ],
  'incident-budget-line-missing': [
    A.incidentBudgetLine,
    'Record the budget line that would fund incident handling',
  ],
  'supplier-assessments-missing': [
    A.hasSuppliers,
    `${SUPPLIER_HINT} (or set has-suppliers to false)`,
  ],
  'supplier-not-assessed': [undefined, SUPPLIER_HINT],
  'supplier-assessment-overdue': [undefined, SUPPLIER_HINT],
  'supplier-assessment-due-soon': [undefined, SUPPLIER_HINT],
  'disposal-procedure-missing': [
    A.disposalProcedure,
    'Link the documented asset disposal procedure',
  ],
  'disposal-standard-missing': [
    A.disposalStandard,
    'Record the standard the disposal procedure follows: IS5 or its successor (NCSC secure sanitisation, GovS 007)',
  ],
  'disposal-standard-not-recognised': [
    A.disposalStandard,
    'Base the disposal procedure on IS5 or its successor (NCSC secure sanitisation, GovS 007) and record it',
  ],
  'disposal-approver-missing': [
    A.disposalApprover,
    'Record who approved the disposal procedure (user entity ref)',
  ],
  'disposal-review-date-missing': [
    A.disposalReviewed,
    'Record the date the disposal procedure was last reviewed',
  ],
  'disposal-review-overdue': [
    A.disposalReviewed,
    'Review the disposal procedure and record the review date',
  ],
  'disposal-review-due-soon': [
    A.disposalReviewed,
    'Review the disposal procedure and record the review date',
  ],
  'dr-plan-missing': [
    A.drPlan,
    'Link the ICT disaster recovery plan (with RTO and RPO)',
  ],
  'dr-plan-incomplete': [
    A.drPlanRto,
    'Record the DR plan recovery time (RTO) and recovery point (RPO) objectives',
  ],
  'dr-test-missing': [
    A.drPlanLastTest,
    'Test the DR plan and record the test date and outcome, e.g. "2026-03-01 pass"',
  ],
  'dr-test-failed': [
    A.drPlanLastTest,
    'Fix the DR plan, re-test it and record a passing test, e.g. "2026-03-01 pass"',
  ],
  'dr-test-partial': [
    A.drPlanLastTest,
    'Complete the DR test and record a passing test, e.g. "2026-03-01 pass"',
  ],
  'dr-test-overdue': [
    A.drPlanLastTest,
    'Test the DR plan (at least every 12 months) and record the date and outcome',
  ],
  'dr-test-due-soon': [
    A.drPlanLastTest,
    'Schedule the next DR test and record the date and outcome when done',
  ],
  'roles-missing': [
    A.roles.iao,
    'Name the security role holders first (POL.ITSEC.022), then have each acknowledge the role',
  ],
  'policy-review-overdue': [
    undefined,
    'Review the policy catalogue and update its lastReviewed date and version',
  ],
};

/** Where the date of each check's evidence is recorded. */
const FUTURE_DATE_ANNOTATION: Readonly<Record<string, string>> = {
  'security-procedures': A.securityProceduresReviewed,
  'risk-assessment': A.riskAssessmentDate,
  'annual-risk-assessment': A.riskAssessmentDate,
  accreditation: A.accreditationDate,
  bia: A.biaDate,
  pia: A.piaDate,
  'supplier-assessments': A.suppliers,
  'disposal-procedure': A.disposalReviewed,
  'dr-plan': A.drPlanLastTest,
  'role-acknowledgement': A.roleAcknowledgements,
};

const FUTURE_DATE_HINT =
  'Record the date on which it actually happened (YYYY-MM-DD, not later than today): a date in the future is not evidence. If it has not happened yet, remove the date until it has';

function roleOf(reason: string): RoleId | undefined {
  if (!reason.endsWith('-missing')) return undefined;
  const role = reason.slice(0, -'-missing'.length) as RoleId;
  return ROLE_IDS.includes(role) ? role : undefined;
}

/** Builds the remediation for a statement and its first reason code. */
export function buildRemediation(
  cs: CompiledStatement,
  reason: string,
): Remediation {
  const role = roleOf(reason);
  if (role) {
    return Object.freeze({
      annotation: A.roles[role],
      hint: `Name the ${ROLE_TITLES[role]} (a catalog User ref) on this entity, or on its System or Domain to inherit it`,
    });
  }
  if (reason === 'applicability-unknown' && cs.condition) {
    const flag = cs.condition.anyNames[0] ?? cs.condition.allNames[0];
    if (flag) {
      return Object.freeze({
        annotation: A[flag],
        hint: `Record whether ${cs.condition.text} (true or false)`,
      });
    }
  }
  if (reason === 'evidence-future-dated') {
    const annotation = cs.check ? FUTURE_DATE_ANNOTATION[cs.check] : undefined;
    const hint =
      cs.check === 'codes-of-connection'
        ? `${FUTURE_DATE_HINT} (spec.agreedDate and spec.approvals.*.date of the Code of Connection)`
        : FUTURE_DATE_HINT;
    if (annotation) return Object.freeze({ annotation, hint });
    return Object.freeze(
      cs.kind === 'attestation' ? { attestation: true, hint } : { hint },
    );
  }
  if (reason === 'classification-missing') {
    const [annotation, hint] = TABLE[reason];
    return Object.freeze({ annotation, hint });
  }
  if (cs.kind === 'attestation') {
    if (
      reason === 'role-not-acknowledged' ||
      reason === 'role-acknowledgement-expired' ||
      reason === 'role-acknowledgement-due-soon'
    ) {
      return Object.freeze({
        attestation: true,
        annotation: A.roleAcknowledgements,
        hint: `Each role holder acknowledges their responsibilities every 12 months: signed in to the portal, with an attestation for ${cs.id}; or on paper, listed with the date signed in role-acknowledgements (with role-acknowledgements-evidence)`,
      });
    }
    if (reason !== 'roles-missing') {
      return Object.freeze({
        attestation: true,
        hint: `Record an attestation for ${cs.id} with an evidence link: ${
          cs.statement.evidence ?? cs.statement.title
        }`,
      });
    }
  }
  const entry = TABLE[reason];
  if (entry) {
    const [annotation, hint] = entry;
    return Object.freeze(annotation ? { annotation, hint } : { hint });
  }
  return Object.freeze({ hint: cs.statement.evidence ?? cs.statement.title });
}
