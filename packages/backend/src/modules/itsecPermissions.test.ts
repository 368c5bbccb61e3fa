import {
  BackstageCredentials,
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import itsecPlugin, {
  FixedClock,
  ItsecEntityResource,
  fixedClockFactory,
  itsecPermissionRules,
} from '@internal/plugin-itsec-backend';
import {
  emptySecurityProfile,
  itsecAttestationCreatePermission,
  itsecAuditReadPermission,
  itsecEntityRefreshPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRequestPermission,
  itsecExceptionRevokePermission,
  itsecPortfolioReadPermission,
  itsecRoleAcknowledgePermission,
} from '@internal/plugin-itsec-common';
import request from 'supertest';
import { ItsecPermissionPolicy } from './permissionPolicy';

const OWNER = 'user:default/olivia.owner';
const STRANGER = 'user:default/sam.stranger';
const ITSO = 'user:default/ida.itso';
const SIRO = 'user:default/sarah.whitfield';
const IAO = 'user:default/thomas.green';
/** A business-group SIRO who is also in team-a, the owner group of civil. */
const TEAM_SIRO = 'user:default/tess.teamsiro';

const memberships: Record<string, string[]> = {
  [IAO]: ['group:default/hmcts-business'],
  [OWNER]: ['group:default/team-a'],
  [STRANGER]: ['group:default/team-b'],
  [ITSO]: ['group:default/itso'],
  [SIRO]: ['group:default/hmcts-digital'],
  [TEAM_SIRO]: ['group:default/team-a'],
};

const policy = new ItsecPermissionPolicy({ itsoGroup: 'group:default/itso' });

function user(ref: string): PolicyQueryUser {
  const ownershipEntityRefs = [ref, ...memberships[ref]];
  return {
    identity: { type: 'user', userEntityRef: ref, ownershipEntityRefs },
    token: 'token',
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs },
  } as PolicyQueryUser;
}

const siroOf = (ref: string, from?: string) => ({
  'business-siro': [
    {
      ref,
      source: from ? { inherited: true, from } : { inherited: false },
    },
  ],
});

/** An itsec resource owned by team-a, with the given lineage of declared SIROs. */
function resource(
  entityRef: string,
  lineage: Array<[string, string | undefined]>,
): ItsecEntityResource {
  const profile = emptySecurityProfile(entityRef);
  return {
    entityRef,
    owner: 'group:default/team-a',
    profile,
    lineage: lineage.map(([ref, siro]) => ({
      entityRef: ref,
      kind: ref.split(':')[0],
      roles: siro ? siroOf(siro) : {},
    })),
  };
}

/** The civil system: owned by team-a, its business-group SIRO declared on its domain. */
const civil: ItsecEntityResource = {
  ...resource('system:default/civil', [
    ['system:default/civil', undefined],
    ['domain:default/hmcts', SIRO],
  ]),
  profile: {
    ...emptySecurityProfile('system:default/civil'),
    roles: siroOf(SIRO, 'domain:default/hmcts'),
  },
};

/** Applies conditional criteria (rules, allOf, anyOf, not) to a resource. */
function applies(
  criteria: PermissionCriteria<PermissionCondition>,
  target: ItsecEntityResource,
): boolean {
  if ('allOf' in criteria) return criteria.allOf.every(c => applies(c, target));
  if ('anyOf' in criteria) return criteria.anyOf.some(c => applies(c, target));
  if ('not' in criteria) return !applies(criteria.not, target);
  const rule = Object.values(itsecPermissionRules).find(
    r => r.name === criteria.rule,
  )!;
  return rule.apply(target, criteria.params as any);
}

/** Runs the policy and, for a conditional decision, applies the itsec rules to `target`. */
async function allowed(
  permission: any,
  ref: string,
  target: ItsecEntityResource = civil,
): Promise<boolean> {
  const decision = await policy.handle({ permission }, user(ref));
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  expect(decision.pluginId).toBe('itsec');
  expect(decision.resourceType).toBe('itsec-entity');
  return applies(decision.conditions, target);
}

