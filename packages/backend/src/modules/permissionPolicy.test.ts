import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import {
  policyQueryUser,
  testPeople,
  testPeopleMemberships,
} from '@internal/plugin-itsec-node/testUtils';
import {
  createPortalPermissionPolicy,
  itsecPermissionPolicyModule,
} from './permissionPolicy';

/*
 * The portal's own part of its policy: the catalog's and the scaffolder's
 * writes (`otherWrites`). What ItsecPermissionPolicy decides itself (no
 * signed-in user, reads, the itsec permissions) is tested in
 * @internal/plugin-itsec-node.
 */

const { owner: OWNER, stranger: STRANGER, itso: ITSO } = testPeople;

const policy = createPortalPermissionPolicy(
  new ConfigReader({ itsec: { itsoGroup: 'group:default/itso' } }),
);

const user = (ref: string) =>
  policyQueryUser(ref, testPeopleMemberships, mockCredentials.user(ref));

describe('the portal permission policy', () => {
  it('limits catalog location writes to the ITSO group', async () => {
    const asItso = await policy.handle(
      { permission: catalogLocationCreatePermission },
      user(ITSO),
    );
    const asOwner = await policy.handle(
      { permission: catalogLocationCreatePermission },
      user(OWNER),
    );
    expect(asItso.result).toBe(AuthorizeResult.ALLOW);
    expect(asOwner.result).toBe(AuthorizeResult.DENY);
  });

  it('makes entity writes conditional on ownership for non-ITSO users', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      user(STRANGER),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: [STRANGER, 'group:default/team-b'] },
      },
    });
  });

  it('denies writes it does not know', async () => {
    const decision = await policy.handle(
      {
        permission: {
          type: 'basic',
          name: 'kubernetes.proxy',
          attributes: {},
        },
      },
      user(OWNER),
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('lets every signed-in user run a template, and only the ITSO group dry-run or manage templates', async () => {
    const decide = async (name: string, ref: string) =>
      (
        await policy.handle(
          {
            permission: {
              type: 'basic',
              name,
              attributes:
                name === 'scaffolder.task.create' ? { action: 'create' } : {},
            },
          },
          user(ref),
        )
      ).result;
    for (const name of ['scaffolder.task.create', 'scaffolder.task.cancel']) {
      expect(await decide(name, STRANGER)).toBe(AuthorizeResult.ALLOW);
    }
    for (const name of [
      'scaffolder.template.dry-run',
      'scaffolder.template.management',
    ]) {
      expect(await decide(name, OWNER)).toBe(AuthorizeResult.DENY);
      expect(await decide(name, ITSO)).toBe(AuthorizeResult.ALLOW);
    }
  });
});

describe('the policy with the catalog applying its conditions', () => {
  const entityOwnedByTeamA: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'owned-by-team-a', namespace: 'default' },
    spec: { owner: 'group:default/team-a' },
    relations: [{ type: RELATION_OWNED_BY, targetRef: 'group:default/team-a' }],
  };

  async function mayDelete(ref: string): Promise<boolean> {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      user(ref),
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    const condition = decision.conditions;
    if (!('rule' in condition)) {
      throw new Error('expected a single ownership condition');
    }
    expect(condition.rule).toBe(permissionRules.isEntityOwner.name);
    return permissionRules.isEntityOwner.apply(
      entityOwnedByTeamA,
      condition.params as { claims: string[] },
    );
  }

  it('lets the owner group and the ITSO write, and refuses a stranger', async () => {
    await expect(mayDelete(OWNER)).resolves.toBe(true);
    await expect(mayDelete(ITSO)).resolves.toBe(true);
    await expect(mayDelete(STRANGER)).resolves.toBe(false);
  });
});

describe('itsecPermissionPolicyModule', () => {
  it('installs the policy in the permission backend', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        itsecPermissionPolicyModule,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(OWNER))
      .send({
        items: [
          { id: '1', permission: catalogLocationCreatePermission },
          {
            id: '2',
            permission: {
              type: 'basic',
              name: 'catalog.entity.read.list',
              attributes: { action: 'read' },
            },
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: '1', result: AuthorizeResult.DENY },
      { id: '2', result: AuthorizeResult.ALLOW },
    ]);
  });
});
