import {
  BackstageCredentials,
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * Group memberships of test users: user entity ref to the group refs the
 * user belongs to.
 *
 * @public
 */
export type TestMemberships = Record<string, string[]>;

/**
 * The user a permission policy sees for `userEntityRef`: its ownership refs
 * are the user and the groups `memberships` gives.
 *
 * @public
 */
export function policyQueryUser(
  userEntityRef: string,
  memberships: TestMemberships,
  credentials?: BackstageCredentials,
): PolicyQueryUser {
  const ownershipEntityRefs = [
    userEntityRef,
    ...(memberships[userEntityRef] ?? []),
  ];
  return {
    identity: { type: 'user', userEntityRef, ownershipEntityRefs },
    token: 'token',
    credentials: (credentials ?? {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef },
    }) as PolicyQueryUser['credentials'],
    info: { userEntityRef, ownershipEntityRefs },
  } as PolicyQueryUser;
}

function userOf(
  credentials: BackstageCredentials,
  memberships: TestMemberships,
): PolicyQueryUser | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  if (principal.type !== 'user' || !principal.userEntityRef) return undefined;
  return policyQueryUser(principal.userEntityRef, memberships, credentials);
}

/** Backstage's permission service allows service principals without asking the policy. */
function isService(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type: string }).type === 'service';
}

/**
 * A userInfo service that knows the test memberships.
 *
 * @public
 */
export function userInfoFactory(memberships: TestMemberships) {
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

/**
 * A permissions service that runs `policy` in-process, as the permission
 * backend would, returning its conditional decisions for the plugin to apply.
 * Like the real one, it allows every request made with service credentials.
 *
 * @public
 */
export function policyPermissionsFactory(
  policy: PermissionPolicy,
  memberships: TestMemberships,
) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      async authorize(requests, options) {
        if (isService(options.credentials)) {
          return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
        }
        const user = userOf(options.credentials, memberships);
        return Promise.all(
          requests.map(async r => {
            const d = await policy.handle({ permission: r.permission }, user);
            if (d.result === AuthorizeResult.CONDITIONAL) {
              throw new Error(
                `test permissions: conditional decision for authorize() of ${r.permission.name}`,
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
        const user = userOf(options.credentials, memberships);
        return Promise.all(
          queries.map(q => policy.handle({ permission: q.permission }, user)),
        );
      },
    }),
  });
}
