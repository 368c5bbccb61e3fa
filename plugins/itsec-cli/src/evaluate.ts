import {
  EntityEvaluation,
  PolicyCatalogue,
  createProfileResolver,
  entityToProfile,
  evaluate,
  indexCodesOfConnection,
  parentEntityRef,
  personalAttestationStatements,
} from '@internal/plugin-itsec-common';
import type { FoundEntity } from './check';

/**
 * Kinds that get a scorecard: the ICT systems and their parts. A Domain is not
 * scored (the policy's per-system statements do not apply to it); it is where
 * organisation-wide roles and the incident plan are set for systems to inherit.
 */
export const SCORED_KINDS = new Set(['system', 'component', 'resource', 'api']);

/**
 * Builds each scored entity's profile, resolves inheritance from its System
 * and Domain (when they are among the inputs) and evaluates it.
 */
export function evaluateEntities(
  found: readonly FoundEntity[],
  policy: PolicyCatalogue,
  asOf: string,
): EntityEvaluation[] {
  const byRef = new Map<string, FoundEntity>();
  for (const f of found) if (!byRef.has(f.ref)) byRef.set(f.ref, f);
  const cocs = indexCodesOfConnection(found.map(f => f.entity));

  // Resolved profiles, parents first: an entity inherits from its parent's
  // resolved profile, which already carries what the parent inherited.
  // Parents that are not among the inputs are skipped.
  const profiles = createProfileResolver(
    {
      ownProfile: ref => {
        const f = byRef.get(ref);
        return f && entityToProfile(f.entity, { codesOfConnection: cocs });
      },
      parentRef: ref => {
        const f = byRef.get(ref);
        return f && parentEntityRef(f.entity);
      },
    },
    { personalStatements: personalAttestationStatements(policy) },
  );

  const results: EntityEvaluation[] = [];
  const done = new Set<string>();
  for (const f of found) {
    const kind = f.entity.kind.toLowerCase();
    if (!f.ingestible || !SCORED_KINDS.has(kind) || done.has(f.ref)) continue;
    done.add(f.ref);
    results.push(evaluate(profiles.profile(f.ref)!, policy, { asOf }));
  }
  return results;
}
