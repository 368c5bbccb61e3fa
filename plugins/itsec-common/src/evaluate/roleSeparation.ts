/*
 * Roles the policy keeps apart from the Accreditor. The IAO obtains the ICT
 * assurance through the accreditation process, and the business-group SIRO
 * decides exceptions on the Accreditor's advice: an Accreditor who is also
 * one of them would be assuring or advising themselves.
 */
import { ROLE_ANNOTATIONS } from '../annotations/roleSpecs';
import type { CheckReason } from './checks/types';
import { ROLE_TITLES, RoleId, SecurityProfile } from '../profile/types';

/** The roles an Accreditor must not also hold for the same entity. */
const ASSURED_ROLES: readonly RoleId[] = ['iao', 'business-siro'];

/**
 * The title of the first role the Accreditor assures or advises that `person`
 * also holds on the (resolved) profile, or undefined.
 */
export function assuredRoleHeldBy(
  profile: SecurityProfile,
  person: string,
): string | undefined {
  const who = person.toLocaleLowerCase('en-US');
  for (const role of ASSURED_ROLES) {
    const holders = profile.roles?.[role] ?? [];
    if (holders.some(h => h?.ref?.toLocaleLowerCase('en-US') === who))
      return ROLE_TITLES[role];
  }
  return undefined;
}

/** The reason shared by POL.ITSEC.013 and 022. */
export const ACCREDITOR_HOLDS_ASSURED_ROLE: CheckReason = Object.freeze({
  message:
    'The Accreditor is also the system\u2019s IAO or business-group SIRO',
  annotation: ROLE_ANNOTATIONS['role-accreditor'].name,
  hint: 'The IAO obtains assurance through accreditation and the SIRO decides on the Accreditor\u2019s advice: name in role-accreditor an Accreditor who holds neither role for this system',
});
