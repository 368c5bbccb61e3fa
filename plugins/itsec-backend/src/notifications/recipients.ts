import {
  notificationRoles,
  type PolicyStatement,
  type RoleId,
  type SecurityProfile,
} from '@internal/plugin-itsec-common';
import type { TransitionKind } from './transitions';

/** Roles for statements whose check names none, and no override. */
export const DEFAULT_ROLES: readonly RoleId[] = ['iao', 'system-manager'];

/** Exceptions are approved by the business-group SIRO: they hear of expiries. */
export const EXCEPTION_ROLES: readonly RoleId[] = ['business-siro'];

/**
 * The roles notified of a transition: an override from
 * `itsec.notifications.recipients.statementRoles`, else the roles the
 * statement's check names (so a custom policy's own ids work), else
 * {@link DEFAULT_ROLES}.
 */
export function rolesFor(
  statement: PolicyStatement,
  kind: TransitionKind,
  overrides: Readonly<Record<string, RoleId[]>> = {},
): readonly RoleId[] {
  if (kind === 'exception-expiring' || kind === 'exception-expired') {
    return EXCEPTION_ROLES;
  }
  return (
    overrides[statement.id] ?? notificationRoles(statement) ?? DEFAULT_ROLES
  );
}

function holders(
  profile: Pick<SecurityProfile, 'roles'> | undefined,
  roles: readonly RoleId[],
) {
  const out: string[] = [];
  for (const role of roles) {
    for (const h of profile?.roles?.[role] ?? []) {
      if (h.ref) out.push(h.ref.toLocaleLowerCase('en-US'));
    }
  }
  return out;
}

/**
 * The entity refs notified of a transition: the owner group, and the holders
 * of the statement's roles in the resolved profile (inherited roles count);
 * when none of those roles has a holder, the IAO and the system manager.
 */
export function recipientsFor(options: {
  statement: PolicyStatement;
  kind: TransitionKind;
  owner?: string;
  profile?: Pick<SecurityProfile, 'roles'>;
  includeOwner: boolean;
  includeRoleHolders: boolean;
  statementRoles?: Readonly<Record<string, RoleId[]>>;
}): { entityRefs: string[]; roles: RoleId[] } {
  const refs: string[] = [];
  const roles: RoleId[] = [];
  if (options.includeOwner && options.owner) refs.push(options.owner);
  if (options.includeRoleHolders) {
    let wanted = rolesFor(
      options.statement,
      options.kind,
      options.statementRoles,
    );
    let found = holders(options.profile, wanted);
    if (found.length === 0 && wanted !== DEFAULT_ROLES) {
      wanted = DEFAULT_ROLES;
      found = holders(options.profile, wanted);
    }
    refs.push(...found);
    for (const role of wanted) {
      if (holders(options.profile, [role]).length > 0) roles.push(role);
    }
  }
  return { entityRefs: [...new Set(refs)], roles };
}
