import type { RoleHolder, SecurityProfile } from '../profile/types';

/**
 * The part of a profile the approving-SIRO rule reads: the kind of entity and
 * the roles it declares itself.
 *
 * @public
 */
export type SiroLineageProfile = Pick<
  SecurityProfile,
  'entityRef' | 'kind' | 'roles'
>;

/**
 * Who approves an entity's exceptions, and where that was declared.
 *
 * @public
 */
export interface ApprovingSiro {
  /**
   * The business-group SIROs who may approve; empty when no Domain in the
   * lineage declares one, and then nobody approves.
   */
  holders: RoleHolder[];
  /** The Domain that declares them. */
  declaredOn?: string;
}

function declaredSiros(profile: SiroLineageProfile): RoleHolder[] {
  // Inherited holders were declared further up: they count where declared.
  return (profile.roles['business-siro'] ?? []).filter(
    h => !h.source?.inherited,
  );
}

/**
 * The business-group SIRO who approves an entity's exceptions (Tier 4): the
 * one declared on the entity's Domain (a parent Domain when the Domain itself
 * declares none). With no Domain declaring one, nobody approves. A SIRO named
 * on a System, Component, API or Resource never approves: those are the
 * delivery team's own catalog files, so counting them would let the team that
 * benefits name its own approver.
 *
 * `lineage` is the entity's profile followed by its ancestors' (System,
 * Domain, parent Domains), nearest first; own or resolved profiles both work,
 * as only the holders each one declares itself are read.
 *
 * @public
 */
export function approvingSiro(
  lineage: readonly SiroLineageProfile[],
): ApprovingSiro {
  for (const profile of lineage) {
    if (profile.kind.toLocaleLowerCase('en-US') !== 'domain') continue;
    const holders = declaredSiros(profile);
    if (holders.length > 0) {
      return { holders, declaredOn: profile.entityRef };
    }
  }
  return { holders: [] };
}

/**
 * True when `userRef` is a business-group SIRO who approves the entity's
 * exceptions (see {@link approvingSiro}).
 *
 * @public
 */
export function isApprovingSiro(
  lineage: readonly SiroLineageProfile[],
  userRef: string,
): boolean {
  const wanted = userRef.toLocaleLowerCase('en-US');
  return approvingSiro(lineage).holders.some(
    h => h.ref.toLocaleLowerCase('en-US') === wanted,
  );
}
