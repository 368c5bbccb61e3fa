import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import itsecPlugin from '@internal/plugin-itsec-backend';
import {
  FixedClock,
  fixedClockFactory,
  policyPermissionsFactory,
  userInfoFactory,
} from '@internal/plugin-itsec-node/testUtils';
import request from 'supertest';
import { createPortalPermissionPolicy } from './permissionPolicy';

/*
 * The portal policy through the itsec backend: the permissions service runs
 * the policy in-process (as the permission backend would) and the plugin
 * applies the conditional decisions to the entity for real. The policy's
 * decisions one by one are tested in @internal/plugin-itsec-node.
 */

const OWNER = 'user:default/olivia.owner';
const STRANGER = 'user:default/sam.stranger';
const ITSO = 'user:default/ida.itso';
const SIRO = 'user:default/sarah.whitfield';
const IAO = 'user:default/thomas.green';

const memberships: Record<string, string[]> = {
  [IAO]: ['group:default/hmcts-business'],
  [OWNER]: ['group:default/team-a'],
  [STRANGER]: ['group:default/team-b'],
  [ITSO]: ['group:default/itso'],
  [SIRO]: ['group:default/hmcts-digital'],
};

const policy = createPortalPermissionPolicy(
  new ConfigReader({ itsec: { itsoGroup: 'group:default/itso' } }),
);

function entity(
  kind: string,
  name: string,
  spec: Record<string, string>,
  annotations = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
    relations: [{ type: 'ownedBy', targetRef: spec.owner }],
  };
}

describe('the portal policy through the itsec backend', () => {
  jest.setTimeout(60_000);
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        itsecPlugin,
        catalogServiceMock.factory({
          entities: [
            entity(
              'Domain',
              'hmcts',
              { owner: 'group:default/hmcts-digital' },
              {
                'itsec.justice.gov.uk/role-business-siro': SIRO,
              },
            ),
            entity(
              'System',
              'civil',
              { owner: 'group:default/team-a', domain: 'hmcts' },
              { 'itsec.justice.gov.uk/role-iao': IAO },
            ),
          ],
        }),
        fixedClockFactory(new FixedClock('2026-10-01T09:00:00Z')),
        userInfoFactory(memberships),
        policyPermissionsFactory(policy, memberships),
        mockServices.rootConfig.factory({
          data: { itsec: { itsoGroup: 'group:default/itso' } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => stop?.());

  const as = (ref: string) => mockCredentials.user.header(ref);
  const attestation = {
    entityRef: 'system:default/civil',
    statementId: 'POL.ITSEC.024',
    evidenceLink: 'https://docs.example/civil/access-review',
    statement: 'Joiner/mover/leaver process checked',
  };

  it('lets the owner and the ITSO attest, refuses a stranger and the SIRO', async () => {
    const post = (ref: string) =>
      request(server)
        .post('/api/itsec/attestations')
        .set('Authorization', as(ref))
        .send(attestation);
    expect((await post(OWNER)).status).toBe(201);
    expect((await post(ITSO)).status).toBe(201);
    expect((await post(STRANGER)).status).toBe(403);
    expect((await post(SIRO)).status).toBe(403);
  });

  it('refuses writes with service credentials, which the framework allows', async () => {
    const res = await request(server)
      .post('/api/itsec/attestations')
      .set('Authorization', mockCredentials.service.header())
      .send(attestation);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/on behalf of a person/);
    const read = await request(server)
      .get('/api/itsec/portfolio')
      .set('Authorization', mockCredentials.service.header());
    expect(read.status).toBe(200);
  });

  it("lets only the Domain's SIRO approve an exception, and the ITSO revoke it", async () => {
    const created = await request(server)
      .post('/api/itsec/exceptions')
      .set('Authorization', as(OWNER))
      .send({
        entityRef: 'system:default/civil',
        statementId: 'POL.ITSEC.043',
        justification: 'DR test moved to Q1',
        compensatingControls: 'Backups restored weekly',
        expiresOn: '2027-03-31',
      });
    expect(created.status).toBe(201);
    const decide = (ref: string) =>
      request(server)
        .post(`/api/itsec/exceptions/${created.body.id}/approve`)
        .set('Authorization', as(ref))
        .send({});
    expect((await decide(OWNER)).status).toBe(403);
    expect((await decide(ITSO)).status).toBe(403);
    expect((await decide(STRANGER)).status).toBe(403);
    expect((await decide(SIRO)).status).toBe(200);
    const revoke = await request(server)
      .post(`/api/itsec/exceptions/${created.body.id}/revoke`)
      .set('Authorization', as(ITSO))
      .send({ comment: 'DR test done' });
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({ state: 'revoked', decidedBy: ITSO });
  });

  it("lets only role holders acknowledge their role, and counts each holder's own", async () => {
    const acknowledge = (ref: string) =>
      request(server)
        .post('/api/itsec/attestations')
        .set('Authorization', as(ref))
        .send({
          entityRef: 'system:default/civil',
          statementId: 'POL.ITSEC.023',
          evidenceLink: 'https://docs.example/security-roles',
          statement: 'I have read and accept the responsibilities of my role',
        });
    const acknowledgement = async () => {
      const card = await request(server)
        .get('/api/itsec/entities/system/default/civil/scorecard')
        .set('Authorization', as(OWNER));
      return card.body.evaluation.results.find(
        (r: any) => r.statementId === 'POL.ITSEC.023',
      );
    };
    expect((await acknowledge(OWNER)).status).toBe(403);
    expect((await acknowledge(ITSO)).status).toBe(403);
    expect((await acknowledge(SIRO)).status).toBe(201);
    expect(await acknowledgement()).toMatchObject({
      status: 'gap',
      message: `Not acknowledged by ${IAO}`,
    });
    expect((await acknowledge(IAO)).status).toBe(201);
    expect(await acknowledgement()).toMatchObject({
      status: 'met',
      message:
        'All 2 role holders acknowledged their roles; next renewal due 2027-10-01',
    });
  });

  it('shows the audit log, with every denied attempt, to the ITSO only', async () => {
    expect(
      (
        await request(server)
          .get('/api/itsec/audit')
          .set('Authorization', as(OWNER))
      ).status,
    ).toBe(403);
    const res = await request(server)
      .get('/api/itsec/audit?limit=100')
      .set('Authorization', as(ITSO));
    expect(res.status).toBe(200);
    const denied = res.body.items.filter((e: any) => e.outcome === 'denied');
    expect(denied.map((e: any) => `${e.actor} ${e.action}`).sort()).toEqual(
      [
        `${ITSO} exception.approve`,
        `${ITSO} role.acknowledge`,
        `external:test-service attestation.create`,
        `${OWNER} exception.approve`,
        `${OWNER} role.acknowledge`,
        `${SIRO} attestation.create`,
        `${STRANGER} attestation.create`,
        `${STRANGER} exception.approve`,
      ].sort(),
    );
  });

  it('lets every signed-in user read the portfolio', async () => {
    for (const ref of [OWNER, STRANGER, ITSO, SIRO]) {
      const res = await request(server)
        .get('/api/itsec/portfolio/summary')
        .set('Authorization', as(ref));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
    }
  });
});
