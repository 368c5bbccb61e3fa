/*
 * Independence of the Accreditor and the IAO (POL.ITSEC.013, 022, 028). The
 * team declares these roles in its own catalog-info.yaml, so an approval or
 * decision by one of them counts only from someone outside the groups that
 * own the entity and its System. Membership is direct membership of an
 * owning group or of one of its sub-groups; a member of a parent group (the
 * business unit above the team) is not in the team.
 */
import type { OwningGroup } from '../profile/types';
import type { CheckReason } from '../evaluate/checks/types';

/**
 * The reason a statement is `not-scored` when its Accreditor's or IAO's
 * independence could not be checked.
 */
const INDEPENDENCE_UNKNOWN: CheckReason = Object.freeze({
  message:
    'The owning group\u2019s members are not known (offline, without the organisation\u2019s Group and User entities), so the independence of the Accreditor or IAO could not be checked: not scored',
  hint: 'Evaluate with the Group and User entities of the organisation among the files (e.g. org.yaml), or with --portal, or read the scorecard in the portal',
});

/**
 * The reason a statement is a gap when the Accreditor's or IAO's approval or
 * decision would count but a group owning the entity is not in the catalog:
 * an owner that does not exist has no members to be independent of, so
 * pointing `spec.owner` at one must not raise the score.
 */
const OWNING_GROUP_NOT_IN_CATALOG: CheckReason = Object.freeze({
  message:
    'The owning group is not in the catalog, so the Accreditor\u2019s or IAO\u2019s approval or decision cannot be shown independent of the team',
  hint: 'Set spec.owner (of the entity and of its System) to a Group of the organisation\u2019s directory: the Accreditor and the IAO must be shown not to be members of the team that owns the system',
});

/**
 * The reason a role is not filled, and a decision or approval does not
 * count, when the person named is known not to be a User of the
 * organisation: the team names its own role holders, so a made-up person
 * (in no Group, hence "independent") must not raise the score.
 */
const ROLE_HOLDER_NOT_IN_CATALOG: CheckReason = Object.freeze({
  message:
    'A role holder named is not a User in the catalog, so they do not fill the role and their decisions and approvals do not count',
  hint: 'Name in the role annotation (itsec.justice.gov.uk/role-<role>) a User of the organisation\u2019s directory, a User entity in the catalog',
});

/**
 * The reasons POL.ITSEC.013, 022 and 028 share when an Accreditor's or IAO's
 * independence cannot be shown (`owning-group-not-in-catalog`: a gap;
 * `role-holder-not-in-catalog`: a gap, the person is not in the catalog;
 * `independence-unknown`: not scored). Each check spreads them into its
 * reason table after its own not-independent reason, whose name and message
 * say which approval or decision it is.
 *
 * @public
 */
export const INDEPENDENCE_REASONS = Object.freeze({
  'role-holder-not-in-catalog': ROLE_HOLDER_NOT_IN_CATALOG,
  'owning-group-not-in-catalog': OWNING_GROUP_NOT_IN_CATALOG,
  'independence-unknown': INDEPENDENCE_UNKNOWN,
});

/**
 * Whether a person is independent of an entity's owning groups:
 * `independent`; `member` of `group`; `missing` when `group` is known not to
 * exist (not in the catalog) and the person is in no known group; or
 * `unknown` when the members of `group` are not known.
 *
 * @public
 */
export type Independence =
  | { status: 'independent' }
  | { status: 'member'; group: OwningGroup }
  | { status: 'missing'; group: OwningGroup }
  | { status: 'unknown'; group: OwningGroup };

const INDEPENDENT: Independence = Object.freeze({ status: 'independent' });

/**
 * Whether `person` (a user ref) is independent of `owningGroups`. Without
 * owning groups (no owner known) there is nothing to depend on. Membership
 * of a known group comes first, then a missing group (a gap), then one whose
 * members are not known.
 *
 * @public
 */
export function independenceOf(
  person: string,
  owningGroups: readonly OwningGroup[] | undefined,
): Independence {
  if (!owningGroups || owningGroups.length === 0) return INDEPENDENT;
  const by = person.toLocaleLowerCase('en-US');
  let missing: OwningGroup | undefined;
  let unknown: OwningGroup | undefined;
  for (const group of owningGroups) {
    if (group.members) {
      if (group.members.includes(by)) return { status: 'member', group };
    } else if (group.missing) missing ??= group;
    else unknown ??= group;
  }
  if (missing) return { status: 'missing', group: missing };
  return unknown ? { status: 'unknown', group: unknown } : INDEPENDENT;
}

/**
 * The entity a group owns, for messages: the System it was inherited from,
 * else the entity itself.
 *
 * @public
 */
export function ownedByText(group: OwningGroup, entityRef: string): string {
  return group.source.inherited && group.source.from
    ? group.source.from
    : entityRef;
}

/**
 * "`person`, a member of `group` (the owner of `entity`) and not independent
 * of the team": why an approval or decision does not count, to follow "is by".
 *
 * @public
 */
export function notIndependentText(
  person: string,
  group: OwningGroup,
  entityRef: string,
): string {
  return `${person}, a member of ${group.ref} (the owner of ${ownedByText(
    group,
    entityRef,
  )}) and not independent of the team`;
}

/**
 * Why independence could not be checked: the owning group's members are not
 * known (offline without the organisation's Group and User entities).
 *
 * @public
 */
export function independenceUnknownText(
  person: string,
  group: OwningGroup,
): string {
  return `the members of ${group.ref} are not known (its Group entity is not among the files or in the catalog), so whether ${person} is independent of the team could not be checked`;
}

/**
 * "`person`, who cannot be shown independent of `group` (the owner of
 * `entity`), a team the catalog does not know": why an approval or decision
 * does not count when an owning group is known not to exist, to follow "is by".
 *
 * @public
 */
export function owningGroupMissingText(
  person: string,
  group: OwningGroup,
  entityRef: string,
): string {
  return `${person}, who cannot be shown independent of ${
    group.ref
  } (the owner of ${ownedByText(
    group,
    entityRef,
  )}), a team the catalog does not know: that Group is not in the catalog`;
}