describe('ItsecPermissionPolicy for itsec permissions', () => {
  it.each([
    // permission, owner, stranger, ITSO, SIRO
    [itsecPortfolioReadPermission, true, true, true, true],
    [itsecAuditReadPermission, false, false, true, false],
    [itsecAttestationCreatePermission, true, false, true, false],
    [itsecExceptionRequestPermission, true, false, true, false],
    [itsecEntityRefreshPermission, true, false, true, false],
    [itsecExceptionApprovePermission, false, false, false, true],
    [itsecExceptionRevokePermission, false, false, true, true],
    [itsecRoleAcknowledgePermission, false, false, false, true],
  ])(
    '%s: owner %s, stranger %s, ITSO %s, SIRO %s',
    async (permission, o, s, i, r) => {
      await expect(allowed(permission, OWNER)).resolves.toBe(o);
      await expect(allowed(permission, STRANGER)).resolves.toBe(s);
      await expect(allowed(permission, ITSO)).resolves.toBe(i);
      await expect(allowed(permission, SIRO)).resolves.toBe(r);
    },
  );

  it("approves only as the SIRO declared on the entity's Domain, else its System", async () => {
    const onDomain = resource('component:default/api', [
      ['component:default/api', TEAM_SIRO],
      ['system:default/civil', STRANGER],
      ['domain:default/hmcts', SIRO],
    ]);
    expect(await allowed(itsecExceptionApprovePermission, SIRO, onDomain)).toBe(
      true,
    );
    // Neither the System's SIRO when the Domain names one, nor a Component's.
    expect(
      await allowed(itsecExceptionApprovePermission, STRANGER, onDomain),
    ).toBe(false);
    const onComponentOnly = resource('component:default/api', [
      ['component:default/api', STRANGER],
      ['system:default/civil', undefined],
    ]);
    expect(
      await allowed(itsecExceptionApprovePermission, STRANGER, onComponentOnly),
    ).toBe(false);
    expect(
      await allowed(itsecExceptionRevokePermission, STRANGER, onComponentOnly),
    ).toBe(false);
    const onSystem = resource('system:default/prison', [
      ['system:default/prison', STRANGER],
      ['domain:default/hmpps', undefined],
    ]);
    expect(
      await allowed(itsecExceptionApprovePermission, STRANGER, onSystem),
    ).toBe(true);
  });

  it('never lets a member of the owner group approve, even as the SIRO', async () => {
    const ledger = resource('system:default/ledger', [
      ['system:default/ledger', undefined],
      ['domain:default/ledgers', TEAM_SIRO],
    ]);
    expect(
      await allowed(itsecExceptionApprovePermission, TEAM_SIRO, ledger),
    ).toBe(false);
    // Revoking reduces risk: the SIRO may, owner group or not.
    expect(
      await allowed(itsecExceptionRevokePermission, TEAM_SIRO, ledger),
    ).toBe(true);
  });

  it('denies every itsec permission without a signed-in user', async () => {
    const decision = await policy.handle({
      permission: itsecPortfolioReadPermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});

// ---------------------------------------------------------------------------
// The policy through the itsec backend: the permissions service runs the
// portal policy in-process (as the permission backend would) and the plugin
// applies the conditional decisions to the entity for real.

function policyPermissions() {
  const userOf = (credentials: BackstageCredentials) => {
    const p = credentials.principal as { type: string; userEntityRef?: string };
    return p.type === 'user' && p.userEntityRef
      ? user(p.userEntityRef)
      : undefined;
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      // Like Backstage's permission service: service principals are allowed
      // without asking the policy.
      async authorize(requests, options) {
        if (
          (options.credentials.principal as { type: string }).type === 'service'
        ) {
          return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
        }
        return Promise.all(
          requests.map(async r => {
            const d = await policy.handle(
              { permission: r.permission } as any,
              userOf(options.credentials),
            );
            if (d.result === AuthorizeResult.CONDITIONAL) {
              throw new Error('conditional decision for authorize()');
            }
            return { result: d.result };
          }),
        );
      },
      async authorizeConditional(queries, options) {
        if (
          (options.credentials.principal as { type: string }).type === 'service'
        ) {
          return queries.map(() => ({ result: AuthorizeResult.ALLOW }));
        }
        return Promise.all(
          queries.map(q =>
            policy.handle(
              { permission: q.permission },
              userOf(options.credentials),
            ),
          ),
        );
      },
    }),
  });
}

function userInfo() {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: BackstageCredentials) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(memberships[ref] ?? [])],
        };
      },
    }),
  });
}

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
        userInfo(),
        policyPermissions(),
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
