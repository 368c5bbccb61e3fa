import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnexItsecStore } from '../database/KnexItsecStore';
import { NotificationClaim, NotificationLedger } from './NotificationLedger';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const NOW = '2026-10-01T09:00:00.000Z';

function claim(
  statementId: string,
  kind = 'due-soon',
  due = '2026-10-20',
): NotificationClaim {
  return {
    entityRef: 'system:default/civil',
    statementId,
    kind,
    due,
    send: {
      recipients: { type: 'entity', entityRef: ['group:default/team-a'] },
      payload: { title: `${statementId} ${kind} ${due}` },
    },
  };
}

describe.each(databases.eachSupportedId())(
  'NotificationLedger on %s',
  databaseId => {
    let knex: Knex;
    let ledger: NotificationLedger;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await KnexItsecStore.migrateUp(knex);
      ledger = new NotificationLedger(knex);
    });

    it('claims each entity + statement + kind + due once', async () => {
      const first = await ledger.claim(
        [
          claim('POL.ITSEC.043'),
          claim('POL.ITSEC.005'),
          claim('POL.ITSEC.043'),
        ],
        NOW,
      );
      expect(first.map(c => c.statementId).sort()).toEqual([
        'POL.ITSEC.005',
        'POL.ITSEC.043',
      ]);
      expect(await ledger.claim([claim('POL.ITSEC.043')], NOW)).toEqual([]);
      // Another due date or kind is another notification.
      const other = await ledger.claim(
        [
          claim('POL.ITSEC.043', 'due-soon', '2027-10-20'),
          claim('POL.ITSEC.043', 'overdue'),
        ],
        NOW,
      );
      expect(other).toHaveLength(2);
      const rows = await ledger.list();
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatchObject({
        state: 'pending',
        attempts: 1,
        recipients: ['group:default/team-a'],
      });
    });

    it('records claims without recipients as skipped', async () => {
      const won = await ledger.claim(
        [{ ...claim('POL.ITSEC.043'), send: undefined }],
        NOW,
      );
      expect(won).toHaveLength(1);
      expect((await ledger.list())[0]).toMatchObject({
        state: 'skipped',
        attempts: 0,
        recipients: [],
      });
    });

    it('hands a failed send to exactly one retrier, up to the attempt limit', async () => {
      const [c] = await ledger.claim([claim('POL.ITSEC.043')], NOW);
      await ledger.markFailed(c, NOW);
      const later = '2026-10-01T10:00:00.000Z';
      const options = { maxAttempts: 2, staleBefore: NOW, now: later };
      const [a, b] = await Promise.all([
        ledger.claimRetries(options),
        ledger.claimRetries(options),
      ]);
      expect(a.length + b.length).toBe(1);
      expect([...a, ...b][0].send?.payload.title).toBe(
        'POL.ITSEC.043 due-soon 2026-10-20',
      );
      await ledger.markFailed(c, later);
      // attempts reached the limit: no more retries.
      expect(
        await ledger.claimRetries({ ...options, now: '2026-10-01T11:00:00Z' }),
      ).toEqual([]);
      await ledger.markSent(c, later);
      expect((await ledger.list())[0].state).toBe('sent');
    });

    it('takes over pending sends abandoned before the stale cut-off', async () => {
      await ledger.claim([claim('POL.ITSEC.043')], NOW);
      expect(
        await ledger.claimRetries({
          maxAttempts: 5,
          staleBefore: NOW,
          now: NOW,
        }),
      ).toEqual([]);
      const taken = await ledger.claimRetries({
        maxAttempts: 5,
        staleBefore: '2026-10-01T09:30:00.000Z',
        now: '2026-10-01T10:30:00.000Z',
      });
      expect(taken).toHaveLength(1);
    });

    it('prunes old rows', async () => {
      await ledger.claim([claim('POL.ITSEC.043')], '2025-01-01T00:00:00.000Z');
      await ledger.claim([claim('POL.ITSEC.005')], NOW);
      expect(await ledger.prune('2025-06-01T00:00:00.000Z')).toBe(1);
      expect((await ledger.list()).map(r => r.statementId)).toEqual([
        'POL.ITSEC.005',
      ]);
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('lets one of two connections claim a notification they race for', async () => {
        const other = knexFactory({
          client: 'pg',
          connection: (knex.client as any).config.connection,
        });
        try {
          const ledgers = [ledger, new NotificationLedger(other)];
          const claims = Array.from({ length: 50 }, (_, i) =>
            claim(`POL.ITSEC.${String(i).padStart(3, '0')}`),
          );
          const results = await Promise.all(
            ledgers.flatMap(l => [l.claim(claims, NOW), l.claim(claims, NOW)]),
          );
          expect(results.reduce((n, r) => n + r.length, 0)).toBe(50);
        } finally {
          await other.destroy();
        }
      });
    }
  },
);
