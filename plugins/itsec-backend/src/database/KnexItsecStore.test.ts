import { emptySecurityProfile } from '@internal/plugin-itsec-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnexItsecStore } from './KnexItsecStore';
import { StoredResultWithProfile } from './types';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const TABLES = [
  'itsec_results',
  'itsec_entity_history',
  'itsec_summary_history',
  'itsec_attestations',
  'itsec_exceptions',
  'itsec_audit',
  'itsec_meta',
  'itsec_runs',
  'itsec_notifications',
  'itsec_audit_repeats',
  'itsec_idempotency',
];

function result(
  ref: string,
  statuses: string,
  score: number | null,
  extra = '',
): StoredResultWithProfile {
  return {
    entityRef: ref,
    kind: ref.split(':')[0],
    owner: 'group:default/team-a',
    sensitive: false,
    score,
    gaps: [...statuses].filter(c => c === 'g').length,
    statuses,
    policyKey: 'p@1',
    asOf: '2026-10-01',
    evaluatedAt: '2026-10-01T09:00:00.000Z',
    hash: `${statuses}-${score}-${extra}`,
    profile: emptySecurityProfile(ref),
  };
}

async function tableNames(knex: Knex): Promise<string[]> {
  const present: string[] = [];
  for (const t of TABLES) if (await knex.schema.hasTable(t)) present.push(t);
  return present;
}

