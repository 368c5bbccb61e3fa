import type { RoleId, SecurityProfile } from '@internal/plugin-itsec-common';
import type { TransitionKind } from './transitions';

/**
 * Whose job a statement's evidence is: the role holders notified (besides the
 * owner group) when it falls due or lapses. Statements not listed go to the
 * Information Asset Owner and the ICT System Manager. Replace entries with
 * `itsec.notifications.recipients.statementRoles`.
 */
export const DEFAULT_STATEMENT_ROLES: Readonly<Record<string, RoleId[]>> =
  Object.freeze({
    // Accreditation, and the annual risk assessment where accreditation applies.
    'POL.ITSEC.013': ['accreditor', 'iao'],
    'POL.ITSEC.014': ['accreditor', 'iao'],
    // Codes of Connection are approved by the Accreditor and the IAO.
    'POL.ITSEC.028': ['accreditor', 'iao'],
    // HMG cryptographic material: the COMSO.
    'POL.ITSEC.034': ['comso'],
    // Supplier assessments: the IAO and the service provider contact.
    'POL.ITSEC.039': ['iao', 'service-provider'],
    // The DR test: the DR lead.
    'POL.ITSEC.043': ['dr-lead'],
    // Role acknowledgements: every holder of a system role acknowledges their own.
    'POL.ITSEC.023': [
      'business-siro',
      'iao',
      'system-manager',
      'service-provider',
      'accreditor',
      'comso',
      'dr-lead',
    ],
  });

/** Roles for statements without an entry. */
export const DEFAULT_ROLES: readonly RoleId[] = ['iao', 'system-manager'];

/** Exceptions are approved by the business-group SIRO: they hear of expiries. */
export const EXCEPTION_ROLES: readonly RoleId[] = ['business-siro'];

/** The roles notified of a transition (before falling back to {@link DEFAULT_ROLES}). */
export function rolesFor(
  statementId: string,
  kind: TransitionKind,
  overrides: Readonly<Record<string, RoleId[]>> = {},
): readonly RoleId[] {
  if (kind === 'exception-expiring' || kind === 'exception-expired') {
    return EXCEPTION_ROLES;
  }
  return (
    overrides[statementId] ??
    DEFAULT_STATEMENT_ROLES[statementId] ??
    DEFAULT_ROLES
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
  statementId: string;
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
      options.statementId,
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
