/**
 * The itsec backend plugin: scorecards against the MoJ ICT Security Policy,
 * the portfolio, history, attestations, exceptions, the audit log and OSCAL
 * exports. Its permission rules, clock service and extension point for extra
 * checks are in the itsec node library (plugin-itsec-node).
 *
 * @packageDocumentation
 */

export {
  itsecPlugin as default,
  ITSEC_EVALUATION_TASK_ID,
  ITSEC_DIGEST_TASK_ID,
} from './plugin';
export { itsecActionsModule } from './actions';
