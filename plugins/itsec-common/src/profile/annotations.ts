import type { RoleId } from './types';

/**
 * Prefix of the catalog annotations the itsec plugins read.
 *
 * @public
 */
export const ITSEC_ANNOTATION_PREFIX = 'itsec.justice.gov.uk/';

const a = <T extends string>(name: T) =>
  `${ITSEC_ANNOTATION_PREFIX}${name}` as const;

/**
 * Annotation names that remediation hints point at. Values are documented in the
 * package README; parsing annotations into a {@link SecurityProfile} is done elsewhere.
 *
 * @public
 */
export const ITSEC_ANNOTATIONS = Object.freeze({
  classification: a('classification'),
  usesCryptography: a('uses-cryptography'),
  usesHmgCrypto: a('uses-hmg-crypto'),
  handlesPersonalData: a('handles-personal-data'),
  hasSuppliers: a('has-suppliers'),
  hasExternalConnections: a('has-external-connections'),
  accreditationApplies: a('accreditation-applies'),
  securityProcedures: a('security-procedures'),
  securityProceduresReviewed: a('security-procedures-reviewed'),
  riskAssessment: a('risk-assessment'),
  riskAssessmentDate: a('risk-assessment-date'),
  accreditationStatus: a('accreditation-status'),
  accreditationDate: a('accreditation-date'),
  accreditationExpiry: a('accreditation-expiry'),
  rmads: a('rmads'),
  itsoAdvice: a('itso-advice'),
  bia: a('bia'),
  biaDate: a('bia-date'),
  pia: a('pia'),
  piaDate: a('pia-date'),
  suppliers: a('suppliers'),
  dpia: a('dpia'),
  changeLog: a('change-log'),
  incidentPlan: a('incident-plan'),
  incidentContacts: a('incident-contacts'),
  incidentBudgetLine: a('incident-budget-line'),
  disposalProcedure: a('disposal-procedure'),
  disposalStandard: a('disposal-standard'),
  disposalApprover: a('disposal-approver'),
  disposalReviewed: a('disposal-reviewed'),
  drPlan: a('dr-plan'),
  drPlanLastTest: a('dr-plan-last-test'),
  drPlanRto: a('dr-plan-rto'),
  drPlanRpo: a('dr-plan-rpo'),
  roleAcknowledgements: a('role-acknowledgements'),
  roles: Object.freeze({
    'business-siro': a('role-business-siro'),
    iao: a('role-iao'),
    'system-manager': a('role-system-manager'),
    'service-provider': a('role-service-provider'),
    accreditor: a('role-accreditor'),
    comso: a('role-comso'),
    'dr-lead': a('role-dr-lead'),
    'moj-siro': a('role-moj-siro'),
    itso: a('role-itso'),
  } as Record<RoleId, string>),
});
