import type { TestMemberships } from './services';

/**
 * The people of the itsec permission tests, by the part they play, around a
 * `civil` system owned by `group:default/team-a` in the `hmcts` Domain.
 *
 * @public
 */
export const testPeople = {
  /** A member of team-a, the owner group. */
  owner: 'user:default/olivia.owner',
  /** A member of team-b, which owns none of it. */
  stranger: 'user:default/sam.stranger',
  /** A member of the ITSO group, group:default/itso. */
  itso: 'user:default/ida.itso',
  /** The business-group SIRO the hmcts Domain declares (in hmcts-digital). */
  siro: 'user:default/sarah.whitfield',
  /** An Information Asset Owner (in hmcts-business). */
  iao: 'user:default/thomas.green',
  /** A business-group SIRO who is also a member of team-a. */
  teamSiro: 'user:default/tess.teamsiro',
} as const;

/**
 * The groups of each of {@link testPeople}.
 *
 * @public
 */
export const testPeopleMemberships: TestMemberships = {
  [testPeople.owner]: ['group:default/team-a'],
  [testPeople.stranger]: ['group:default/team-b'],
  [testPeople.itso]: ['group:default/itso'],
  [testPeople.siro]: ['group:default/hmcts-digital'],
  [testPeople.iao]: ['group:default/hmcts-business'],
  [testPeople.teamSiro]: ['group:default/team-a'],
};
