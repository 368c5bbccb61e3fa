import { emptySecurityProfile } from '@internal/plugin-itsec-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnexItsecStore } from '../database/KnexItsecStore';
import type { StoredResultWithProfile } from '../database/types';
import { MyWorkIndex } from './myWorkIndex';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const IAO = 'user:default/thomas.green';
const inherited = { inherited: true, from: 'system:default/civil' };

function result(
  ref: string,
  owner: string,
  iao?: string,
  hash = 'h1',
): StoredResultWithProfile {
  const profile = emptySecurityProfile(ref);
  if (iao) profile.roles.iao = [{ ref: iao, source: inherited }];
  return {
    entityRef: ref,
    kind: profile.kind,
    title: `Title of ${ref}`,
    owner,
    sensitive: false,
    score: 50,
    gaps: 1,
    statuses: 'mg',
    policyKey: 'p@1',
    asOf: '2026-10-01',
    evaluatedAt: '2026-10-01T09:00:00.000Z',
    hash,
    profile,
  };
}

describe.each(databases.eachSupportedId())('MyWorkIndex on %s', databaseId => {
  async function storeWith(results: StoredResultWithProfile[]) {
    const knex = await databases.init(databaseId);
    await KnexItsecStore.migrateUp(knex);
    const store = new KnexItsecStore(knex);
    if (results.length > 0)
      await store.writeResults({ day: '2026-10-01', results });
    return store;
  }
  const asIao = { userEntityRef: IAO, ownershipEntityRefs: [IAO] };

  it('shares one build between concurrent first requests', async () => {
    const store = await storeWith([
      result('system:default/civil', 'group:default/team-a', IAO),
      result('system:default/prison', 'group:default/team-b'),
    ]);
    const index = new MyWorkIndex(store);
    const builds = jest.spyOn(store, 'listResults');
    const answers = await Promise.all([
      index.entityRefsOf(asIao),
      index.entityRefsOf(asIao),
      index.titles(['system:default/prison']),
    ]);
    expect(answers[0]).toEqual(['system:default/civil']);
    expect(answers[1]).toEqual(['system:default/civil']);
    expect(builds).toHaveBeenCalledTimes(1);
  });

  it('is built ahead by warm(), once per results generation, not per request', async () => {
    const store = await storeWith([
      result('system:default/civil', 'group:default/team-a', IAO),
    ]);
    const index = new MyWorkIndex(store);
    const builds = jest.spyOn(store, 'listResults');
    // A request arriving mid-build waits for that build.
    const warming = index.warm();
    const mid = index.entityRefsOf(asIao);
    await warming;
    await index.warm();
    expect(await mid).toEqual(['system:default/civil']);
    for (let i = 0; i < 3; i++) await index.entityRefsOf(asIao);
    expect(builds).toHaveBeenCalledTimes(1);

    await store.writeResults({
      day: '2026-10-02',
      results: [result('system:default/prison', 'group:default/team-b', IAO)],
    });
    await index.warm();
    expect(builds).toHaveBeenCalledTimes(2);
    expect((await index.entityRefsOf(asIao)).sort()).toEqual([
      'system:default/civil',
      'system:default/prison',
    ]);
    expect(builds).toHaveBeenCalledTimes(2);
  });

  it("is made from a full evaluation's results when the store holds just those", async () => {
    const evaluated = [
      result('system:default/civil', 'group:default/team-a', IAO),
      result('system:default/prison', 'group:default/team-b'),
    ];
    const store = await storeWith(evaluated);
    const index = new MyWorkIndex(store);
    const reads = jest.spyOn(store, 'getResultsWithProfile');
    const lists = jest.spyOn(store, 'listResults');
    await index.warm(evaluated);
    expect(
      await index.entityRefsOf({
        userEntityRef: IAO,
        ownershipEntityRefs: ['group:default/team-b'],
      }),
    ).toEqual(['system:default/civil', 'system:default/prison']);
    expect(await index.titles(['system:default/prison'])).toEqual(
      new Map([['system:default/prison', 'Title of system:default/prison']]),
    );
    expect(reads).not.toHaveBeenCalled();
    expect(lists).not.toHaveBeenCalled();
  });

  it('reads the store back when it changed since the evaluation', async () => {
    const evaluated = [
      result('system:default/civil', 'group:default/team-a', IAO),
    ];
    const store = await storeWith(evaluated);
    // A refresh wrote after the evaluation: the IAO changed.
    await store.writeResults({
      day: '2026-10-01',
      results: [
        result(
          'system:default/civil',
          'group:default/team-a',
          'user:default/new.iao',
          'h2',
        ),
      ],
    });
    const index = new MyWorkIndex(store);
    const lists = jest.spyOn(store, 'listResults');
    await index.warm(evaluated);
    expect(lists).toHaveBeenCalledTimes(1);
    expect(await index.entityRefsOf(asIao)).toEqual([]);
    expect(
      await index.entityRefsOf({
        userEntityRef: 'user:default/new.iao',
        ownershipEntityRefs: [],
      }),
    ).toEqual(['system:default/civil']);
  });

  it('does not answer from an index of no results once there are results', async () => {
    const store = await storeWith([]);
    const index = new MyWorkIndex(store);
    await index.warm();
    expect(await index.entityRefsOf(asIao)).toEqual([]);
    await store.writeResults({
      day: '2026-10-01',
      results: [result('system:default/civil', 'group:default/team-a', IAO)],
    });
    expect(await index.entityRefsOf(asIao)).toEqual(['system:default/civil']);
  });

  it('lets warm() fail without keeping the failure', async () => {
    const store = await storeWith([
      result('system:default/civil', 'group:default/team-a', IAO),
    ]);
    const index = new MyWorkIndex(store);
    const outage = new Error('database unavailable');
    jest.spyOn(store, 'listResults').mockRejectedValueOnce(outage);
    await expect(index.warm()).rejects.toBe(outage);
    expect(await index.entityRefsOf(asIao)).toEqual(['system:default/civil']);
  });

  it("finds the caller's entities by owner and by role holder, and follows new results", async () => {
    const knex = await databases.init(databaseId);
    await KnexItsecStore.migrateUp(knex);
    const store = new KnexItsecStore(knex);
    await store.writeResults({
      day: '2026-10-01',
      results: [
        result(
          'system:default/civil',
          'group:default/team-a',
          'User:default/Thomas.Green',
        ),
        result('component:default/civil-api', 'group:default/team-a', IAO),
        result('system:default/prison', 'group:default/team-b'),
        result('system:default/other', 'group:default/team-c'),
      ],
    });
    const index = new MyWorkIndex(store);
    const read = jest.spyOn(store, 'getResultsWithProfile');

    expect(
      (
        await index.entityRefsOf({
          userEntityRef: IAO,
          ownershipEntityRefs: [IAO, 'Group:default/team-b'],
        })
      ).sort(),
    ).toEqual([
      'component:default/civil-api',
      'system:default/civil',
      'system:default/prison',
    ]);
    expect(
      await index.entityRefsOf({
        userEntityRef: 'user:default/nobody',
        ownershipEntityRefs: ['user:default/nobody'],
      }),
    ).toEqual([]);
    expect(
      await index.titles(['system:default/prison', 'system:default/gone']),
    ).toEqual(
      new Map([['system:default/prison', 'Title of system:default/prison']]),
    );
    // Built once for the generation, not per call.
    const builds = read.mock.calls.length;
    await index.entityRefsOf({ userEntityRef: IAO, ownershipEntityRefs: [] });
    expect(read.mock.calls.length).toBe(builds);

    // A new write (another generation): the role moved to someone else.
    await store.writeResults({
      day: '2026-10-02',
      results: [
        result(
          'component:default/civil-api',
          'group:default/team-a',
          'user:default/new.iao',
          'h2',
        ),
      ],
    });
    const iaoRefs = async () =>
      (
        await index.entityRefsOf({
          userEntityRef: IAO,
          ownershipEntityRefs: [],
        })
      ).sort();
    // Meanwhile the previous generation answers, then the new one.
    expect([
      ['component:default/civil-api', 'system:default/civil'],
      ['system:default/civil'],
    ]).toContainEqual(await iaoRefs());
    for (let i = 0; i < 100 && (await iaoRefs()).length > 1; i++)
      await new Promise(r => setTimeout(r, 20));
    expect(await iaoRefs()).toEqual(['system:default/civil']);
    expect(
      await index.entityRefsOf({
        userEntityRef: 'user:default/new.iao',
        ownershipEntityRefs: [],
      }),
    ).toEqual(['component:default/civil-api']);
  });
});
