import {
  ITSEC_ANNOTATION_SPECS,
  DEFAULT_ITSO_GROUP,
  ResolvedProfiles,
  codeOfConnectionApprovalProblems,
  codeOfConnectionOwnerProblem,
  createProfileResolver,
  entityOwnerRef,
  entityToProfile,
  indexCodesOfConnection,
  independenceOf,
  indexGroupMembership,
  isCodeOfConnectionEntity,
  isScoredKind,
  mojIctSecurityPolicy,
  parentEntityRef,
  parseEntityRefValue,
  personalAttestationStatements,
  validateCodeOfConnection,
  ITSEC_ANNOTATION_PREFIX,
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
 * The scored entities among the inputs that name a role holder: with
 * `--portal`, whether each holder is a User in its catalog comes from their
 * scorecards.
 */
export function roleNamersOf(found: readonly FoundEntity[]): string[] {
  const names = ITSEC_ANNOTATION_SPECS.filter(a => a.group === 'roles').map(
    a => a.name,
  );
  const out = new Set<string>();
  for (const f of found) {
    if (!f.ingestible || !isScoredKind(f.entity.kind)) continue;
    const annotations = f.entity.metadata?.annotations ?? {};
    if (names.some(n => annotations[n])) out.add(f.ref);
  }
  return [...out];
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

const ROLE_ACCREDITOR = `${ITSEC_ANNOTATION_PREFIX}role-accreditor`;

/**
 * Warnings for an Accreditor who is a member of a group owning the entity
 * (when the inputs hold that Group's members): their accreditation decision
 * does not count for POL.ITSEC.013 and the role is a gap for POL.ITSEC.022.
 * Reported where the Accreditor is named (`role-accreditor`), or at
 * `spec.owner` when the entity inherits the Accreditor and its own owning
 * group holds them; an inherited Accreditor in the System's team is reported
 * on the System.
 */
export function accreditorProblems(
  found: readonly FoundEntity[],
  profiles: ResolvedProfiles,
): Problem[] {
  const problems: Problem[] = [];
  const done = new Set<string>();
  for (const f of found) {
    if (!f.ingestible || !isScoredKind(f.entity.kind) || done.has(f.ref))
      continue;
    done.add(f.ref);
    const profile = profiles.profile(f.ref);
    for (const h of profile?.roles?.accreditor ?? []) {
      if (!h?.ref) continue;
      const ind = independenceOf(h.ref, profile!.owningGroups);
      if (ind.status !== 'member') continue;
      const from = h.source?.inherited ? h.source.from : undefined;
      // Said once, where it can be fixed: where the Accreditor is named,
      // unless the team is this entity's own and not that entity's.
      if (
        from &&
        (ind.group.source.inherited ||
          profiles
            .profile(from)
            ?.owningGroups?.some(g => g.ref === ind.group.ref))
      )
        continue;
      const owner = ind.group.source.inherited
        ? `${ind.group.ref} (the owner of ${ind.group.source.from})`
        : ind.group.ref;
      problems.push({
        file: f.doc.file,
        line: f.doc.lineOf(
          from
            ? ['spec', 'owner']
            : ['metadata', 'annotations', ROLE_ACCREDITOR],
        ),
        message: `${from ? 'spec.owner' : ROLE_ACCREDITOR}: the Accreditor ${
          h.ref
        }${
          from ? ` (named on ${from})` : ''
        } is a member of ${owner}, which owns ${
          f.ref
        }: the Accreditor must be independent of the team, so the accreditation decision does not count for POL.ITSEC.013 and POL.ITSEC.022 is a gap`,
        rule: 'accreditor-in-owning-group',
        severity: 'warning',
      });
    }
  }
  return problems;
}
