export * from './types';
export {
  evaluate,
  evaluateAll,
  computeScore,
  prepareEvaluation,
  SCORE_EXCEPTED_WEIGHT,
} from './evaluate';
export {
  CHECKS,
  CHECK_BY_ID,
  CHECK_REASONS,
  CHECK_ANNOTATIONS,
  checkOf,
  acknowledgesRoles,
  roleAcknowledgementStatements,
  notificationRoles,
} from './checks';
export type { CheckDefinition, CheckKind, CheckReason } from './checks';
export { ENGINE_REASONS } from './sharedReasons';
// What a check module needs, for checks added at runtime (the itsec
// backend's itsecChecksExtensionPoint): see CONTRIBUTING.md, "Adding a check".
export { defineCheck, reasonArrays } from './checks/types';
export type { ReasonArrays } from './checks/types';
export {
  result as checkResult,
  gap as checkGap,
  ev as evidenceItem,
  src as evidenceSource,
} from './context';
export type { Ctx as CheckContext } from './context';
export type { CompiledStatement } from './compile';
