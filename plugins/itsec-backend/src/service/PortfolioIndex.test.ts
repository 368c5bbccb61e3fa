import {
  PolicyCatalogue,
  mojIctSecurityPolicy,
} from '@internal/plugin-itsec-common';
import type { ItsecStore, StoredResult } from '../database/types';
import { NormalisedFilter, PortfolioIndex } from './PortfolioIndex';

function row(entityRef: string): StoredResult {
  return { entityRef } as StoredResult;
}

/**
 * A store whose first listing is slow and misses a write that lands while it
 * runs: the race between a reader and the scheduled evaluation.
 */
function racingStore() {
  let generation = 'g1';
  let rows = [row('component:default/a')];
  let releaseFirstListing!: () => void;
  const firstListingHeld = new Promise<void>(r => {
    releaseFirstListing = r;
  });
  let listings = 0;
  const store = {
    async getResultsGeneration() {
      return generation;
    },
    async listResults() {
      listings += 1;
      const snapshot = rows;
      if (listings === 1) await firstListingHeld;
      return snapshot;
    },
  } as unknown as ItsecStore;
  return {
    store,
    write(ref: string) {
      rows = [...rows, row(ref)];
      generation = 'g2';
    },
    releaseFirstListing,
    listings: () => listings,
  };
}

describe('PortfolioIndex', () => {
  it('does not answer from a load that started before a write it has seen', async () => {
    const s = racingStore();
    const index = new PortfolioIndex(s.store, mojIctSecurityPolicy);

    const early = index.has('component:default/a');
    await new Promise(r => setImmediate(r));
    s.write('component:default/b');
    const late = index.has('component:default/b');
    await new Promise(r => setImmediate(r));
    s.releaseFirstListing();

    await expect(early).resolves.toBe(true);
    await expect(late).resolves.toBe(true);
    expect(s.listings()).toBe(2);
  });

  it('loads once while the generation does not change', async () => {
    const s = racingStore();
    s.releaseFirstListing();
    const index = new PortfolioIndex(s.store, mojIctSecurityPolicy);
    await index.has('component:default/a');
    await index.has('component:default/a');
    expect(s.listings()).toBe(1);
  });
});

/*
 * A three-statement policy (one record, one attestation, one organisation
 * statement): statuses are packed in that order, e.g. 'mgs' = record met,
 * attestation gap, organisation not scored.
 */
const policy = {
  id: 'test',
  title: 'Test',
  version: '1',
  lastReviewed: '2026-01-01',
  sections: [{ id: 's', title: 'S' }],
  statements: [
    {
      id: 'T.R',
      section: 's',
      title: 'R',
      text: 'R',
      kind: 'record',
      check: 'dr-plan',
    },
    { id: 'T.A', section: 's', title: 'A', text: 'A', kind: 'attestation' },
    { id: 'T.O', section: 's', title: 'O', text: 'O', kind: 'organisation' },
  ],
} as unknown as PolicyCatalogue;

function result(
  entityRef: string,
  fields: Partial<StoredResult> & { statuses: string },
): StoredResult {
  const kind = entityRef.split(':')[0];
  return {
    entityRef,
    kind,
    sensitive: false,
    score: null,
    gaps: [...fields.statuses].filter(c => c === 'g').length,
    policyKey: 'test@1',
    asOf: '2026-10-01',
    evaluatedAt: '2026-10-01T09:00:00.000Z',
    hash: entityRef,
    ...fields,
  };
}

const HMCTS = 'domain:default/hmcts';
const CIVIL = 'system:default/civil';
const LONELY = 'system:default/lonely';

function fixedStore(rows: StoredResult[]): ItsecStore {
  return {
    async getResultsGeneration() {
      return 'g1';
    },
    async listResults() {
      return rows;
    },
  } as unknown as ItsecStore;
}

