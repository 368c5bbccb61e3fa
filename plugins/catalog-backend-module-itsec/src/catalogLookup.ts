import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * What the processor reads from the catalog to check a CodeOfConnection
 * against the system it names.
 *
 * @public
 */
export interface ItsecCatalogLookup {
  /** The entity, or undefined when it is not in the catalog (yet). */
  entity(ref: string): Promise<Entity | undefined>;
  /** The group's members (lowercase user refs), or undefined when the group is not in the catalog. */
  groupMembers(ref: string): Promise<string[] | undefined>;
}

/** Options of {@link catalogLookup}. */
export interface CatalogLookupOptions {
  /**
   * How long an entity read stays fresh, in milliseconds (default 10,000).
   * Many Codes of Connection name the same system, Domain and ITSO group, and
   * the catalog processes them in batches: without reuse each one costs
   * three catalog requests. Entities not found are not remembered, so a
   * system is checked as soon as it appears. 0 turns reuse off.
   */
  ttlMs?: number;
  /** Milliseconds now; default Date.now. */
  now?: () => number;
}

/** Most entity reads remembered at once. */
const MAX_REMEMBERED = 2_000;

/**
 * Reads entities through the catalog service with the module's own service
 * credentials, reusing a read for `ttlMs` (concurrent reads of one entity
 * share one request).
 *
 * @public
 */
export function catalogLookup(
  catalog: CatalogService,
  auth: AuthService,
  options: CatalogLookupOptions = {},
): ItsecCatalogLookup {
  const ttlMs = options.ttlMs ?? 10_000;
  const now = options.now ?? Date.now;
  const reads = new Map<
    string,
    { at: number; entity: Promise<Entity | undefined> }
  >();
  const read = async (ref: string) =>
    (await catalog.getEntityByRef(ref, {
      credentials: await auth.getOwnServiceCredentials(),
    })) ?? undefined;
  const entity = (ref: string): Promise<Entity | undefined> => {
    if (ttlMs <= 0) return read(ref);
    const t = now();
    const hit = reads.get(ref);
    if (hit && t - hit.at < ttlMs) return hit.entity;
    if (reads.size >= MAX_REMEMBERED) reads.clear();
    const pending = read(ref);
    reads.set(ref, { at: t, entity: pending });
    // Only found entities are reused: forget misses and failures.
    pending.then(
      found => {
        if (!found && reads.get(ref)?.entity === pending) reads.delete(ref);
      },
      () => {
        if (reads.get(ref)?.entity === pending) reads.delete(ref);
      },
    );
    return pending;
  };
  return {
    entity,
    async groupMembers(ref) {
      const group = await entity(ref);
      if (!group) return undefined;
      return (group.relations ?? [])
        .filter(r => r.type === 'hasMember')
        .map(r => r.targetRef.toLocaleLowerCase('en-US'));
    },
  };
}
