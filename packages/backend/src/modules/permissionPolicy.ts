import {
  RootConfigService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  ItsecOtherWritesPolicy,
  ItsecPermissionPolicy,
} from '@internal/plugin-itsec-node';

/**
 * The catalog's writes in the portal: registering or removing locations is
 * for the ITSO group only; writes to an entity (refresh, delete) are for its
 * owner group and the ITSO group. Everything else that writes is denied.
 */
export const catalogWrites: ItsecOtherWritesPolicy = (
  { permission },
  user,
  { isItso },
) => {
  if (permission.name.startsWith('catalog.location.')) {
    return { result: isItso ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  if (isResourcePermission(permission, 'catalog-entity')) {
    if (isItso) {
      return { result: AuthorizeResult.ALLOW };
    }
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({
        claims: user.info.ownershipEntityRefs,
      }),
    );
  }
  return { result: AuthorizeResult.DENY };
};

/**
 * The portal's permission policy: the itsec policy (reads open to every
 * signed-in user, the itsec rules; see `ItsecPermissionPolicy`) with the
 * catalog's writes of {@link catalogWrites}.
 */
export function createPortalPermissionPolicy(
  config: RootConfigService,
): PermissionPolicy {
  return ItsecPermissionPolicy.fromConfig(config, {
    otherWrites: catalogWrites,
  });
}

/** Installs {@link createPortalPermissionPolicy} as the permission backend's policy. */
export const itsecPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'itsec-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        policy.setPolicy(createPortalPermissionPolicy(config));
      },
    });
  },
});
