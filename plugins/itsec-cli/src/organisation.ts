import {
  DEFAULT_ITSO_GROUP,
  ResolvedProfiles,
  codeOfConnectionApprovalProblems,
  codeOfConnectionOwnerProblem,
  createProfileResolver,
  entityOwnerRef,
  entityToProfile,
  indexCodesOfConnection,
  indexGroupMembership,
  isCodeOfConnectionEntity,
  isScoredKind,
  mojIctSecurityPolicy,
  parentEntityRef,
  parseEntityRefValue,
  personalAttestationStatements,
  validateCodeOfConnection,
} from '@internal/plugin-itsec-common';
import type {
  GroupMembership,
  PolicyCatalogue,
  SecurityProfile,
} from '@internal/plugin-itsec-common';
import type { FoundEntity } from './check';
import type { Problem } from './inputs';

/** Who the ITSO is, as far as the files given tell. */
export interface Organisation {
  /** The ITSO group's entity ref (`--itso-group`, default group:default/itso). */
  itsoGroup: string;
  /**
   * Members of the ITSO group: the Users among the inputs whose
   * `spec.memberOf` names it. Undefined when the Group itself is not among
   * the inputs (then only the role-itso a Domain declares counts as the ITSO).
   */
  itsoGroupMembers?: string[];
  /**
   * The members of the Groups among the inputs (see `indexGroupMembership`):
   * an Accreditor or IAO in the team owning an entity does not count. The
   * members of an owning Group that is not among the inputs are not known,
   * so the statements that need them are not scored.
   */
  groupMembership: GroupMembership;
}

/** The ITSO group and its members, and every Group's members, among the entities found. */
export function organisationOf(
  found: readonly FoundEntity[],
  itsoGroup: string = DEFAULT_ITSO_GROUP,
): Organisation {
  const group = itsoGroup.toLocaleLowerCase('en-US');
  const groupMembership = indexGroupMembership(found.map(f => f.entity));
  if (!found.some(f => f.ref === group))
    return { itsoGroup: group, groupMembership };
  const members: string[] = [];
  for (const f of found) {
    if (f.entity.kind.toLocaleLowerCase('en-US') !== 'user') continue;
    const memberOf = (f.entity.spec as { memberOf?: unknown } | undefined)
      ?.memberOf;
    if (!Array.isArray(memberOf)) continue;
    const ns = f.entity.metadata.namespace ?? 'default';
    const inGroup = memberOf.some(m => {
      if (typeof m !== 'string') return false;
      const r = parseEntityRefValue(m, { kind: 'group', namespace: ns });
      return r.ok && r.value.ref === group;
    });
    if (inGroup && !members.includes(f.ref)) members.push(f.ref);
  }
  return { itsoGroup: group, itsoGroupMembers: members, groupMembership };
}

/**
 * Each entity's resolved profile (inheriting from its System and Domain when
 * they are among the inputs), with the Codes of Connection that count for it.
 */
export function profilesOf(
  found: readonly FoundEntity[],
  organisation: Organisation,
  policy: PolicyCatalogue = mojIctSecurityPolicy,
  /** Adds what the portal holds for an entity to its own profile (`--portal`). */
  addPortalRecords?: (own: SecurityProfile) => SecurityProfile,
): ResolvedProfiles {
  const byRef = new Map<string, FoundEntity>();
  for (const f of found) if (!byRef.has(f.ref)) byRef.set(f.ref, f);
  const cocs = indexCodesOfConnection(found.map(f => f.entity));
  // Resolved profiles, parents first: an entity inherits from its parent's
  // resolved profile, which already carries what the parent inherited.
  // Parents that are not among the inputs are skipped.
  return createProfileResolver(
    {
      ownProfile: ref => {
        const f = byRef.get(ref);
        if (!f) return undefined;
        const own = entityToProfile(f.entity, {
          codesOfConnection: cocs,
          itsoGroup: organisation.itsoGroup,
          itsoGroupMembers: organisation.itsoGroupMembers,
          groupMembership: organisation.groupMembership,
          policy,
        });
        return addPortalRecords ? addPortalRecords(own) : own;
      },
      parentRef: ref => {
        const f = byRef.get(ref);
        return f && parentEntityRef(f.entity);
      },
    },
    { personalStatements: personalAttestationStatements(policy) },
  );
}

/**
 * The scored entities among the inputs (and their Systems) whose owning
 * Group's members the inputs do not hold: with `--portal`, their members
 * come from the portal.
 */
export function unknownOwnersOf(
  found: readonly FoundEntity[],
  organisation: Organisation,
): string[] {
  const out: string[] = [];
  for (const f of found) {
    if (!f.ingestible || !isScoredKind(f.entity.kind)) continue;
    const owner = entityOwnerRef(f.entity);
    if (
      owner &&
      !owner.startsWith('user:') &&
      !organisation.groupMembership.members(owner) &&
      !out.includes(f.ref)
    )
      out.push(f.ref);
  }
  return out;
}

/**
 * Codes of Connection whose system is among the inputs: reported when their
 * owner is neither the system's owner nor the ITSO group (they then count for
 * no system), when an approval is by someone who does not hold that role
 * for the system, and when an Accreditor or IAO approval is by a member of
 * the group owning the system (when the inputs hold its members).
 */
export function connectionProblems(
  found: readonly FoundEntity[],
  organisation: Organisation,
  profiles: ResolvedProfiles,
): Problem[] {
  const byRef = new Map<string, FoundEntity>();
  for (const f of found) if (!byRef.has(f.ref)) byRef.set(f.ref, f);
  const problems: Problem[] = [];
  for (const f of found) {
    if (!f.ingestible || !isCodeOfConnectionEntity(f.entity)) continue;
    const { parsed } = validateCodeOfConnection(f.entity);
    const system = parsed.system ? byRef.get(parsed.system) : undefined;
    if (!system || !parsed.owner) continue;
    const at = (path: string, message: string) =>
      problems.push({
        file: f.doc.file,
        line: f.doc.lineOf(path.split('.')),
        message,
      });
    const owner = codeOfConnectionOwnerProblem(
      parsed,
      entityOwnerRef(system.entity),
      organisation.itsoGroup,
    );
    if (owner) {
      at('spec.owner', owner);
      continue;
    }
    const profile = profiles.profile(system.ref);
    for (const p of codeOfConnectionApprovalProblems(
      parsed.approvals,
      profile?.roles ?? {},
      organisation.itsoGroupMembers,
      { entityRef: system.ref, groups: profile?.owningGroups },
    )) {
      // Unknown is not a problem in the file: the scorecard says it.
      if (p.problem === 'independence-unknown') continue;
      at(
        `spec.approvals.${p.approval}.by`,
        `spec.approvals.${p.approval}.by: ${p.message}, so it does not count for POL.ITSEC.028`,
      );
    }
  }
  return problems;
}
