import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import { ITSO, OWNER, SIRO, STRANGER } from '../__testUtils__/fixtures';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import { MyWorkIndex } from './myWorkIndex';

jest.setTimeout(60_000);

const IAO = 'user:default/thomas.green';

describe('GET /me/scorecards and /me/tasks', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      itsec: {
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      },
    });
    // Wait for the first evaluation.
    for (let i = 0; i < 100; i++) {
      const res = await backend.get('/portfolio', ITSO);
      if (res.body.total > 0) break;
      await new Promise(r => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it("lists the owner group's entities, worst first", async () => {
    const res = await backend.get('/me/scorecards', OWNER);
    expect(res.status).toBe(200);
    const refs = res.body.items.map((i: any) => i.entityRef);
    expect([...refs].sort()).toEqual([
      'component:default/civil-api',
      'component:default/civil-frontend',
      'system:default/civil',
    ]);
    const scores = res.body.items.map((i: any) => i.score ?? 101);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    for (const item of res.body.items) {
      expect(item.relations).toContain('owner');
    }
  });

  it('lists where a person holds a role, and their unacknowledged roles as tasks', async () => {
    const cards = await backend.get('/me/scorecards', IAO);
    expect(cards.status).toBe(200);
    const civil = cards.body.items.find(
      (i: any) => i.entityRef === 'system:default/civil',
    );
    expect(civil.relations).toEqual(['iao']);
    const tasks = await backend.get('/me/tasks', IAO);
    expect(tasks.status).toBe(200);
    expect(tasks.body).toMatchObject({
      asOf: '2026-10-01',
      dueSoonWindow: 'P30D',
    });
    expect(tasks.body.items).toContainEqual(
      expect.objectContaining({
        type: 'acknowledge-role',
        entityRef: 'system:default/civil',
        roles: ['iao'],
        statementId: 'POL.ITSEC.023',
      }),
    );
    // Someone with no role and no team gets nothing.
    const none = await backend.get('/me/scorecards', STRANGER);
    expect(
      none.body.items.every((i: any) => i.relations.includes('owner')),
    ).toBe(true);
  });

  it('gives the approving SIRO a requested exception, not the requester', async () => {
    const created = await backend.post(
      '/exceptions',
      {
        entityRef: 'component:default/civil-api',
        statementId: 'POL.ITSEC.043',
        justification: 'DR test moved to the next quarter',
        compensatingControls: 'Backups restored weekly',
        expiresOn: '2027-03-31',
      },
      OWNER,
    );
    expect(created.status).toBe(201);
    const siro = await backend.get('/me/tasks', SIRO);
    expect(siro.status).toBe(200);
    expect(siro.body.items).toContainEqual(
      expect.objectContaining({
        type: 'decide-exception',
        entityRef: 'component:default/civil-api',
        title: 'Civil API',
        exception: expect.objectContaining({ id: created.body.id }),
      }),
    );
    const owner = await backend.get('/me/tasks', OWNER);
    expect(
      owner.body.items.filter((t: any) => t.type === 'decide-exception'),
    ).toEqual([]);
    const itso = await backend.get('/me/tasks', ITSO);
    expect(
      itso.body.items.filter((t: any) => t.type === 'decide-exception'),
    ).toEqual([]);
  });

  it('refuses a bad window naming the field, and service credentials', async () => {
    const bad = await backend.get('/me/tasks?dueWithin=soon', OWNER);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^dueWithin: /);
    const longer = await backend.get('/me/tasks?dueWithin=P2Y', OWNER);
    expect(longer.status).toBe(400);
    const wider = await backend.get('/me/tasks?dueWithin=P6M', OWNER);
    expect(wider.status).toBe(200);
    expect(wider.body.dueSoonWindow).toBe('P6M');
    const service = await request(backend.server)
      .get('/api/itsec/me/tasks')
      .set('Authorization', mockCredentials.service.header());
    expect([401, 403]).toContain(service.status);
  });
});

describe('the index behind /me', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;
  let warms: jest.SpyInstance;
  let builds: jest.SpyInstance;
  let adoptions: jest.SpyInstance;
  /** Indexes made: read back from the store, or from an evaluation's results. */
  const indexes = () => builds.mock.calls.length + adoptions.mock.calls.length;
  /** Until every background build started so far has finished. */
  const warmed = () => Promise.allSettled(warms.mock.results.map(r => r.value));

  beforeAll(async () => {
    warms = jest.spyOn(MyWorkIndex.prototype, 'warm');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    builds = jest.spyOn(MyWorkIndex.prototype as any, 'build');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    adoptions = jest.spyOn(MyWorkIndex.prototype as any, 'fromEvaluated');
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      itsec: {
        // Not run at start-up: only by evaluate().
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 5 },
          initialDelay: { hours: 1 },
        },
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    warms.mockRestore();
    builds.mockRestore();
    adoptions.mockRestore();
  });

  it('is built at start-up and after each evaluation that changed results, not per request', async () => {
    await warmed();
    expect(indexes()).toBe(1);

    await backend.evaluate();
    // Concurrent first requests after the evaluation share its build.
    const answers = await Promise.all(
      [OWNER, OWNER, IAO].map(who => backend.get('/me/scorecards', who)),
    );
    await warmed();
    expect(indexes()).toBe(2);
    expect(answers[0].body.items.map((i: any) => i.entityRef).sort()).toEqual([
      'component:default/civil-api',
      'component:default/civil-frontend',
      'system:default/civil',
    ]);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[2].body.items.map((i: any) => i.entityRef)).toContain(
      'system:default/civil',
    );

    for (let i = 0; i < 3; i++)
      expect((await backend.get('/me/tasks', OWNER)).status).toBe(200);
    // An evaluation that changes no result keeps the index.
    await backend.evaluate();
    await warmed();
    expect(indexes()).toBe(2);

    // A year on, evidence has lapsed: new results, one new index, made from
    // the evaluation's results without reading every profile back.
    const readBack = builds.mock.calls.length;
    clock.advanceDays(400);
    await backend.evaluate();
    await warmed();
    await backend.get('/me/scorecards', OWNER);
    expect(indexes()).toBe(3);
    expect(builds.mock.calls.length).toBe(readBack);
  });
});
