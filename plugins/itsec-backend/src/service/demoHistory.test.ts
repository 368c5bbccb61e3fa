import { ConfigReader } from '@backstage/config';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import { Knex } from 'knex';
import { startItsecTestBackend } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { ITSO, SCORED_REFS } from '../__testUtils__/fixtures';
import { KnexItsecStore } from '../database/KnexItsecStore';
import {
  DEMO_HISTORY_CONFIG_KEY,
  demoHistoryDays,
  readDemoHistoryConfig,
} from './demoHistory';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const TODAY = '2026-10-01';
const CIVIL = 'system:default/civil';

describe('readDemoHistoryConfig', () => {
  const config = (demo: object) => new ConfigReader({ itsec: { demo } });

  it('is off unless itsec.demo.buildHistory is set', () => {
    expect(readDemoHistoryConfig(new ConfigReader({}), 'development')).toBe(
      false,
    );
    expect(
      readDemoHistoryConfig(config({ buildHistory: true }), 'development'),
    ).toBe(true);
  });

  it.each([true, false])(
    'refuses itsec.demo.buildHistory: %p under NODE_ENV=production, naming the key',
    value => {
      expect(() =>
        readDemoHistoryConfig(config({ buildHistory: value }), 'production'),
      ).toThrow(
        `Refusing to start: ${DEMO_HISTORY_CONFIG_KEY} is configured, but NODE_ENV is production`,
      );
    },
  );
});

describe('the itsec backend with itsec.demo.buildHistory', () => {
  const saved = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = saved;
  });

  it('refuses to start under NODE_ENV=production, naming the key', async () => {
    process.env.NODE_ENV = 'production';
    await expect(
      startItsecTestBackend({
        clock: new FixedClock(`${TODAY}T09:00:00Z`),
        itsec: { demo: { buildHistory: true } },
        manualTasks: true,
      }),
    ).rejects.toThrow(`${DEMO_HISTORY_CONFIG_KEY} is configured`);
  });
});

describe('demoHistoryDays', () => {
  it('is one day a week for the 52 weeks before the first day, oldest first', () => {
    const days = demoHistoryDays(TODAY);
    expect(days).toHaveLength(52);
    expect(days[0]).toBe('2025-10-02');
    expect(days[51]).toBe('2026-09-24');
  });
});

describe.each(databases.eachSupportedId())('demo history on %s', databaseId => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
  });

  async function start(buildHistory: boolean) {
    return startItsecTestBackend({
      clock: new FixedClock(`${TODAY}T09:00:00Z`),
      itsec: buildHistory ? { demo: { buildHistory: true } } : {},
      manualTasks: true,
      knex,
    });
  }

  it('builds a weekly year before the first evaluation, with movement, once, marked demo', async () => {
    const backend = await start(true);
    await backend.evaluate();

    const res = await backend.get(
      `/portfolio/history?from=2025-09-01&to=${TODAY}`,
      ITSO,
    );
    expect(res.status).toBe(200);
    expect(res.body.demo).toBe(true);
    const dates = res.body.points.map((p: any) => p.date);
    expect(dates).toEqual([...demoHistoryDays(TODAY), TODAY]);
    expect(res.body.points[0].entities).toBe(SCORED_REFS.length);

    // The civil system's evidence is dated inside the year (procedures
    // reviewed 2026-05-14, risk assessment 2026-06-10, DR test due
    // 2026-09-17): its score moves, and the portfolio's with it.
    const civil = await backend.get(
      `/entities/system/default/civil/history?from=2025-09-01&to=${TODAY}`,
      ITSO,
    );
    expect(civil.body.demo).toBe(true);
    const scoreOn = (points: any[], day: string) =>
      [...points].reverse().find(p => p.date <= day).score;
    const civilPoints = civil.body.points;
    expect(scoreOn(civilPoints, '2026-05-07')).toBeLessThan(
      scoreOn(civilPoints, '2026-05-21'),
    );
    expect(scoreOn(civilPoints, '2026-06-04')).toBeLessThan(
      scoreOn(civilPoints, '2026-06-11'),
    );
    expect(scoreOn(civilPoints, '2026-09-24')).toBeLessThan(
      scoreOn(civilPoints, '2026-09-10'),
    );
    expect(
      new Set(res.body.points.map((p: any) => p.score)).size,
    ).toBeGreaterThan(2);

    // Idempotent: another run, and a restart, add nothing.
    const store = new KnexItsecStore(knex);
    const count = async () =>
      (await knex('itsec_entity_history').count({ n: '*' }))[0].n;
    const rows = Number(await count());
    await backend.evaluate();
    expect(Number(await count())).toBe(rows);
    await backend.stop();
    const again = await start(true);
    await again.evaluate();
    expect(Number(await count())).toBe(rows);
    expect([...(await store.getDemoHistoryEntities())].sort()).toEqual(
      [...SCORED_REFS].sort(),
    );
    expect(await store.getFirstRecordedHistoryDay()).toBe(TODAY);
    await again.stop();
  });

  it('builds nothing without itsec.demo.buildHistory, and says nothing of demo', async () => {
    const backend = await start(false);
    await backend.evaluate();
    const res = await backend.get(
      `/portfolio/history?from=2025-09-01&to=${TODAY}`,
      ITSO,
    );
    expect(res.body.points.map((p: any) => p.date)).toEqual([TODAY]);
    expect(res.body.demo).toBeUndefined();
    const civil = await backend.get(
      `/entities/system/default/civil/history?from=2025-09-01&to=${TODAY}`,
      ITSO,
    );
    expect(civil.body.demo).toBeUndefined();
    await backend.stop();
  });

  it('keeps recorded history: demo rows only go before it, and are rebuilt when the catalog grew', async () => {
    const store = new KnexItsecStore(knex);
    await KnexItsecStore.migrateUp(knex);
    await store.writeSummaries([
      {
        scope: 'portfolio',
        day: '2026-09-01',
        entities: 1,
        score: 50,
        counts: '0,0,1,0,0,0',
      },
    ]);
    await store.replaceDemoHistory({
      entities: [
        { entityRef: CIVIL, day: '2026-08-01', score: 10, statuses: 'g' },
      ],
      summaries: [],
    });
    expect(await store.getFirstRecordedHistoryDay()).toBe('2026-09-01');

    const backend = await start(true);
    await backend.evaluate();
    // Only civil had demo history: rebuilt for every entity, before 2026-09-01.
    expect([...(await store.getDemoHistoryEntities())].sort()).toEqual(
      [...SCORED_REFS].sort(),
    );
    const history = await store.getSummaryHistory(
      'portfolio',
      '2025-01-01',
      TODAY,
    );
    expect(history.map(h => [h.day, Boolean(h.demo)])).toEqual([
      ...demoHistoryDays('2026-09-01').map(d => [d, true]),
      ['2026-09-01', false],
      [TODAY, false],
    ]);
    const civil = await store.getEntityHistory([CIVIL], '2025-01-01', TODAY);
    expect(civil.find(h => h.day === '2026-08-01')).toBeUndefined();
    await backend.stop();
  });
});
