import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { mockServices } from '@backstage/backend-test-utils';
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
import {
  policyQueryUser,
  testPeople,
  testPeopleMemberships,
} from '../testUtils';
import { ItsecPermissionPolicy } from './ItsecPermissionPolicy';
import { ItsecEntityResource, itsecPermissionRules } from './rules';

const {
  owner: OWNER,
  stranger: STRANGER,
  itso: ITSO,
  siro: SIRO,
  teamSiro: TEAM_SIRO,
} = testPeople;

const policy = new ItsecPermissionPolicy({ itsoGroup: 'group:default/itso' });

const user = (ref: string) => policyQueryUser(ref, testPeopleMemberships);

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

/** Permissions of other plugins: a write the policy hands to otherWrites, a read. */
const write = {
  type: 'basic' as const,
  name: 'scaffolder.task.create',
  attributes: { action: 'create' as const },
};
const read = {
  type: 'basic' as const,
  name: 'catalog.entity.read.list',
  attributes: { action: 'read' as const },
};

describe('ItsecPermissionPolicy for itsec permissions', () => {
  it.each(
    (
      [
        // permission, owner, stranger, ITSO, SIRO
        [itsecPortfolioReadPermission, true, true, true, true],
        [itsecAuditReadPermission, false, false, true, false],
        [itsecAttestationCreatePermission, true, false, true, false],
        [itsecExceptionRequestPermission, true, false, true, false],
        [itsecEntityRefreshPermission, true, false, true, false],
        [itsecExceptionApprovePermission, false, false, false, true],
        [itsecExceptionRevokePermission, false, false, true, true],
        [itsecRoleAcknowledgePermission, false, false, false, true],
      ] as const
    ).map(([permission, ...who]) => [permission.name, ...who, permission]),
  )(
    '%s: owner %s, stranger %s, ITSO %s, SIRO %s',
    async (_name, o, s, i, r, permission) => {
      await expect(allowed(permission, OWNER)).resolves.toBe(o);
      await expect(allowed(permission, STRANGER)).resolves.toBe(s);
      await expect(allowed(permission, ITSO)).resolves.toBe(i);
      await expect(allowed(permission, SIRO)).resolves.toBe(r);
    },
  );

  it("approves only as the SIRO declared on the entity's Domain", async () => {
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
    // A System is the delivery team's own file: the SIRO it names never
    // approves, even when no Domain names one (then nobody does).
    const onSystemOnly = resource('system:default/prison', [
      ['system:default/prison', STRANGER],
      ['domain:default/hmpps', undefined],
    ]);
    for (const permission of [
      itsecExceptionApprovePermission,
      itsecExceptionRevokePermission,
    ]) {
      expect(await allowed(permission, STRANGER, onSystemOnly)).toBe(false);
    }
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

  it('denies every request without a signed-in user, reads and the writes otherWrites decides included', async () => {
    const allowingOthers = new ItsecPermissionPolicy({
      itsoGroup: 'group:default/itso',
      otherWrites: () => ({ result: AuthorizeResult.ALLOW }),
    });
    for (const permission of [
      itsecPortfolioReadPermission,
      itsecExceptionApprovePermission,
      read,
      write,
    ]) {
      expect((await allowingOthers.handle({ permission })).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });
});

describe('ItsecPermissionPolicy beyond the itsec permissions', () => {
  it('lets every signed-in user read, and denies other writes unless told how to decide them', async () => {
    for (const ref of [OWNER, STRANGER, ITSO]) {
      expect(
        (await policy.handle({ permission: read }, user(ref))).result,
      ).toBe(AuthorizeResult.ALLOW);
      expect(
        (await policy.handle({ permission: write }, user(ref))).result,
      ).toBe(AuthorizeResult.DENY);
    }
  });

  it('hands other writes to otherWrites, saying whether the user is in the ITSO group', async () => {
    const seen: Array<[string, boolean]> = [];
    const withOthers = new ItsecPermissionPolicy({
      itsoGroup: 'group:default/itso',
      otherWrites: ({ permission }, u, { isItso }) => {
        seen.push([`${u.info.userEntityRef} ${permission.name}`, isItso]);
        return { result: AuthorizeResult.ALLOW };
      },
    });
    await withOthers.handle({ permission: write }, user(ITSO));
    await withOthers.handle({ permission: write }, user(OWNER));
    // Neither reads nor itsec's own permissions reach it.
    await withOthers.handle({ permission: read }, user(OWNER));
    await withOthers.handle(
      { permission: itsecEntityRefreshPermission },
      user(OWNER),
    );
    expect(seen).toEqual([
      [`${ITSO} scaffolder.task.create`, true],
      [`${OWNER} scaffolder.task.create`, false],
    ]);
  });

  it('reads the ITSO group from itsec.itsoGroup, in any case, defaulting to group:default/itso', async () => {
    const fromConfig = (itsec: Record<string, string>) =>
      ItsecPermissionPolicy.fromConfig(
        mockServices.rootConfig({ data: { itsec } }),
      );
    const auditBy = async (p: ItsecPermissionPolicy, ref: string) =>
      (await p.handle({ permission: itsecAuditReadPermission }, user(ref)))
        .result;
    expect(await auditBy(fromConfig({}), ITSO)).toBe(AuthorizeResult.ALLOW);
    const security = fromConfig({ itsoGroup: 'Group:Default/Team-B' });
    expect(await auditBy(security, STRANGER)).toBe(AuthorizeResult.ALLOW);
    expect(await auditBy(security, ITSO)).toBe(AuthorizeResult.DENY);
  });
});
