/**
 * The itsec backend plugin: scorecards against the MoJ ICT Security Policy,
 * the portfolio, history, attestations, exceptions, the audit log and OSCAL
 * exports, with permission rules for the 'itsec-entity' resource type.
 *
 * @packageDocumentation
 */

export {
  itsecPlugin as default,
  ITSEC_EVALUATION_TASK_ID,
  ITSEC_DIGEST_TASK_ID,
} from './plugin';
export {
  itsecConditions,
  createItsecConditionalDecision,
  itsecPermissionRules,
  itsecEntityResourceRef,
  isEntityOwner,
  hasSecurityRole,
  isSecurityRoleHolder,
} from './permissions/rules';
export type { ItsecEntityResource } from './service/ItsecEvaluator';
export {
  itsecClockServiceRef,
  fixedClockFactory,
  FixedClock,
  type ItsecClock,
} from './service/clock';