describe('PortfolioIndex groups and lenses', () => {
  const rows = [
    result(CIVIL, {
      title: 'Civil',
      domain: HMCTS,
      score: 80,
      statuses: 'mgs',
    }),
    result('component:default/civil-api', {
      system: CIVIL,
      domain: HMCTS,
      score: 40,
      statuses: 'gds',
    }),
    result('component:default/civil-web', {
      system: CIVIL,
      domain: HMCTS,
      score: null,
      statuses: 'nns',
    }),
    result(LONELY, { score: 60, statuses: 'xms' }),
    result('component:default/orphan', { score: 20, statuses: 'ggs' }),
  ];
  const index = new PortfolioIndex(fixedStore(rows), policy);
  const catalog = { lens: ['T.R'] };
  const attestations = { lens: ['T.A'] };

  it('groups Domain → System → parts, a System in its own group, the ones without last', async () => {
    const groups = await index.groups({});
    expect(groups.total).toBe(5);
    expect(
      groups.domains.map(d => [
        d.domain,
        d.entities,
        d.systems.map(s => [s.system, s.entities]),
      ]),
    ).toEqual([
      [HMCTS, 3, [[CIVIL, 3]]],
      [
        null,
        2,
        [
          [LONELY, 1],
          [null, 1],
        ],
      ],
    ]);
    const civil = groups.domains[0].systems[0];
    expect(civil).toEqual({
      system: CIVIL,
      title: 'Civil',
      entities: 3,
      // The System's own 80 with its component's 40; the unscored one left out.
      score: 60,
      gaps: 2,
      counts: {
        met: 1,
        'due-soon': 1,
        gap: 2,
        excepted: 0,
        'not-applicable': 2,
        'not-scored': 3,
      },
      statuses: { 'T.R': 'gap', 'T.A': 'gap', 'T.O': 'not-scored' },
      gapsByStatement: { 'T.R': 1, 'T.A': 1 },
    });
    const lonely = groups.domains[1].systems[0];
    expect([
      lonely.score,
      lonely.gaps,
      lonely.statuses,
      lonely.gapsByStatement,
    ]).toEqual([
      60,
      0,
      { 'T.R': 'excepted', 'T.A': 'met', 'T.O': 'not-scored' },
      {},
    ]);
    expect(groups.domains[1].score).toBe(40);
  });

  it('never scores a Domain, even with a row of its own: its row is the roll-up of its members', async () => {
    // A Domain's row left from a configuration that scored Domains.
    const withDomainRow = new PortfolioIndex(
      fixedStore([...rows, result(HMCTS, { score: 0, statuses: 'ggg' })]),
      policy,
    );
    const { total, domains } = await withDomainRow.groups({});
    expect(total).toBe(5);
    const hmcts = domains[0];
    expect([hmcts.domain, hmcts.entities, hmcts.score, hmcts.gaps]).toEqual([
      HMCTS,
      3,
      60,
      2,
    ]);
    expect(domains.map(d => d.entities)).toEqual([3, 2]);
  });

  it('rolls up over the filtered set only, leaving out groups left empty', async () => {
    const components = await index.groups({ kind: new Set(['component']) });
    expect(components.total).toBe(3);
    expect(
      components.domains.map(d => [d.domain, d.systems.map(s => s.system)]),
    ).toEqual([
      [HMCTS, [CIVIL]],
      [null, [null]],
    ]);
    const civil = components.domains[0].systems[0];
    // Without the System's own row, the group keeps its title from the index.
    expect([civil.title, civil.entities, civil.score]).toEqual([
      'Civil',
      2,
      40,
    ]);
    expect(await index.groups({ q: 'nothing matches' })).toEqual({
      total: 0,
      domains: [],
    });
  });

  it('restricts the groups to the lens', async () => {
    const [hmcts] = (await index.groups(catalog)).domains;
    expect([hmcts.gaps, hmcts.statuses, hmcts.gapsByStatement]).toEqual([
      1,
      { 'T.R': 'gap' },
      { 'T.R': 1 },
    ]);
    expect(hmcts.counts).toMatchObject({ met: 1, gap: 1, 'not-applicable': 1 });
    expect(hmcts.score).toBe(60);
    const [civil] = (await index.groups(attestations)).domains[0].systems;
    expect([civil.gaps, civil.statuses]).toEqual([1, { 'T.A': 'gap' }]);
  });

  it('lists the members of a group, none standing for no System or no Domain', async () => {
    const refs = async (filter: NormalisedFilter) =>
      (await index.refs(filter)).sort();
    expect(await refs({ system: new Set([CIVIL]) })).toEqual([
      'component:default/civil-api',
      'component:default/civil-web',
      CIVIL,
    ]);
    expect(
      await refs({ system: new Set(['']), domain: new Set(['']) }),
    ).toEqual(['component:default/orphan']);
    expect(
      await refs({ system: new Set([LONELY]), domain: new Set(['']) }),
    ).toEqual([LONELY]);
  });

  it('pages rows with the lens: counts, statuses, gap filters and sort by gaps', async () => {
    const page = await index.page({
      filter: catalog,
      sort: 'gaps',
      order: 'desc',
      offset: 0,
      limit: 10,
    });
    const api = page.items.find(r => r.entityRef.endsWith('civil-api'))!;
    expect(api.statuses).toEqual({ 'T.R': 'gap' });
    expect(api.counts).toMatchObject({ gap: 1, 'due-soon': 0 });
    // Catalog gaps: civil-api and orphan have one each, civil none.
    expect(page.items.slice(0, 2).map(r => r.entityRef)).toEqual([
      'component:default/civil-api',
      'component:default/orphan',
    ]);
    expect(page.items.find(r => r.entityRef === CIVIL)!.counts.gap).toBe(0);
    expect((await index.refs({ ...catalog, status: ['gap'] })).sort()).toEqual([
      'component:default/civil-api',
      'component:default/orphan',
    ]);
    expect(
      (await index.refs({ ...attestations, status: ['gap'] })).sort(),
    ).toEqual(['component:default/orphan', CIVIL]);
    // A statement outside the lens matches nothing.
    expect(await index.refs({ ...catalog, statement: ['T.A'] })).toEqual([]);
  });

  it('summarises the lens only', async () => {
    const summary = await index.summary({
      ...catalog,
      kind: new Set(['component']),
    });
    expect(summary.byStatement.map(s => s.statementId)).toEqual(['T.R']);
    expect(summary.counts).toEqual({
      met: 0,
      'due-soon': 0,
      gap: 2,
      excepted: 0,
      'not-applicable': 1,
      'not-scored': 0,
    });
    const all = await index.summary({ kind: new Set(['component']) });
    expect(all.byStatement.map(s => s.statementId)).toEqual([
      'T.R',
      'T.A',
      'T.O',
    ]);
    expect(all.counts.gap).toBe(3);
  });
});
