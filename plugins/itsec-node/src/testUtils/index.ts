/**
 * Test helpers for the itsec plugins: a clock to set and advance, the
 * services a test backend needs to run a permission policy in-process, and
 * the people the permission tests ask about, and catalog Groups.
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
export { testPeople, testPeopleMemberships } from './people';
export { catalogGroup } from './catalog';
