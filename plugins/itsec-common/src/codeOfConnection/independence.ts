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
 * independence could not be checked (POL.ITSEC.013, 022, 028 share it).
 *
 * @public
 */
export const INDEPENDENCE_UNKNOWN: CheckReason = Object.freeze({
  message:
    'The owning group\u2019s members are not known (offline, without the organisation\u2019s Group and User entities), so the independence of the Accreditor or IAO could not be checked: not scored',
  hint: 'Evaluate with the Group and User entities of the organisation among the files (e.g. org.yaml), or with --portal, or read the scorecard in the portal',
});

/**
 * Whether a person is independent of an entity's owning groups:
 * `independent`; `member` of `group`; or `unknown` when the members of
 * `group` are not known and the person is in no known group.
 *
 * @public
 */
export type Independence =
  | { status: 'independent' }
  | { status: 'member'; group: OwningGroup }
  | { status: 'unknown'; group: OwningGroup };

const INDEPENDENT: Independence = Object.freeze({ status: 'independent' });

/**
 * Whether `person` (a user ref) is independent of `owningGroups`. Without
 * owning groups (no owner known) there is nothing to depend on.
 *
 * @public
 */
export function independenceOf(
  person: string,
  owningGroups: readonly OwningGroup[] | undefined,
): Independence {
  if (!owningGroups || owningGroups.length === 0) return INDEPENDENT;
  const by = person.toLocaleLowerCase('en-US');
  let unknown: OwningGroup | undefined;
  for (const group of owningGroups) {
    if (!group.members) unknown ??= group;
    else if (group.members.includes(by)) return { status: 'member', group };
  }
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
 * known (offline without the organisation's Group and User entities, or the
 * Group is not in the catalog).
 *
 * @public
 */
export function independenceUnknownText(
  person: string,
  group: OwningGroup,
): string {
  return `the members of ${group.ref} are not known (its Group entity is not among the files or in the catalog), so whether ${person} is independent of the team could not be checked`;
}
