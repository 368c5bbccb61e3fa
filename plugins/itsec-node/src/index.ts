/**
 * Node library for the itsec plugins: the clock service, the permission
 * rules and the portal's permission policy for the 'itsec-entity' resource
 * type, and the extension point for extra checks. Test helpers are in this
 * package's `/testUtils` entry.
 *
 * @packageDocumentation
 */

export { itsecClockServiceRef, type ItsecClock } from './clock';
export {
  itsecChecksExtensionPoint,
  type ItsecChecksExtensionPoint,
} from './extensions';
export {
  itsecConditions,
  createItsecConditionalDecision,
  itsecPermissionRules,
  itsecEntityResourceRef,
  isEntityOwner,
  hasSecurityRole,
  isSecurityRoleHolder,
  isApprovingSiroRule,
  type ItsecEntityResource,
  type ItsecEntityQuery,
} from './permissions/rules';
export {
  ItsecPermissionPolicy,
  type ItsecPermissionPolicyOptions,
  type ItsecOtherWritesPolicy,
} from './permissions/ItsecPermissionPolicy';
