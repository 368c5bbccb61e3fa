import type { RoleHolder, RoleId, SecurityProfile } from './types';

/**
 * The profile with each role holder whose ref is a user ref for which
 * `isMissing` holds marked `missing`: the team names its own role holders, so
 * a person the organisation's directory does not know must not fill a role.
 * Only from authoritative knowledge (the portal reads every User of the
 * catalog; the CLI takes the portal's marks); a holder that is a Group ref is
 * left as it is. The input is not modified.
 *
 * @param isMissing - Whether a lowercase user ref is known not to be a User.
 * @public
 */
export function markMissingRoleHolders(
  profile: SecurityProfile,
  isMissing: (userRef: string) => boolean,
): SecurityProfile {
  let roles: SecurityProfile['roles'] | undefined;
  for (const [role, holders] of Object.entries(profile.roles ?? {}) as [
    RoleId,
    RoleHolder[] | undefined,
  ][]) {
    if (!holders?.length) continue;
    let changed = false;
    const marked = holders.map(h => {
      const ref = h?.ref?.toLocaleLowerCase('en-US');
      if (!ref?.startsWith('user:') || !isMissing(ref)) return h;
      changed = true;
      return { ...h, missing: true };
    });
    if (changed) (roles ??= { ...profile.roles })[role] = marked;
  }
  return roles ? { ...profile, roles } : profile;
}
