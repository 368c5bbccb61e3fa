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
