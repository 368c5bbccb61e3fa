import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import {
  ITSO,
  OTHER_SIRO,
  OWNER,
  SIRO,
  STRANGER,
  TEAM_SIRO,
  entity,
  fixtureEntities,
} from '../__testUtils__/fixtures';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(60_000);

const COMPONENT_SIRO = 'user:default/carl.component';
const A = 'itsec.justice.gov.uk/';

/**
 * The fixture portfolio, with: a SIRO named on the civil-api Component; the
 * HMPPS domain without a SIRO and its prison System naming one (who never
 * approves: a System is the team's own file); a labs domain whose SIRO is the
 * ITSO; a domain whose SIRO is in the owner group team-a.
 */
function entities(): Entity[] {
  return fixtureEntities()
    .map((e): Entity => {
      const annotations = { ...e.metadata.annotations };
      if (e.metadata.name === 'civil-api') {
        annotations[`${A}role-business-siro`] = COMPONENT_SIRO;
      }
      if (e.metadata.name === 'hmpps') {
        delete annotations[`${A}role-business-siro`];
      }
      if (e.metadata.name === 'prison') {
        annotations[`${A}role-business-siro`] = OTHER_SIRO;
      }
      return { ...e, metadata: { ...e.metadata, annotations } };
    })
    .concat([
      entity(
        'Domain',
        'labs',
        { owner: 'group:default/itso' },
        { 'role-business-siro': ITSO },
      ),
      entity('System', 'sandbox', {
        owner: 'group:default/team-b',
        domain: 'labs',
      }),
      entity(
        'Domain',
        'ledgers',
        { owner: 'group:default/team-a' },
        { 'role-business-siro': TEAM_SIRO },
      ),
      entity('System', 'ledger', {
        owner: 'group:default/team-a',
        domain: 'ledgers',
      }),
    ]);
}

