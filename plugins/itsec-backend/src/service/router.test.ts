import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ITSO,
  OWNER,
  SCORED_REFS,
  SIRO,
  STRANGER,
  OTHER_SIRO,
} from '../__testUtils__/fixtures';
import { as, startItsecTestBackend } from '../__testUtils__/backend';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(60_000);

describe('itsec router', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startItsecTestBackend({
      clock,
      itsec: {
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      },
    });
    server = backend.server;
    stop = backend.stop;
  });

  afterAll(async () => {
    await stop?.();
  });

  it('serves the policy', async () => {
    const res = await request(server)
      .get('/api/itsec/policy')
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.statements).toHaveLength(47);
  });

  it('evaluated every scored entity on startup', async () => {
    const res = await request(server)
      .get('/api/itsec/portfolio?limit=100')
      .set('Authorization', as(STRANGER));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(SCORED_REFS.length);
    expect(res.body.items.map((r: any) => r.entityRef).sort()).toEqual(
      [...SCORED_REFS].sort(),
    );
  });

  it('serves one scorecard, 404 for unknown entities', async () => {
    const res = await request(server)
      .get('/api/itsec/entities/component/default/civil-api/scorecard')
      .set('Authorization', as(STRANGER));
    expect(res.status).toBe(200);
    expect(res.body.system).toBe('system:default/civil');
    expect(res.body.domain).toBe('domain:default/hmcts');
    expect(res.body.evaluation.asOf).toBe('2026-10-01');
    const missing = await request(server)
      .get('/api/itsec/entities/component/default/nope/scorecard')
      .set('Authorization', as(STRANGER));
    expect(missing.status).toBe(404);
  });

  it('rejects a request without credentials with 401', async () => {
    const res = await request(server)
      .get('/api/itsec/portfolio')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('rejects bad queries with 400 naming the field', async () => {
    const bad = await request(server)
      .get('/api/itsec/portfolio?limit=abc')
      .set('Authorization', as(OWNER));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit/);
    const status = await request(server)
      .get('/api/itsec/portfolio?status=broken')
      .set('Authorization', as(OWNER));
    expect(status.status).toBe(400);
    expect(status.body.error.message).toMatch(/status/);
  });

  it('lets the owner attest, refuses a stranger with 403 and audits it', async () => {
    const body = {
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.005',
      evidenceLink: 'https://docs.example/civil/sso',
      statement: 'SSO via Entra ID checked',
    };
    const denied = await request(server)
      .post('/api/itsec/attestations')
      .set('Authorization', as(STRANGER))
      .send(body);
    expect(denied.status).toBe(403);
    const ok = await request(server)
      .post('/api/itsec/attestations')
      .set('Authorization', as(OWNER))
      .send(body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      attestedBy: OWNER,
      attestedOn: '2026-10-01',
      validUntil: '2027-10-01',
    });
    const audit = await request(server)
      .get('/api/itsec/audit?entityRef=system:default/civil')
      .set('Authorization', as(ITSO));
    expect(audit.body.error?.message).toBeUndefined();
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: any) => [e.actor, e.outcome])).toEqual([
      [OWNER, 'allowed'],
      [STRANGER, 'denied'],
    ]);
    const list = await request(server)
      .get('/api/itsec/attestations?entityRef=system:default/civil')
      .set('Authorization', as(STRANGER));
    expect(list.body.items).toHaveLength(1);
  });

  it('keeps the audit log for the ITSO', async () => {
    const res = await request(server)
      .get('/api/itsec/audit')
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(403);
  });

  it('lets only the business-group SIRO approve an exception', async () => {
    const created = await request(server)
      .post('/api/itsec/exceptions')
      .set('Authorization', as(OWNER))
      .send({
        entityRef: 'component:default/civil-api',
        statementId: 'POL.ITSEC.043',
        justification: 'Replatforming',
        compensatingControls: 'Daily backups',
        expiresOn: '2027-01-31',
      });
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const who of [OWNER, ITSO, OTHER_SIRO]) {
      const res = await request(server)
        .post(`/api/itsec/exceptions/${id}/approve`)
        .set('Authorization', as(who))
        .send({});
      expect(res.status).toBe(403);
    }
    const ok = await request(server)
      .post(`/api/itsec/exceptions/${id}/approve`)
      .set('Authorization', as(SIRO))
      .send({ comment: 'ok until replatformed' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'approved', decidedBy: SIRO });
    const again = await request(server)
      .post(`/api/itsec/exceptions/${id}/approve`)
      .set('Authorization', as(SIRO))
      .send({});
    expect(again.status).toBe(409);
    const card = await request(server)
      .get('/api/itsec/entities/component/default/civil-api/scorecard')
      .set('Authorization', as(OWNER));
    const r043 = card.body.evaluation.results.find(
      (r: any) => r.statementId === 'POL.ITSEC.043',
    );
    expect(r043.status).toBe('excepted');
  });
});
