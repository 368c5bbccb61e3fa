import {
  BackstageCredentials,
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  itsecAuditReadPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRevokePermission,
} from '@internal/plugin-itsec-common';
import {
  createItsecConditionalDecision,
  itsecConditions,
} from '../permissions/rules';

/** A userInfo service that knows the test memberships. */
export function userInfoFactory(memberships: Record<string, string[]>) {
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

export function policyUser(
  credentials: BackstageCredentials,
  memberships: Record<string, string[]>,
): PolicyQueryUser | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  if (principal.type !== 'user' || !principal.userEntityRef) return undefined;
  const ref = principal.userEntityRef;
  const ownershipEntityRefs = [ref, ...(memberships[ref] ?? [])];
  return {
    identity: { type: 'user', userEntityRef: ref, ownershipEntityRefs },
    token: 'token',
    credentials: credentials as any,
    info: { userEntityRef: ref, ownershipEntityRefs },
  } as PolicyQueryUser;
}

/** Backstage's permission service allows service principals without asking the policy. */
function isService(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type: string }).type === 'service';
}

/**
 * A permissions service that runs `policy` in-process, as the permission
 * backend would, returning its conditional decisions for the plugin to apply.
 * Like the real one, it allows every request made with service credentials.
 */
export function policyPermissionsFactory(
  policy: PermissionPolicy,
  memberships: Record<string, string[]>,
) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      async authorize(requests, options) {
        if (isService(options.credentials)) {
          return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
        }
        const user = policyUser(options.credentials, memberships);
        return Promise.all(
          requests.map(async r => {
            const d = await policy.handle(
              { permission: r.permission } as any,
              user,
            );
            if (d.result === AuthorizeResult.CONDITIONAL) {
              throw new Error(
                'test permissions: conditional decision for authorize()',
              );
            }
            return { result: d.result };
          }),
        );
      },
      async authorizeConditional(queries, options) {
        if (isService(options.credentials)) {
          return queries.map(() => ({ result: AuthorizeResult.ALLOW }));
        }
        const user = policyUser(options.credentials, memberships);
        return Promise.all(
          queries.map(q => policy.handle({ permission: q.permission }, user)),
        );
      },
    }),
  });
}

/**
 * The itsec rules of the portal policy, for the plugin's own tests (the
 * portal policy itself is tested with this plugin in packages/backend).
 */
export class TestItsecPolicy implements PermissionPolicy {
  constructor(private readonly itsoGroup = 'group:default/itso') {}

  async handle(
    request: { permission: any },
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return { result: AuthorizeResult.DENY };
    const { permission } = request;
    const claims = user.info.ownershipEntityRefs;
    const isItso = claims.includes(this.itsoGroup);
    if (permission.name === itsecAuditReadPermission.name) {
      return { result: isItso ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (permission.attributes.action === 'read')
      return { result: AuthorizeResult.ALLOW };
    if (isResourcePermission(permission, 'itsec-entity')) {
      const siro = itsecConditions.isApprovingSiro({
        userRef: user.info.userEntityRef,
      });
      if (permission.name === itsecExceptionApprovePermission.name) {
        return createItsecConditionalDecision(permission, {
          allOf: [siro, { not: itsecConditions.isEntityOwner({ claims }) }],
        });
      }
      if (permission.name === itsecExceptionRevokePermission.name) {
        return isItso
          ? { result: AuthorizeResult.ALLOW }
          : createItsecConditionalDecision(permission, siro);
      }
      if (isItso) return { result: AuthorizeResult.ALLOW };
      return createItsecConditionalDecision(
        permission,
        itsecConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
