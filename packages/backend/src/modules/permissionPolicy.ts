import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';

/** Where the demo policy finds the IT Security Officer group, unless configured. */
export const DEFAULT_ITSO_GROUP = 'group:default/itso';

/**
 * The portal's permission policy.
 *
 * - Anything that only reads is open to every signed-in user.
 * - Writes to a catalog entity (refresh, delete) and writes of security
 *   records are allowed to the entity's owner group and to the ITSO group.
 * - Registering or removing catalog locations is for the ITSO group only.
 * - Everything else that writes is denied.
 */
export class ItsecPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): ItsecPermissionPolicy {
    return new ItsecPermissionPolicy({
      itsoGroup:
        config.getOptionalString('itsec.itsoGroup') ?? DEFAULT_ITSO_GROUP,
    });
  }

  private readonly itsoGroup: string;

  constructor(options: { itsoGroup: string }) {
    this.itsoGroup = options.itsoGroup.toLocaleLowerCase('en-US');
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { permission } = request;
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    const isItso = user.info.ownershipEntityRefs
      .map(ref => ref.toLocaleLowerCase('en-US'))
      .includes(this.itsoGroup);

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
  }
}

/** Installs {@link ItsecPermissionPolicy} as the permission backend's policy. */
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
        policy.setPolicy(ItsecPermissionPolicy.fromConfig(config));
      },
    });
  },
});
