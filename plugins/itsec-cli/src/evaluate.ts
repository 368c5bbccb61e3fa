import {
  EntityEvaluation,
  PolicyCatalogue,
  evaluate,
  isScoredKind,
} from '@internal/plugin-itsec-common';
import type { FoundEntity } from './check';
import { Organisation, profilesOf } from './organisation';
import { PortalRecords, withPortalRecordsOf } from './portal';

/**
 * Builds each scored entity's profile, resolves inheritance from its System
 * and Domain (when they are among the inputs) and evaluates it. Without the
 * portal's attestations (`portal` unset), statements only an attestation in
 * the portal proves are not scored.
 */
export function evaluateEntities(
  found: readonly FoundEntity[],
  policy: PolicyCatalogue,
  asOf: string,
  organisation: Organisation,
  portal?: PortalRecords,
): EntityEvaluation[] {
  const portalMembers = portal?.groupMembers;
  const portalMissing = portal?.missingGroups;
  const files = organisation.groupMembership;
  const profiles = profilesOf(
    found,
    portalMembers?.size || portalMissing?.size
      ? {
          ...organisation,
          // The portal's membership for the groups the files do not hold,
          // and the owner Groups it knows are not in its catalog.
          groupMembership: {
            members: ref =>
              files.members(ref) ??
              portalMembers?.get(ref.toLocaleLowerCase('en-US')),
            missing: ref =>
              !files.members(ref) &&
              portalMissing?.has(ref.toLocaleLowerCase('en-US')) === true,
          },
        }
      : organisation,
    policy,
    portal && (own => withPortalRecordsOf(own, portal, policy)),
  );
  const results: EntityEvaluation[] = [];
  const done = new Set<string>();
  for (const f of found) {
    // SCORED_KINDS, as in the portal: a Domain is not scored.
    if (!f.ingestible || !isScoredKind(f.entity.kind) || done.has(f.ref))
      continue;
    done.add(f.ref);
    results.push(
      evaluate(profiles.profile(f.ref)!, policy, {
        asOf,
        attestationsAvailable: portal !== undefined,
      }),
    );
  }
  return results;
}
