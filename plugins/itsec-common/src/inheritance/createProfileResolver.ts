import type { SecurityProfile } from '../profile/types';
import { ResolveProfileOptions, resolveProfile } from './resolveProfile';

/**
 * Where {@link createProfileResolver} finds entities' own profiles and parents.
 * @public
 */
export interface ProfileResolverSource {
  /** The entity's own (unresolved) profile; undefined when the entity is unknown. */
  ownProfile(ref: string): SecurityProfile | undefined;
  /** The ref of the entity the entity inherits from, if any. */
  parentRef(ref: string): string | undefined;
}

/**
 * Resolved profiles by entity ref, see {@link createProfileResolver}.
 * @public
 */
export interface ResolvedProfiles {
  /** The entity's resolved profile; undefined when the entity is unknown. */
  profile(ref: string): SecurityProfile | undefined;
}

/**
 * Resolves profiles with inheritance, parents first: an entity inherits from
 * its parent's resolved profile (which already carries what the parent
 * inherited) through {@link resolveProfile}. A parent that is unknown (no own
 * profile) is skipped; so is a parent that is being resolved already, which
 * cuts a cycle at the entity whose resolution closed it. Each resolved profile
 * is computed once and kept (the same object is returned on later calls), and
 * each own profile is asked for at most once per resolved entity.
 *
 * @public
 */
export function createProfileResolver(
  source: ProfileResolverSource,
  options: ResolveProfileOptions = {},
): ResolvedProfiles {
  const resolved = new Map<string, SecurityProfile>();
  const resolving = new Set<string>();

  const profile = (ref: string): SecurityProfile | undefined => {
    const hit = resolved.get(ref);
    if (hit) return hit;
    const own = source.ownProfile(ref);
    if (!own) return undefined;
    resolving.add(ref);
    const parent = source.parentRef(ref);
    const parentProfile =
      parent && !resolving.has(parent) ? profile(parent) : undefined;
    const result = resolveProfile(
      own,
      parentProfile ? [parentProfile] : [],
      options,
    );
    resolving.delete(ref);
    resolved.set(ref, result);
    return result;
  };

  return { profile };
}
