/*
 * The registry of built-in checks: one line per check. Everything else about
 * checks (their ids, the checks each statement kind may use, the remediation
 * table, the annotation table, notification roles) is derived from it.
 */
import type {
  PolicyCatalogue,
  PolicyStatement,
  StatementKind,
} from '../../policy/types';
import type { RoleId } from '../../profile/types';
import { accreditationCheck } from './accreditation';
import { addedCheckOf } from './added';
import { annualRiskAssessmentCheck } from './annualRiskAssessment';
import { attestationCheck } from './attestation';
import { biaCheck } from './bia';
import { changeLogCheck } from './changeLog';
import { codesOfConnectionCheck } from './codesOfConnection';
import { disposalProcedureCheck } from './disposalProcedure';
import { disposalStandardCheck } from './disposalStandard';
import { domainIncidentPlanCheck } from './domainIncidentPlan';
import { drPlanCheck } from './drPlan';
import { incidentProvisionCheck } from './incidentProvision';
import { piaCheck } from './pia';
import { policyReviewCheck } from './policyReview';
import { riskAssessmentCheck } from './riskAssessment';
import { roleAcknowledgementCheck } from './roleAcknowledgement';
import { rolesCheck } from './roles';
import { securityProceduresCheck } from './securityProcedures';
import { supplierAssessmentsCheck } from './supplierAssessments';
import type { CheckDefinition, CheckReason } from './types';

export type { CheckDefinition, CheckKind, CheckReason } from './types';

/**
 * Every built-in check, in the order policies list them.
 *
 * @public
 */
export const CHECKS = Object.freeze([
  securityProceduresCheck,
  riskAssessmentCheck,
  annualRiskAssessmentCheck,
  accreditationCheck,
  biaCheck,
  piaCheck,
  changeLogCheck,
  rolesCheck,
  codesOfConnectionCheck,
  incidentProvisionCheck,
  supplierAssessmentsCheck,
  disposalStandardCheck,
  disposalProcedureCheck,
  drPlanCheck,
  attestationCheck,
  roleAcknowledgementCheck,
  policyReviewCheck,
  domainIncidentPlanCheck,
] as const);

/**
 * The built-in checks a statement can use. A custom policy picks one per
 * record statement, so its own statement ids can reuse the engine; see
 * {@link CHECKS_BY_KIND} for which kind may use which.
 *
 * @public
 */
export type CheckId = (typeof CHECKS)[number]['id'];

/** Checks by id. @public */
export const CHECK_BY_ID: ReadonlyMap<
  CheckId,
  CheckDefinition<CheckId>
> = new Map(CHECKS.map(c => [c.id, c as CheckDefinition<CheckId>]));

/** Checks allowed per statement kind. @public */
export const CHECKS_BY_KIND: Readonly<
  Record<StatementKind, readonly CheckId[]>
> = Object.freeze({
  record: ofKind('record'),
  attestation: ofKind('attestation'),
  organisation: ofKind('organisation'),
  behaviour: Object.freeze<CheckId[]>([]),
});

function ofKind(kind: StatementKind): readonly CheckId[] {
  return Object.freeze(CHECKS.filter(c => c.kind === kind).map(c => c.id));
}

/**
 * The check a statement runs: its `check`, or `attestation` for attestation
 * statements without one (a check added at runtime when the policy was parsed
 * with it); undefined for statements no check scores.
 *
 * @public
 */
export function checkOf(
  statement: Pick<PolicyStatement, 'kind' | 'check'>,
): CheckDefinition | undefined {
  const id =
    statement.check ??
    (statement.kind === 'attestation' ? 'attestation' : undefined);
  return id ? CHECK_BY_ID.get(id) ?? addedCheckOf(statement) : undefined;
}

/**
 * Whether each role holder attests to the statement for themselves (a role
 * acknowledgement): only the holder's own attestation counts.
 *
 * @public
 */
export function acknowledgesRoles(
  statement: Pick<PolicyStatement, 'kind' | 'check'>,
): boolean {
  return checkOf(statement)?.acknowledgesRoles === true;
}

/**
 * The statements of a policy that are role acknowledgements.
 *
 * @public
 */
export function roleAcknowledgementStatements(
  policy: PolicyCatalogue,
): PolicyStatement[] {
  return policy.statements.filter(acknowledgesRoles);
}

/**
 * The roles to notify (besides the owner group) when the statement falls due
 * or lapses, from its check; undefined when the check names none (notify the
 * default roles).
 *
 * @public
 */
export function notificationRoles(
  statement: PolicyStatement,
): readonly RoleId[] | undefined {
  const notify = checkOf(statement)?.notify;
  return typeof notify === 'function' ? notify(statement) : notify;
}

/**
 * Every check's own reason codes, with what they mean and how to fix them
 * (the remediation table). A code two checks share has one entry.
 *
 * @public
 */
export const CHECK_REASONS: ReadonlyMap<string, CheckReason> = new Map(
  CHECKS.flatMap(c => Object.entries<CheckReason>(c.reasons)),
);

/**
 * The annotations the checks read: full annotation name to the ids of the
 * checks that read it.
 *
 * @public
 */
export const CHECK_ANNOTATIONS: ReadonlyMap<string, readonly CheckId[]> =
  (() => {
    const out = new Map<string, CheckId[]>();
    for (const c of CHECKS)
      for (const { name } of c.annotations) {
        const list = out.get(name) ?? [];
        list.push(c.id);
        out.set(name, list);
      }
    return out;
  })();
