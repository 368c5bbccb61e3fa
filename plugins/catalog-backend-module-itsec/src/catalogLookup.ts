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

/**
 * Reads entities through the catalog service with the module's own service
 * credentials.
 *
 * @public
 */
export function catalogLookup(
  catalog: CatalogService,
  auth: AuthService,
): ItsecCatalogLookup {
  const entity = async (ref: string) =>
    (await catalog.getEntityByRef(ref, {
      credentials: await auth.getOwnServiceCredentials(),
    })) ?? undefined;
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
