import { Knex } from 'knex';
import {
  CatalogOutage,
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { ITSO, OWNER, SIRO } from '../__testUtils__/fixtures';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(120_000);

const attestation = {
  entityRef: 'system:default/civil',
  statementId: 'POL.ITSEC.005',
  evidenceLink: 'https://docs.example/sso',
  statement: 'SSO checked',
};

const exception = {
  entityRef: 'system:default/civil',
  statementId: 'POL.ITSEC.043',
  justification: 'DR test moved to the next quarter',
  compensatingControls: 'Backups restored weekly',
  expiresOn: '2027-06-30',
};

const schedule = { frequency: { hours: 24 }, timeout: { minutes: 5 } };

describe('dates in API bodies', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      itsec: { schedule },
    });
  });
  afterAll(async () => backend?.stop());

  it.each([
    ['2027-13-01', /validUntil: '2027-13-01' is not a calendar date/],
    ['2027-02-30', /validUntil: '2027-02-30' is not a calendar date/],
    ['2026-09-30', /validUntil: must not be in the past/],
    // POL.ITSEC.005 is valid for P12M: 2026-10-01 + 12 months = 2027-10-01.
    ['2027-10-02', /validUntil: at most P12M after today .*2027-10-01/],
  ])(
    'refuses validUntil %s with a 400 naming the field',
    async (date, message) => {
      const res = await backend.post(
        '/attestations',
        { ...attestation, validUntil: date },
        OWNER,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('takes the shorter validity under the OFFICIAL-SENSITIVE caveat', async () => {
    // POL.ITSEC.025: P12M, P6M when sensitive; civil is OFFICIAL-SENSITIVE, prison is not.
    const body = (entityRef: string, validUntil: string) => ({
      ...attestation,
      entityRef,
      statementId: 'POL.ITSEC.025',
      validUntil,
    });
    const sensitive = await backend.post(
      '/attestations',
      body('system:default/civil', '2027-04-02'),
      OWNER,
    );
    expect(sensitive.status).toBe(400);
    expect(sensitive.body.error.message).toMatch(
      /validUntil: at most P6M after today for POL.ITSEC.025 \(OFFICIAL-SENSITIVE\).*2027-04-01/,
    );
    const ok = await backend.post(
      '/attestations',
      body('system:default/civil', '2027-04-01'),
      OWNER,
    );
    expect(ok.status).toBe(201);
    const other = await backend.post(
      '/attestations',
      body('system:default/prison', '2027-10-01'),
      'user:default/sam.stranger',
    );
    expect(other.status).toBe(201);
  });

  it('accepts validUntil up to the end of the validity period', async () => {
    const res = await backend.post(
      '/attestations',
      { ...attestation, validUntil: '2027-10-01' },
      OWNER,
    );
    expect(res.status).toBe(201);
    expect(res.body.validUntil).toBe('2027-10-01');
  });

  it.each([
    ['2027-13-01', /expiresOn: '2027-13-01' is not a calendar date/],
    ['2027-02-30', /expiresOn: '2027-02-30' is not a calendar date/],
    ['2026-10-01', /expiresOn: must be after today/],
    [
      '2027-10-02',
      /expiresOn: .*at most P12M \(itsec.exceptions.maxDuration\).*2027-10-01/,
    ],
    ['2099-12-31', /itsec.exceptions.maxDuration/],
  ])(
    'refuses expiresOn %s with a 400 naming the field',
    async (date, message) => {
      const res = await backend.post(
        '/exceptions',
        { ...exception, expiresOn: date },
        OWNER,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it('accepts expiresOn up to the maximum duration', async () => {
    const res = await backend.post(
      '/exceptions',
      { ...exception, expiresOn: '2027-10-01' },
      OWNER,
    );
    expect(res.status).toBe(201);
  });
});

describe('when re-evaluation or scheduled evaluations fail', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  const outage: CatalogOutage = { failing: false };
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      outage,
      itsec: { schedule },
    });
    await backend.evaluate();
  });
  afterAll(async () => backend?.stop());

  const status005 = async () =>
    (
      await backend.get('/entities/system/default/civil/scorecard', OWNER)
    ).body.evaluation.results.find(
      (r: any) => r.statementId === 'POL.ITSEC.005',
    ).status;

  it('answers 201 with the saved record and says the scorecard will catch up', async () => {
    expect(await status005()).toBe('gap');
    // The catalog fails after the permission check read the entity.
    outage.failing = true;
    outage.methods = ['getEntities'];
    const res = await backend.post('/attestations', attestation, OWNER);
    outage.failing = false;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...attestation,
      attestedBy: OWNER,
      scorecardPending: true,
    });
    const stored = await backend.get(
      '/attestations?entityRef=system:default/civil',
      OWNER,
    );
    expect(stored.body.items.map((a: any) => a.id)).toEqual([res.body.id]);
    expect(await status005()).toBe('gap');
    await backend.evaluate();
    expect(await status005()).toBe('met');

    const ok = await backend.post('/attestations', attestation, OWNER);
    expect(ok.status).toBe(201);
    expect(ok.body).not.toHaveProperty('scorecardPending');
  });

  it('says since when scheduled evaluations fail, until one succeeds', async () => {
    const status = async () => (await backend.get('/status', OWNER)).body;
    expect(await status()).toMatchObject({
      stale: false,
      lastSuccessfulRun: { startedAt: '2026-10-01T09:00:00.000Z' },
      limits: { exceptionMaxDuration: 'P12M' },
    });
    expect(await status()).not.toHaveProperty('failingSince');

    outage.failing = true;
    outage.methods = undefined;
    clock.set('2026-10-02T09:00:00Z');
    await backend.evaluate();
    clock.set('2026-10-03T09:00:00Z');
    await backend.evaluate();
    expect(await status()).toMatchObject({
      stale: true,
      failingSince: '2026-10-02T09:00:00.000Z',
      lastFailureAt: '2026-10-03T09:00:00.000Z',
      failures: 2,
      lastSuccessfulRun: { startedAt: '2026-10-01T09:00:00.000Z' },
    });

    outage.failing = false;
    clock.set('2026-10-04T09:00:00Z');
    await backend.evaluate();
    const recovered = await status();
    expect(recovered).toMatchObject({
      stale: false,
      lastSuccessfulRun: { startedAt: '2026-10-04T09:00:00.000Z' },
    });
    expect(recovered).not.toHaveProperty('failingSince');
  });
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'Idempotency-Key and limits across restarts on %s',
  databaseId => {
    const clock = new FixedClock('2026-10-01T09:00:00Z');
    let knex: Knex;
    let backend: ItsecTestBackend | undefined;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
    });
    afterAll(async () => backend?.stop());

    const start = async (maxDuration: string) => {
      await backend?.stop();
      backend = await startItsecTestBackend({
        clock,
        knex,
        manualTasks: true,
        itsec: { schedule, exceptions: { maxDuration } },
      });
      return backend;
    };

    it('returns the original record for a retry, before and after a restart', async () => {
      let b = await start('P12M');
      const key = { 'Idempotency-Key': 'attest-civil-005-1' };
      const first = await b.post('/attestations', attestation, OWNER, key);
      expect(first.status).toBe(201);
      const retry = await b.post('/attestations', attestation, OWNER, key);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(
        expect.objectContaining({
          id: first.body.id,
          createdAt: first.body.createdAt,
        }),
      );

      const changed = await b.post(
        '/attestations',
        { ...attestation, statement: 'Something else' },
        OWNER,
        key,
      );
      expect(changed.status).toBe(409);
      expect(changed.body.error.message).toMatch(/Idempotency-Key/);

      // The key is the user's own: someone else's request with it is theirs.
      const other = await b.post('/attestations', attestation, ITSO, key);
      expect(other.status).toBe(201);
      expect(other.body.id).not.toBe(first.body.id);

      const exceptionKey = { 'Idempotency-Key': 'exception-civil-043' };
      const requested = await b.post(
        '/exceptions',
        exception,
        OWNER,
        exceptionKey,
      );
      expect(requested.status).toBe(201);

      const bad = await b.post('/attestations', attestation, OWNER, {
        'Idempotency-Key': 'has spaces',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/Idempotency-Key/);

      // A restart with a shorter maximum exception duration.
      b = await start('P3M');
      const afterRestart = await b.post(
        '/attestations',
        attestation,
        OWNER,
        key,
      );
      expect(afterRestart.status).toBe(201);
      expect(afterRestart.body.id).toBe(first.body.id);
      const exceptionRetry = await b.post(
        '/exceptions',
        exception,
        OWNER,
        exceptionKey,
      );
      expect(exceptionRetry.status).toBe(201);
      expect(exceptionRetry.body.id).toBe(requested.body.id);
      const attestations = await b.get(
        '/attestations?entityRef=system:default/civil',
        OWNER,
      );
      expect(attestations.body.items).toHaveLength(2);
      const exceptions = await b.get(
        '/exceptions?entityRef=system:default/civil',
        OWNER,
      );
      expect(exceptions.body.items).toHaveLength(1);

      // The limit is checked again at approval: 2027-06-30 is beyond P3M from today.
      const approve = await b.post(
        `/exceptions/${requested.body.id}/approve`,
        {},
        SIRO,
      );
      expect(approve.status).toBe(400);
      expect(approve.body.error.message).toMatch(
        /expiresOn: 2027-06-30 is beyond the P3M .*itsec.exceptions.maxDuration/,
      );
      const after = await b.get(
        '/exceptions?entityRef=system:default/civil',
        OWNER,
      );
      expect(after.body.items[0].state).toBe('requested');
    });

    it('forgets keys older than a day at the next scheduled evaluation', async () => {
      clock.set('2026-10-01T09:00:00Z');
      const b = await start('P12M');
      const key = { 'Idempotency-Key': 'attest-civil-005-prune' };
      const first = await b.post('/attestations', attestation, OWNER, key);
      expect(first.status).toBe(201);

      clock.set('2026-10-02T08:59:00Z');
      await b.evaluate();
      const kept = await b.post('/attestations', attestation, OWNER, key);
      expect(kept.headers['idempotent-replayed']).toBe('true');
      expect(kept.body.id).toBe(first.body.id);

      clock.set('2026-10-02T09:01:00Z');
      await b.evaluate();
      const fresh = await b.post('/attestations', attestation, OWNER, key);
      expect(fresh.status).toBe(201);
      expect(fresh.headers['idempotent-replayed']).toBeUndefined();
      expect(fresh.body.id).not.toBe(first.body.id);
    });
  },
);
