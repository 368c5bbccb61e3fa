import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogLookup } from './catalogLookup';

const itso: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'itso', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'hasMember', targetRef: 'user:default/Ida.Itso' }],
};

function countingCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const reads: string[] = [];
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = (async (ref: string, options: any) => {
    reads.push(ref);
    return getEntityByRef(ref, options);
  }) as typeof catalog.getEntityByRef;
  return { catalog, reads };
}

describe('catalogLookup', () => {
  it('reuses a found entity for ttlMs, then reads it again', async () => {
    const { catalog, reads } = countingCatalog([itso]);
    let now = 0;
    const lookup = catalogLookup(catalog, mockServices.auth(), {
      ttlMs: 1000,
      now: () => now,
    });
    expect(await lookup.groupMembers('group:default/itso')).toEqual([
      'user:default/ida.itso',
    ]);
    now = 999;
    expect((await lookup.entity('group:default/itso'))?.metadata.name).toBe(
      'itso',
    );
    expect(reads).toEqual(['group:default/itso']);
    now = 1000;
    await lookup.entity('group:default/itso');
    expect(reads).toEqual(['group:default/itso', 'group:default/itso']);
  });

  it('shares one read between concurrent lookups of an entity', async () => {
    const { catalog, reads } = countingCatalog([itso]);
    const lookup = catalogLookup(catalog, mockServices.auth());
    const [a, b] = await Promise.all([
      lookup.entity('group:default/itso'),
      lookup.groupMembers('group:default/itso'),
    ]);
    expect(a?.metadata.name).toBe('itso');
    expect(b).toEqual(['user:default/ida.itso']);
    expect(reads).toEqual(['group:default/itso']);
  });

  it('does not remember an entity that is not in the catalog yet', async () => {
    const { catalog, reads } = countingCatalog([]);
    const lookup = catalogLookup(catalog, mockServices.auth(), {
      now: () => 0,
    });
    expect(await lookup.entity('system:default/later')).toBeUndefined();
    expect(await lookup.groupMembers('system:default/later')).toBeUndefined();
    expect(reads).toEqual(['system:default/later', 'system:default/later']);
  });

  it('reads every time with ttlMs 0', async () => {
    const { catalog, reads } = countingCatalog([itso]);
    const lookup = catalogLookup(catalog, mockServices.auth(), { ttlMs: 0 });
    await lookup.entity('group:default/itso');
    await lookup.entity('group:default/itso');
    expect(reads).toHaveLength(2);
  });
});
