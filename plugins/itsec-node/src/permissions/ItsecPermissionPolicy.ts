import type { RootConfigService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  DEFAULT_ITSO_GROUP,
  ITSEC_ENTITY_RESOURCE_TYPE,
  itsecAuditReadPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRevokePermission,
  itsecRoleAcknowledgePermission,
} from '@internal/plugin-itsec-common';
import { createItsecConditionalDecision, itsecConditions } from './rules';

/**
 * Decides a write that is not itsec's (e.g. a catalog permission).
 *
 * @public
 */
export type ItsecOtherWritesPolicy = (
  request: PolicyQuery,
  user: PolicyQueryUser,
  context: { isItso: boolean },
) => Promise<PolicyDecision> | PolicyDecision;

/**
 * Options of {@link ItsecPermissionPolicy}.
 *
 * @public
 */
export interface ItsecPermissionPolicyOptions {
  /** The IT Security Officer group's entity ref (`itsec.itsoGroup`). */
  itsoGroup: string;
  /** Decides the writes that are not itsec's; unset, they are denied. */
  otherWrites?: ItsecOtherWritesPolicy;
}

/**
 * The itsec permission policy (the portal installs it as its policy).
 *
 * - A request with no signed-in user is denied.
 * - The audit log is read by the ITSO group only; anything else that only
 *   reads is open to every signed-in user.
 * - Attestations, exception requests and on-demand re-evaluation are for the
 *   entity's owner group and the ITSO group.
 * - Acknowledging a security role is for the people who hold a role on the
 *   entity (own or inherited).
 * - Approving or rejecting an exception is for the approving SIRO only: the
 *   business-group SIRO declared on the entity's Domain (or a parent
 *   Domain), never one named on a System, Component, API or Resource (with
 *   no Domain naming one, nobody approves); and never for a member of the
 *   entity's owner group.
 * - Revoking an approved exception is for that SIRO and for the ITSO.
 * - Other writes go to `otherWrites`, or are denied.
 *
 * (The itsec backend also refuses every decision by the exception's
 * requester, and every write by a service principal.)
 *
 * @public
 */
export class ItsecPermissionPolicy implements PermissionPolicy {
  /** The policy for the ITSO group of `itsec.itsoGroup` (default `group:default/itso`). */
  static fromConfig(
    config: RootConfigService,
    options?: Omit<ItsecPermissionPolicyOptions, 'itsoGroup'>,
  ): ItsecPermissionPolicy {
    return new ItsecPermissionPolicy({
      ...options,
      itsoGroup:
        config.getOptionalString('itsec.itsoGroup') ?? DEFAULT_ITSO_GROUP,
    });
  }

  private readonly itsoGroup: string;
  private readonly otherWrites?: ItsecOtherWritesPolicy;

  constructor(options: ItsecPermissionPolicyOptions) {
    this.itsoGroup = options.itsoGroup.toLocaleLowerCase('en-US');
    this.otherWrites = options.otherWrites;
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
    if (!isResourcePermission(permission, ITSEC_ENTITY_RESOURCE_TYPE)) {
      return this.otherWrites
        ? this.otherWrites(request, user, { isItso })
        : { result: AuthorizeResult.DENY };
    }
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
}
