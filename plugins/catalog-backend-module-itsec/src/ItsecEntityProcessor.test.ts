import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { entityRefOf } from '@internal/plugin-itsec-common';
import { ItsecEntityProcessor } from './ItsecEntityProcessor';
import type { ItsecCatalogLookup } from './catalogLookup';

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
        owner: 'team-a',
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
      'CodeOfConnection:default/claims-to-other ownedBy group:default/team-a',
      'group:default/team-a ownerOf CodeOfConnection:default/claims-to-other',
    ]);
  });
});

describe('ItsecEntityProcessor: what may not make a cell green', () => {
  const P = 'itsec.justice.gov.uk/';
  const clock = () => new Date('2026-06-01T23:30:00Z');

  /** A stand-in for the catalog: entities by ref, groups with members. */
  function lookupOf(entities: Entity[]): ItsecCatalogLookup & {
    calls: string[];
  } {
    const byRef = new Map(entities.map(e => [entityRefOf(e), e]));
    const calls: string[] = [];
    return {
      calls,
      async entity(ref) {
        calls.push(ref);
        return byRef.get(ref);
      },
      async groupMembers(ref) {
        calls.push(ref);
        const g = byRef.get(ref);
        return g
          ? (g.relations ?? [])
              .filter(r => r.type === 'hasMember')
              .map(r => r.targetRef)
          : undefined;
      },
    };
  }

  const domain: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'courts',
      annotations: { [`${P}role-accreditor`]: 'ann.accreditor' },
    },
    spec: { owner: 'group:default/itso' },
  };
  const claims: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'claims', annotations: { [`${P}role-iao`]: 'ian.iao' } },
    spec: { owner: 'team-a', domain: 'courts' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
  const itso: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'itso' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/iris.itso' }],
  };

  /** The team owning claims, in the catalog; neither approver is in it. */
  const teamA: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/owen.owner' }],
  };

  function coc(spec: Record<string, unknown> = {}): Entity {
    return {
      apiVersion: 'itsec.justice.gov.uk/v1alpha1',
      kind: 'CodeOfConnection',
      metadata: { name: 'claims-to-bank' },
      spec: {
        system: 'claims',
        counterparty: { organisation: 'Example Bank plc' },
        category: 'third-party',
        direction: 'out',
        dataShared: 'Payment references',
        personalData: false,
        classification: 'OFFICIAL',
        approvals: {
          accreditor: { by: 'ann.accreditor', date: '2026-01-10' },
          itso: { by: 'iris.itso', date: '2026-01-11' },
          iao: { by: 'ian.iao', date: '2026-01-12' },
        },
        status: 'agreed',
        agreedDate: '2026-01-20',
        owner: 'team-a',
        ...spec,
      } as Entity['spec'],
    };
  }

  it('accepts a Code of Connection owned by the system owner and approved by its role holders', async () => {
    const lookup = lookupOf([domain, claims, itso, teamA]);
    const processor = new ItsecEntityProcessor({ lookup, clock });
    expect((await process(processor, coc())).errors).toEqual([]);
    // The Domain's Accreditor counts: roles are resolved as the scorecard resolves them.
    expect(lookup.calls).toEqual(
      expect.arrayContaining([
        'system:default/claims',
        'domain:default/courts',
        'group:default/itso',
      ]),
    );
    // The ITSO group may own any Code of Connection.
    expect(
      (await process(processor, coc({ owner: 'group:default/itso' }))).errors,
    ).toEqual([]);
  });

  it('reports a Code of Connection owned by another team', async () => {
    const processor = new ItsecEntityProcessor({
      lookup: lookupOf([domain, claims, itso, teamA]),
      clock,
    });
    expect((await process(processor, coc({ owner: 'team-b' }))).errors).toEqual(
      [
        'codeofconnection:default/claims-to-bank spec.owner: "group:default/team-b" is neither the owner of system:default/claims (group:default/team-a) nor the ITSO group (group:default/itso); a Code of Connection belongs to the system\u2019s owner or the ITSO, so it does not count for system:default/claims',
      ],
    );
    // A configured ITSO group replaces the default one.
    const other = new ItsecEntityProcessor({
      lookup: lookupOf([domain, claims, itso, teamA]),
      itsoGroup: 'group:default/security',
      clock,
    });
    expect(
      (await process(other, coc({ owner: 'group:default/itso' }))).errors,
    ).toEqual([
      expect.stringContaining('nor the ITSO group (group:default/security)'),
    ]);
  });

  it('waits while the system is not in the catalog yet', async () => {
    const processor = new ItsecEntityProcessor({
      lookup: lookupOf([]),
      clock,
    });
    expect((await process(processor, coc({ owner: 'team-b' }))).errors).toEqual(
      [],
    );
  });

  it('reports each approval by someone who does not hold the role for the system', async () => {
    const processor = new ItsecEntityProcessor({
      lookup: lookupOf([domain, claims, itso, teamA]),
      clock,
    });
    const { errors } = await process(
      processor,
      coc({
        approvals: {
          accreditor: { by: 'owen.owner', date: '2026-01-10' },
          itso: { by: 'owen.owner', date: '2026-01-11' },
          iao: { by: 'ian.iao', date: '2026-01-12' },
        },
      }),
    );
    expect(errors).toEqual([
      'codeofconnection:default/claims-to-bank spec.approvals.accreditor.by: the Accreditor approval is by user:default/owen.owner, who is not the system\u2019s Accreditor (user:default/ann.accreditor), so it does not count for POL.ITSEC.028',
      'codeofconnection:default/claims-to-bank spec.approvals.itso.by: the ITSO approval is by user:default/owen.owner, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named), so it does not count for POL.ITSEC.028',
    ]);
  });

  it('reports an Accreditor or IAO approval by a member of the team that owns the system, or when that team is not in the catalog', async () => {
    const group = (name: string, members: string[], children: string[] = []) =>
      ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name },
        spec: { type: 'team', children },
        relations: members.map(m => ({
          type: 'hasMember',
          targetRef: `user:default/${m}`,
        })),
      } as Entity);
    const errors = async (...groups: Entity[]) =>
      (
        await process(
          new ItsecEntityProcessor({
            lookup: lookupOf([domain, claims, itso, ...groups]),
            clock,
          }),
          coc(),
        )
      ).errors;
    // The team is not in the catalog (which holds every Group): no approval
    // can be shown independent of it.
    expect(await errors()).toEqual(
      ['accreditor', 'iao'].map(
        role =>
          `codeofconnection:default/claims-to-bank spec.approvals.${role}.by: the ${
            role === 'iao' ? 'Information Asset Owner' : 'Accreditor'
          } approval is by user:default/${
            role === 'iao' ? 'ian.iao' : 'ann.accreditor'
          }, who cannot be shown independent of group:default/team-a (the owner of system:default/claims), a team the catalog does not know: that Group is not in the catalog, so it does not count for POL.ITSEC.028 (set spec.owner of system:default/claims to a Group of the organisation\u2019s directory)`,
      ),
    );
    expect(await errors(group('team-a', ['owen.owner']))).toEqual([]);
    // The IAO sits in a sub-group of the team.
    expect(
      await errors(
        group('team-a', ['owen.owner'], ['team-a-leads']),
        group('team-a-leads', ['ian.iao']),
      ),
    ).toEqual([
      'codeofconnection:default/claims-to-bank spec.approvals.iao.by: the Information Asset Owner approval is by user:default/ian.iao, a member of group:default/team-a (the owner of system:default/claims) and not independent of the team, so it does not count for POL.ITSEC.028',
    ]);
  });

  it('takes only the Domain\u2019s role-itso when the ITSO group is not in the catalog', async () => {
    const processor = new ItsecEntityProcessor({
      lookup: lookupOf([domain, claims, teamA]),
      clock,
    });
    expect((await process(processor, coc())).errors).toEqual([
      expect.stringContaining(
        'spec.approvals.itso.by: the ITSO approval is by user:default/iris.itso, who is neither a member of the ITSO group nor the ITSO declared on the Domain',
      ),
    ]);
  });

  it('reports agreed and approval dates later than today, by its clock', async () => {
    const processor = new ItsecEntityProcessor({
      lookup: lookupOf([domain, claims, itso, teamA]),
      clock,
    });
    expect(
      (await process(processor, coc({ agreedDate: '2026-06-02' }))).errors,
    ).toEqual([
      'codeofconnection:default/claims-to-bank spec.agreedDate: 2026-06-02 is in the future (evaluated on 2026-06-01): a date on which something happened is not evidence before that day',
    ]);
  });

  it('reports annotation dates later than today, and again only until that day comes', async () => {
    let now = new Date('2026-06-01T12:00:00Z');
    const processor = new ItsecEntityProcessor({ clock: () => now });
    const entity = system({
      [`${P}dr-plan-last-test`]: '2026-06-02 pass',
      [`${P}risk-assessment-date`]: '2027-02-30',
    });
    expect((await process(processor, entity)).errors).toEqual([
      'itsec.justice.gov.uk/risk-assessment-date: "2027-02-30" is not a calendar date',
      'itsec.justice.gov.uk/dr-plan-last-test: 2026-06-02 is in the future (evaluated on 2026-06-01): a date on which something happened is not evidence before that day',
    ]);
    now = new Date('2026-06-02T00:00:01Z');
    expect((await process(processor, entity)).errors).toEqual([
      'itsec.justice.gov.uk/risk-assessment-date: "2027-02-30" is not a calendar date',
    ]);
  });

  it.each(['Component', 'API', 'Resource'])(
    'refuses a business-group SIRO on a %s and emits no relation for it',
    async kind => {
      const { errors, relations } = await process(new ItsecEntityProcessor(), {
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: {
          name: 'claims-web',
          annotations: { [`${P}role-business-siro`]: 'owen.owner' },
        },
        spec: { owner: 'team-a', system: 'claims' },
      });
      expect(errors).toEqual([
        expect.stringMatching(
          new RegExp(
            `^itsec\\.justice\\.gov\\.uk/role-business-siro: "owen\\.owner" is set on a ${kind}; it may only be set on a System or Domain`,
          ),
        ),
      ]);
      expect(relations).toEqual([]);
    },
  );

  it.each(['System', 'Domain'])(
    'relates a business-group SIRO declared on a %s',
    async kind => {
      const { errors, relations } = await process(new ItsecEntityProcessor(), {
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: {
          name: 'x',
          annotations: { [`${P}role-business-siro`]: 'sue.siro' },
        },
        spec: { owner: 'team-a' },
      });
      expect(errors).toEqual([]);
      expect(relations).toContain(
        `${kind}:default/x hasBusinessSiro user:default/sue.siro`,
      );
    },
  );
});
