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
import type { PolicyDecision } from '@backstage/plugin-permission-common';
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
 * The scaffolder's writes (docs/fix-it.md): any signed-in user may run a
 * registered template (create a task, execute its actions, cancel it); the
 * pull request it opens is reviewed by the repository's owners. Dry runs of
 * a template of one's own (the template editor) and template management are
 * for the ITSO group only. Undefined for other permissions.
 */
export const scaffolderWrites = (
  permission: { name: string },
  isItso: boolean,
): PolicyDecision | undefined => {
  if (!permission.name.startsWith('scaffolder.')) return undefined;
  if (
    permission.name === 'scaffolder.template.dry-run' ||
    permission.name === 'scaffolder.template.management'
  ) {
    return { result: isItso ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  return { result: AuthorizeResult.ALLOW };
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
    otherWrites: (request, user, context) =>
      scaffolderWrites(request.permission, context.isItso) ??
      catalogWrites(request, user, context),
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
