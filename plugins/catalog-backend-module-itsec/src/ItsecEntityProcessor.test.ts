import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ItsecEntityProcessor } from './ItsecEntityProcessor';

const location = { type: 'file', target: '/catalog-info.yaml' };

function system(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'claims', namespace: 'courts', annotations },
    spec: { owner: 'team-a' },
  };
}

async function process(processor: ItsecEntityProcessor, entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  const relations = emitted
    .filter(r => r.type === 'relation')
    .map(r => {
      const { source, type, target } = (r as any).relation;
      return `${source.kind}:${source.namespace}/${source.name} ${type} ${target.kind}:${target.namespace}/${target.name}`;
    });
  const errors = ((result as any).status?.items ?? [])
    .filter((i: any) => i.error)
    .map((i: any) => i.error.message);
  return { result, emitted, relations, errors };
}

describe('ItsecEntityProcessor', () => {
  it('leaves entities without itsec annotations untouched and emits nothing', async () => {
    const entity = system({ 'backstage.io/techdocs-ref': 'dir:.' });
    const { result, emitted } = await process(
      new ItsecEntityProcessor(),
      entity,
    );
    expect(result).toBe(entity);
    expect(emitted).toEqual([]);
  });

  it('emits both directions of each role relation, in the entity namespace by default', async () => {
    const { relations, errors } = await process(
      new ItsecEntityProcessor(),
      system({
        'itsec.justice.gov.uk/role-iao': 'jane.doe, user:default/sam.lee',
        'itsec.justice.gov.uk/role-comso': 'user:security/kim.wu',
      }),
    );
    expect(errors).toEqual([]);
    expect(relations).toEqual([
      'System:courts/claims hasInformationAssetOwner user:courts/jane.doe',
      'user:courts/jane.doe informationAssetOwnerOf System:courts/claims',
      'System:courts/claims hasInformationAssetOwner user:default/sam.lee',
      'user:default/sam.lee informationAssetOwnerOf System:courts/claims',
      'System:courts/claims hasComso user:security/kim.wu',
      'user:security/kim.wu comsoOf System:courts/claims',
    ]);
  });

  it('puts problems in status as processing errors and keeps existing status items', async () => {
    const entity = {
      ...system({ 'itsec.justice.gov.uk/pia': 'maybe' }),
      status: { items: [{ type: 'other', level: 'info', message: 'hello' }] },
    } as Entity;
    const { result, emitted } = await process(
      new ItsecEntityProcessor(),
      entity,
    );
    expect(emitted).toEqual([]);
    expect((result as any).status.items).toEqual([
      { type: 'other', level: 'info', message: 'hello' },
      {
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message:
          'InputError: itsec.justice.gov.uk/pia: "maybe" is not one of not-required, required, completed',
        error: {
          name: 'InputError',
          message:
            'itsec.justice.gov.uk/pia: "maybe" is not one of not-required, required, completed',
        },
      },
    ]);
    expect(result.metadata).toBe(entity.metadata);
  });

  it('can also emit problems as input errors', async () => {
    const { emitted } = await process(
      new ItsecEntityProcessor({ errorMode: 'emit' }),
      system({ 'itsec.justice.gov.uk/pia': 'maybe' }),
    );
    expect(emitted).toEqual([
      {
        type: 'error',
        location,
        error: expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining('"maybe"'),
        }),
      },
    ]);
  });

  it('remembers outcomes per entity and recomputes when the annotations change', async () => {
    const processor = new ItsecEntityProcessor();
    const first = await process(
      processor,
      system({ 'itsec.justice.gov.uk/role-iao': 'jane.doe' }),
    );
    const again = await process(
      processor,
      system({ 'itsec.justice.gov.uk/role-iao': 'jane.doe' }),
    );
    expect(again.relations).toEqual(first.relations);
    const changed = await process(
      processor,
      system({ 'itsec.justice.gov.uk/role-iao': 'sam.lee' }),
    );
    expect(changed.relations[0]).toBe(
      'System:courts/claims hasInformationAssetOwner user:courts/sam.lee',
    );
    const broken = await process(
      processor,
      system({ 'itsec.justice.gov.uk/role-iao': 'group:team-a' }),
    );
    expect(broken.relations).toEqual([]);
    expect(broken.errors).toHaveLength(1);
  });

  it('empties its memo when full', async () => {
    const processor = new ItsecEntityProcessor({ memoSize: 2 });
    for (const name of ['a', 'b', 'c', 'd']) {
      const entity = system({ 'itsec.justice.gov.uk/role-iao': 'jane.doe' });
      entity.metadata.name = name;
      expect((await process(processor, entity)).relations).toHaveLength(2);
    }
    expect((processor as any).memo.size).toBeLessThanOrEqual(2);
  });

  it('claims and relates CodeOfConnection entities', async () => {
    const processor = new ItsecEntityProcessor();
    const coc: Entity = {
      apiVersion: 'itsec.justice.gov.uk/v1alpha1',
      kind: 'CodeOfConnection',
      metadata: { name: 'claims-to-other' },
      spec: {
        system: 'claims',
        counterparty: { entityRef: 'system:partners/other' },
        category: 'moj-domain',
        direction: 'in',
        dataShared: 'x',
        personalData: false,
        classification: 'OFFICIAL',
        status: 'draft',
      },
    };
    expect(await processor.validateEntityKind(coc)).toBe(true);
    expect(
      await processor.validateEntityKind({
        ...coc,
        apiVersion: 'example.com/v1',
      }),
    ).toBe(false);
    expect(await processor.validateEntityKind(system({}))).toBe(false);
    const { relations, errors } = await process(processor, coc);
    expect(errors).toEqual([]);
    expect(relations).toEqual([
      'CodeOfConnection:default/claims-to-other connects system:default/claims',
      'system:default/claims connectedBy CodeOfConnection:default/claims-to-other',
      'CodeOfConnection:default/claims-to-other connects system:partners/other',
      'system:partners/other connectedBy CodeOfConnection:default/claims-to-other',
    ]);
  });
});
