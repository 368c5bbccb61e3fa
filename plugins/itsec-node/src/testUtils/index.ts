/**
 * Test helpers for the itsec plugins: a clock to set and advance, and the
 * services a test backend needs to run a permission policy in-process.
 *
 * @packageDocumentation
 */

export { FixedClock, fixedClockFactory } from './clock';
export {
  policyQueryUser,
  userInfoFactory,
  policyPermissionsFactory,
  type TestMemberships,
} from './services';