describe('exception decisions: separation of duties and the approving SIRO', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;
  const exception = (entityRef: string) => ({
    entityRef,
    statementId: 'POL.ITSEC.043',
    justification: 'DR test moved to the next quarter',
    compensatingControls: 'Backups restored weekly',
    expiresOn: '2027-03-31',
  });
  const requestBy = async (who: string, entityRef: string) => {
    const res = await backend.post('/exceptions', exception(entityRef), who);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const decide = (id: string, decision: string, who: string) =>
    backend.post(`/exceptions/${id}/${decision}`, { comment: 'noted' }, who);
  const stateOf = async (id: string) =>
    (await backend.get('/exceptions', ITSO)).body.items.find(
      (x: any) => x.id === id,
    ).state;
  const deniedAudit = async (actor: string, action: string) =>
    (
      await backend.get(
        `/audit?actor=${encodeURIComponent(
          actor,
        )}&action=${action}&outcome=denied`,
        ITSO,
      )
    ).body.items;

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      entities: entities(),
      itsec: {
        schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
      },
    });
  });

  afterAll(async () => backend?.stop());

  it('never lets the requester approve or reject their own request', async () => {
    // The ITSO is the labs domain's SIRO and may request anywhere.
    const id = await requestBy(ITSO, 'system:default/sandbox');
    for (const decision of ['approve', 'reject']) {
      const res = await decide(id, decision, ITSO);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /requested .* someone else decides/,
      );
    }
    expect(await stateOf(id)).toBe('requested');
    expect(await deniedAudit(ITSO, 'exception.approve')).toEqual([
      expect.objectContaining({
        subjectId: id,
        entityRef: 'system:default/sandbox',
      }),
    ]);
  });

  it('never lets the requester revoke their own exception, though the ITSO revokes any other', async () => {
    const own = await requestBy(ITSO, 'system:default/civil');
    expect((await decide(own, 'approve', SIRO)).status).toBe(200);
    expect((await decide(own, 'revoke', ITSO)).status).toBe(403);
    expect(await stateOf(own)).toBe('approved');

    const theirs = await requestBy(OWNER, 'system:default/civil');
    expect((await decide(theirs, 'approve', SIRO)).status).toBe(200);
    expect((await decide(theirs, 'revoke', OWNER)).status).toBe(403);
    expect((await decide(theirs, 'revoke', STRANGER)).status).toBe(403);
    const revoked = await decide(theirs, 'revoke', ITSO);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', decidedBy: ITSO });

    // The SIRO may revoke too; the ITSO still never approves.
    const third = await requestBy(OWNER, 'system:default/civil');
    expect((await decide(third, 'approve', ITSO)).status).toBe(403);
    expect((await decide(third, 'approve', SIRO)).status).toBe(200);
    expect((await decide(third, 'revoke', SIRO)).status).toBe(200);
  });

  it("refuses approval by a member of the entity's owner group, even its SIRO", async () => {
    const id = await requestBy(OWNER, 'system:default/ledger');
    const res = await decide(id, 'approve', TEAM_SIRO);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/member of group:default\/team-a/);
    expect(await stateOf(id)).toBe('requested');
  });

  it('never lets a SIRO named on a Component approve; the Domain SIRO does', async () => {
    const id = await requestBy(OWNER, 'component:default/civil-api');
    expect((await decide(id, 'approve', COMPONENT_SIRO)).status).toBe(403);
    expect(await stateOf(id)).toBe('requested');
    expect((await decide(id, 'approve', SIRO)).status).toBe(200);
  });

  it("never takes the System's SIRO: with no Domain naming one, nobody decides", async () => {
    const id = await requestBy(STRANGER, 'system:default/prison');
    for (const who of [OTHER_SIRO, SIRO, ITSO]) {
      for (const decision of ['approve', 'reject']) {
        const res = await decide(id, decision, who);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `No business-group SIRO (role-business-siro) is declared on the Domain of system:default/prison, so nobody may ${decision} its exceptions until its Domain names one`,
        );
      }
    }
    expect(await stateOf(id)).toBe('requested');
    expect(await deniedAudit(OTHER_SIRO, 'exception.approve')).toEqual([
      expect.objectContaining({
        subjectId: id,
        entityRef: 'system:default/prison',
      }),
    ]);
  });

  it('refuses every write made with service credentials, audited, and lets services read', async () => {
    const service = mockCredentials.service.header();
    const post = (path: string, body: object) =>
      request(backend.server)
        .post(`/api/itsec${path}`)
        .set('Authorization', service)
        .send(body);
    const pending = await requestBy(OWNER, 'system:default/civil');
    const before = (await backend.get('/exceptions', ITSO)).body.items;
    const writes: Array<[string, object]> = [
      [
        '/attestations',
        {
          entityRef: 'system:default/civil',
          statementId: 'POL.ITSEC.005',
          evidenceLink: 'https://docs.example/sso',
          statement: 'SSO checked',
        },
      ],
      ['/exceptions', exception('system:default/civil')],
      [`/exceptions/${pending}/approve`, {}],
      [`/exceptions/${pending}/reject`, { comment: 'no' }],
      ['/entities/system/default/civil/refresh', {}],
    ];
    for (const [path, body] of writes) {
      const res = await post(path, body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/on behalf of a person/);
    }
    expect((await backend.get('/exceptions', ITSO)).body.items).toEqual(before);
    expect(
      (await backend.get('/attestations?entityRef=system:default/civil', ITSO))
        .body.items,
    ).toEqual([]);
    const audit = (
      await backend.get('/audit?actor=external:test-service&limit=100', ITSO)
    ).body.items;
    expect(audit.map((e: any) => e.action).sort()).toEqual(
      [
        'attestation.create',
        'entity.refresh',
        'exception.approve',
        'exception.reject',
        'exception.request',
      ].sort(),
    );
    for (const path of ['/portfolio', '/exceptions', '/policy']) {
      const res = await request(backend.server)
        .get(`/api/itsec${path}`)
        .set('Authorization', service);
      expect(res.status).toBe(200);
    }
  });

  it('coalesces repeated denied attempts into one audit entry with a count', async () => {
    const body = (n: number) => ({
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.005',
      evidenceLink: `https://docs.example/try-${n}`,
      statement: 'SSO checked',
    });
    for (let n = 1; n <= 25; n++) {
      clock.set(`2026-10-01T11:${String(n).padStart(2, '0')}:00Z`);
      expect(
        (await backend.post('/attestations', body(n), STRANGER)).status,
      ).toBe(403);
    }
    const entries = await deniedAudit(STRANGER, 'attestation.create');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      at: '2026-10-01T11:01:00.000Z',
      after: { evidenceLink: 'https://docs.example/try-1' },
      attempts: 25,
      lastAt: '2026-10-01T11:25:00.000Z',
      lastAttempt: { evidenceLink: 'https://docs.example/try-25' },
    });
    // The next hour starts a new entry: a long flood is one entry per hour.
    clock.set('2026-10-01T12:00:00Z');
    await backend.post('/attestations', body(26), STRANGER);
    expect(await deniedAudit(STRANGER, 'attestation.create')).toHaveLength(2);
    clock.set('2026-10-01T09:00:00Z');
  });
});