describe.each(databases.eachSupportedId())(
  'KnexItsecStore on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexItsecStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await KnexItsecStore.migrateUp(knex);
      store = new KnexItsecStore(knex);
    });

    it('migrates up and down, and up again', async () => {
      expect(await tableNames(knex)).toEqual(TABLES);
      await KnexItsecStore.migrateDownAll(knex);
      expect(await tableNames(knex)).toEqual([]);
      await KnexItsecStore.migrateUp(knex);
      expect(await tableNames(knex)).toEqual(TABLES);
    });

    it('writes only changed results, history only when score or statuses change', async () => {
      const gen0 = await store.getResultsGeneration();
      let out = await store.writeResults({
        results: [
          result('component:default/a', 'mmg', 50),
          result('component:default/b', 'mmm', 100),
        ],
        day: '2026-10-01',
        keepOnly: new Set(['component:default/a', 'component:default/b']),
      });
      expect(out).toMatchObject({ written: 2, removed: 0, historyRows: 2 });
      // What the written results replaced: nothing yet.
      expect([...out.previous!.entries()]).toEqual([
        ['component:default/a', null],
        ['component:default/b', null],
      ]);
      const gen1 = await store.getResultsGeneration();
      expect(gen1).not.toBe(gen0);

      // Same content next day: nothing written, generation unchanged.
      out = await store.writeResults({
        results: [
          result('component:default/a', 'mmg', 50),
          result('component:default/b', 'mmm', 100),
        ],
        day: '2026-10-02',
        keepOnly: new Set(['component:default/a', 'component:default/b']),
      });
      expect(out).toMatchObject({ written: 0, removed: 0, historyRows: 0 });
      expect(out.previous!.size).toBe(0);
      expect(await store.getResultsGeneration()).toBe(gen1);

      // Profile-only change: the row is rewritten, no history.
      out = await store.writeResults({
        results: [result('component:default/a', 'mmg', 50, 'new-profile')],
        day: '2026-10-02',
      });
      expect(out).toMatchObject({ written: 1, removed: 0, historyRows: 0 });
      expect(out.previous!.get('component:default/a')).toEqual({
        statuses: 'mmg',
        policyKey: 'p@1',
      });

      // Two changes on one day leave one history row: the last.
      await store.writeResults({
        results: [result('component:default/a', 'mmm', 100)],
        day: '2026-10-03',
      });
      await store.writeResults({
        results: [result('component:default/a', 'mgm', 50)],
        day: '2026-10-03',
      });
      const history = await store.getEntityHistory(
        ['component:default/a'],
        '2026-01-01',
        '2026-12-31',
      );
      expect(history.map(h => [h.day, h.statuses, h.score])).toEqual([
        ['2026-10-01', 'mmg', 50],
        ['2026-10-03', 'mgm', 50],
      ]);

      // A full run without b removes b.
      out = await store.writeResults({
        results: [result('component:default/a', 'mgm', 50)],
        day: '2026-10-04',
        keepOnly: new Set(['component:default/a']),
      });
      expect(out.removed).toBe(1);
      expect((await store.listResults()).map(r => r.entityRef)).toEqual([
        'component:default/a',
      ]);
      const stored = await store.getResult('component:default/a');
      expect(stored?.profile.entityRef).toBe('component:default/a');
      expect(stored?.score).toBe(50);
    });

    it('keeps summaries compact: the portfolio daily, owners when changed', async () => {
      const always = (scope: string) => scope === 'portfolio';
      const rows = (day: string, ownerScore: number) => [
        {
          scope: 'portfolio',
          day,
          entities: 2,
          score: 70,
          counts: '1,0,1,0,0,0',
        },
        {
          scope: 'owner:group:default/a',
          day,
          entities: 1,
          score: ownerScore,
          counts: '1,0,0,0,0,0',
        },
      ];
      expect(await store.writeSummaries(rows('2026-10-01', 100), always)).toBe(
        2,
      );
      expect(await store.writeSummaries(rows('2026-10-02', 100), always)).toBe(
        1,
      );
      expect(await store.writeSummaries(rows('2026-10-03', 90), always)).toBe(
        2,
      );
      const portfolio = await store.getSummaryHistory(
        'portfolio',
        '2026-10-02',
        '2026-10-31',
      );
      expect(portfolio.map(r => r.day)).toEqual([
        '2026-10-01',
        '2026-10-02',
        '2026-10-03',
      ]);
      const owner = await store.getSummaryHistory(
        'owner:group:default/a',
        '2026-10-01',
        '2026-10-31',
      );
      expect(owner.map(r => [r.day, r.score])).toEqual([
        ['2026-10-01', 100],
        ['2026-10-03', 90],
      ]);
    });

    it('prunes history before the cut-off, keeping each series its baseline', async () => {
      for (const [day, s] of [
        ['2025-01-01', 'g'],
        ['2025-06-01', 'm'],
        ['2026-06-01', 'g'],
      ]) {
        await store.writeResults({
          results: [result('component:default/a', s, s === 'm' ? 100 : 0)],
          day,
        });
      }
      await store.writeResults({
        results: [result('component:default/gone', 'g', 0)],
        day: '2025-02-01',
      });
      await store.writeResults({
        results: [],
        day: '2026-06-01',
        keepOnly: new Set(['component:default/a']),
      });
      const pruned = await store.pruneHistory('2025-10-01');
      expect(pruned).toBe(2);
      const left = await store.getEntityHistory(
        ['component:default/a', 'component:default/gone'],
        '2000-01-01',
        '2100-01-01',
      );
      expect(left.map(h => [h.entityRef, h.day])).toEqual([
        ['component:default/a', '2025-06-01'],
        ['component:default/a', '2026-06-01'],
      ]);
      const baseline = await store.getEntityHistoryBaseline(
        ['component:default/a'],
        '2026-01-01',
      );
      expect(baseline.map(b => b.day)).toEqual(['2025-06-01']);
    });

    it('stores attestations and exceptions with their audit entries; transitions apply once', async () => {
      await store.createAttestation(
        {
          id: 'a1',
          entityRef: 'system:default/x',
          statementId: 'POL.ITSEC.005',
          evidenceLink: 'https://e',
          statement: 'checked',
          attestedBy: 'user:default/o',
          attestedOn: '2026-10-01',
          validUntil: '2027-10-01',
          createdAt: '2026-10-01T09:00:00.000Z',
        },
        {
          actor: 'user:default/o',
          action: 'attestation.create',
          outcome: 'allowed',
          entityRef: 'system:default/x',
        },
      );
      expect(
        await store.listAttestations({ entityRef: 'system:default/x' }),
      ).toHaveLength(1);
      await store.createException(
        {
          id: 'e1',
          entityRef: 'system:default/x',
          statementId: 'POL.ITSEC.043',
          justification: 'j',
          compensatingControls: 'c',
          requestedBy: 'user:default/o',
          requestedAt: '2026-10-01T09:00:00.000Z',
          expiresOn: '2027-01-01',
          state: 'requested',
        },
        {
          actor: 'user:default/o',
          action: 'exception.request',
          outcome: 'allowed',
        },
      );
      const audit = {
        actor: 'user:default/s',
        action: 'exception.approve',
        outcome: 'allowed' as const,
      };
      const first = await store.transitionException(
        {
          id: 'e1',
          from: ['requested'],
          to: 'approved',
          decidedBy: 'user:default/s',
          decidedAt: 'now',
        },
        audit,
      );
      const second = await store.transitionException(
        {
          id: 'e1',
          from: ['requested'],
          to: 'approved',
          decidedBy: 'user:default/s',
          decidedAt: 'now',
        },
        audit,
      );
      expect(first?.state).toBe('approved');
      expect(second).toBeUndefined();
      const log = await store.listAudit({ offset: 0, limit: 10 });
      expect(log.total).toBe(3);
      expect(log.items[0]).toMatchObject({
        action: 'exception.approve',
        before: { state: 'requested' },
        after: { state: 'approved', decidedBy: 'user:default/s' },
      });
    });

    // better-sqlite3's errors can come from another test file's module realm
    // in the same jest worker, where `.rejects.toThrow` does not see them as
    // errors: compare the messages instead.
    const failureOf = (query: PromiseLike<unknown>) =>
      Promise.resolve(query).then(
        () => 'no error',
        (error: Error) => String(error?.message),
      );

    it('refuses to update, delete or truncate audit rows', async () => {
      await store.appendAudit({
        actor: 'user:default/o',
        action: 'x',
        outcome: 'denied',
      });
      await expect(
        failureOf(knex('itsec_audit').update({ actor: 'someone-else' })),
      ).resolves.toMatch(/append-only/);
      await expect(
        failureOf(
          knex('itsec_audit').where({ actor: 'user:default/o' }).delete(),
        ),
      ).resolves.toMatch(/append-only/);
      // TRUNCATE on PostgreSQL; SQLite has none, its nearest is an unqualified DELETE.
      const truncate = databaseId.startsWith('POSTGRES')
        ? knex.raw('TRUNCATE itsec_audit CASCADE')
        : knex.raw('DELETE FROM itsec_audit');
      await expect(failureOf(truncate)).resolves.toMatch(/append-only/);
      const page = await store.listAudit({
        offset: 0,
        limit: 10,
        outcome: 'denied',
      });
      expect(page.items.map(i => i.actor)).toEqual(['user:default/o']);
    });

    it('coalesces repeated denials per actor, entity and action within the hour', async () => {
      const deny = (at: string, actor = 'user:default/o', n = 1) =>
        store.recordDenial({
          at,
          actor,
          action: 'exception.approve',
          outcome: 'denied',
          entityRef: 'system:default/x',
          subjectId: `e${n}`,
          after: { state: 'approved', try: n },
        });
      expect(await deny('2026-10-01T09:00:00.000Z')).toMatchObject({
        attempts: 1,
      });
      for (let n = 2; n <= 50; n++) {
        await deny(
          `2026-10-01T09:${String(n).padStart(2, '0')}:00.000Z`,
          undefined,
          n,
        );
      }
      // Someone else, and the next hour, each get a row of their own.
      await deny('2026-10-01T09:30:00.000Z', 'user:default/p');
      const nextHour = await deny('2026-10-01T10:00:01.000Z', undefined, 51);
      expect(nextHour.attempts).toBe(1);

      const page = await store.listAudit({ offset: 0, limit: 10 });
      expect(page.total).toBe(3);
      const first = page.items.find(
        i => i.actor === 'user:default/o' && i.at.startsWith('2026-10-01T09'),
      );
      expect(first).toMatchObject({
        at: '2026-10-01T09:00:00.000Z',
        subjectId: 'e1',
        after: { try: 1 },
        attempts: 50,
        lastAt: '2026-10-01T09:50:00.000Z',
        lastSubjectId: 'e50',
        lastAttempt: { try: 50 },
      });
      expect(
        page.items.find(i => i.actor === 'user:default/p'),
      ).not.toHaveProperty('attempts');
      // The counts only go forward.
      await expect(
        failureOf(knex('itsec_audit_repeats').update({ attempts: 1 })),
      ).resolves.toMatch(/only counts forward/);
      await expect(
        failureOf(
          knex('itsec_audit_repeats').where('attempts', '>', 0).delete(),
        ),
      ).resolves.toMatch(/only counts forward|append-only/);
    });

    it('keeps Idempotency-Key responses, one record per key and actor', async () => {
      const record = {
        id: 'a1',
        entityRef: 'system:default/x',
        statementId: 'POL.ITSEC.005',
        evidenceLink: 'https://e',
        statement: 'checked',
        attestedBy: 'user:default/o',
        attestedOn: '2026-10-01',
        validUntil: '2027-10-01',
        createdAt: '2026-10-01T09:00:00.000Z',
      };
      const audit = {
        actor: 'user:default/o',
        action: 'attestation.create',
        outcome: 'allowed' as const,
      };
      const key = {
        actor: 'user:default/o',
        key: 'k-1',
        operation: 'attestation.create',
        requestHash: 'h',
        status: 201,
        body: record,
        createdAt: record.createdAt,
      };
      await store.createAttestation(record, audit, key);
      expect(
        await store.getIdempotentResponse('user:default/o', 'k-1'),
      ).toEqual(key);
      expect(
        await store.getIdempotentResponse('user:default/p', 'k-1'),
      ).toBeUndefined();
      // A second use of the key fails and leaves no second record.
      await expect(
        failureOf(store.createAttestation({ ...record, id: 'a2' }, audit, key)),
      ).resolves.not.toBe('no error');
      expect(await store.listAttestations({})).toHaveLength(1);
      // Pruning forgets keys created before the cut-off, and only those.
      expect(
        await store.pruneIdempotentResponses('2026-10-01T09:00:00.000Z'),
      ).toBe(0);
      expect(
        await store.pruneIdempotentResponses('2026-10-01T09:00:00.001Z'),
      ).toBe(1);
      expect(
        await store.getIdempotentResponse('user:default/o', 'k-1'),
      ).toBeUndefined();
      expect(await store.listAttestations({})).toHaveLength(1);
      // Another person's key of the same name is theirs.
      await store.createAttestation({ ...record, id: 'a3' }, audit, {
        ...key,
        actor: 'user:default/p',
      });
      expect(await store.listAttestations({})).toHaveLength(2);
    });

    it('records since when full runs fail, until one succeeds', async () => {
      expect(await store.getRunStatus()).toEqual({});
      await store.recordRunFailure({
        at: '2026-10-01T09:00:00Z',
        message: 'catalog down',
      });
      await store.recordRunFailure({
        at: '2026-10-01T09:30:00Z',
        message: 'still down',
      });
      expect((await store.getRunStatus()).failing).toEqual({
        since: '2026-10-01T09:00:00Z',
        lastAt: '2026-10-01T09:30:00Z',
        failures: 2,
        message: 'still down',
      });
      const run = {
        startedAt: '2026-10-01T10:00:00Z',
        finishedAt: '2026-10-01T10:00:05Z',
        asOf: '2026-10-01',
        entities: 1,
        written: 1,
        removed: 0,
        historyRows: 1,
      };
      await store.recordRun(run);
      expect(await store.getRunStatus()).toEqual({ lastRun: run });
    });
  },
);
