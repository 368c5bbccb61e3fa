import {
  EntityEvaluation,
  PolicyCatalogue,
  SecurityProfile,
  evaluate,
} from '@internal/plugin-itsec-common';
import type { FoundEntity } from './check';
import { Organisation, profilesOf } from './organisation';

/** The portal's attestations and exceptions, read with `--portal`. */
export interface PortalEvidence {
  /** The profile with the attestations and exceptions the portal holds for it. */
  addTo(profile: SecurityProfile): SecurityProfile;
}

/**
 * Kinds that get a scorecard: the ICT systems and their parts. A Domain is not
 * scored (the policy's per-system statements do not apply to it); it is where
 * organisation-wide roles and the incident plan are set for systems to inherit.
 */
export const SCORED_KINDS = new Set(['system', 'component', 'resource', 'api']);

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
  portal?: PortalEvidence,
): EntityEvaluation[] {
  const profiles = profilesOf(found, organisation, policy);
  const results: EntityEvaluation[] = [];
  const done = new Set<string>();
  for (const f of found) {
    const kind = f.entity.kind.toLowerCase();
    if (!f.ingestible || !SCORED_KINDS.has(kind) || done.has(f.ref)) continue;
    done.add(f.ref);
    const profile = profiles.profile(f.ref)!;
    results.push(
      evaluate(portal ? portal.addTo(profile) : profile, policy, {
        asOf,
        attestationsAvailable: portal !== undefined,
      }),
    );
  }
  return results;
}
