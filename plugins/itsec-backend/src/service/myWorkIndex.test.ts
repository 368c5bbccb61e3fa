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
