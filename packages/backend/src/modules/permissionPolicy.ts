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
import {
  createItsecConditionalDecision,
  itsecConditions,
} from '@internal/plugin-itsec-backend';
import {
  ITSEC_ENTITY_RESOURCE_TYPE,
  itsecAuditReadPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRevokePermission,
  itsecRoleAcknowledgePermission,
} from '@internal/plugin-itsec-common';

/** Where the demo policy finds the IT Security Officer group, unless configured. */
export const DEFAULT_ITSO_GROUP = 'group:default/itso';

/**
 * The portal's permission policy.
 *
 * - Anything that only reads is open to every signed-in user.
 * - Writes to a catalog entity (refresh, delete) and writes of security
 *   records are allowed to the entity's owner group and to the ITSO group.
 * - Registering or removing catalog locations is for the ITSO group only.
 * - itsec: the audit log is read by the ITSO group only; attestations,
 *   exception requests and on-demand re-evaluation are for the entity's owner
 *   group and the ITSO group; acknowledging a security role is for the
 *   people who hold a role on the entity (own or inherited); approving or
 *   rejecting an exception is for the approving SIRO only — the
 *   business-group SIRO declared on the entity's Domain, or on its System
 *   when the Domain declares none, never one named on a Component, API or
 *   Resource — and never for a member of the entity's owner group; revoking
 *   an approved exception is for that SIRO and for the ITSO. (The itsec
 *   backend also refuses every decision by the exception's requester, and
 *   every write by a service principal.)
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
    const claims = user.info.ownershipEntityRefs;
    const isItso = claims
      .map(ref => ref.toLocaleLowerCase('en-US'))
      .includes(this.itsoGroup);
    if (permission.name === itsecAuditReadPermission.name) {
      return { result: isItso ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, ITSEC_ENTITY_RESOURCE_TYPE)) {
      if (permission.name === itsecRoleAcknowledgePermission.name) {
        return createItsecConditionalDecision(
          permission,
          itsecConditions.isSecurityRoleHolder({
            claims: [user.info.userEntityRef],
          }),
        );
      }
      const approvingSiro = itsecConditions.isApprovingSiro({
        userRef: user.info.userEntityRef,
      });
      if (permission.name === itsecExceptionApprovePermission.name) {
        // Separation of duties: the team that benefits never approves.
        return createItsecConditionalDecision(permission, {
          allOf: [
            approvingSiro,
            { not: itsecConditions.isEntityOwner({ claims }) },
          ],
        });
      }
      if (permission.name === itsecExceptionRevokePermission.name) {
        // Revoking reduces risk: the ITSO may revoke any exception.
        return isItso
          ? { result: AuthorizeResult.ALLOW }
          : createItsecConditionalDecision(permission, approvingSiro);
      }
      if (isItso) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createItsecConditionalDecision(
        permission,
        itsecConditions.isEntityOwner({ claims }),
      );
    }

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
