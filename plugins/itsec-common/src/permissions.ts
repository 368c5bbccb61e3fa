import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of itsec's entity-scoped permissions: a catalog entity as
 * the itsec backend sees it, with its resolved security profile (so a rule can
 * ask who its business-group SIRO is, including one inherited from its System).
 *
 * @public
 */
export const ITSEC_ENTITY_RESOURCE_TYPE = 'itsec-entity';

/** @public */
export type ItsecEntityPermission = ResourcePermission<
  typeof ITSEC_ENTITY_RESOURCE_TYPE
>;

/**
 * Reading the portfolio: every entity's scorecard, summaries, history, exports.
 *
 * @public
 */
export const itsecPortfolioReadPermission = createPermission({
  name: 'itsec.portfolio.read',
  attributes: { action: 'read' },
});

/**
 * Reading the audit log of every security-record write and denied write.
 *
 * @public
 */
export const itsecAuditReadPermission = createPermission({
  name: 'itsec.audit.read',
  attributes: { action: 'read' },
});

/**
 * Recording an attestation against one statement for one entity.
 *
 * @public
 */
export const itsecAttestationCreatePermission = createPermission({
  name: 'itsec.attestation.create',
  attributes: { action: 'create' },
  resourceType: ITSEC_ENTITY_RESOURCE_TYPE,
});

/**
 * Acknowledging one's own security role on one entity (POL.ITSEC.023): an
 * attestation only the role holder can make for themselves.
 *
 * @public
 */
export const itsecRoleAcknowledgePermission = createPermission({
  name: 'itsec.role.acknowledge',
  attributes: { action: 'create' },
  resourceType: ITSEC_ENTITY_RESOURCE_TYPE,
});

/**
 * Requesting a policy exception (the policy's Tier 4) for one entity.
 *
 * @public
 */
export const itsecExceptionRequestPermission = createPermission({
  name: 'itsec.exception.request',
  attributes: { action: 'create' },
  resourceType: ITSEC_ENTITY_RESOURCE_TYPE,
});

/**
 * Approving or rejecting a requested exception: the call of the business-group
 * SIRO who approves for the entity (see `approvingSiro`). Never the requester.
 *
 * @public
 */
export const itsecExceptionApprovePermission = createPermission({
  name: 'itsec.exception.approve',
  attributes: { action: 'update' },
  resourceType: ITSEC_ENTITY_RESOURCE_TYPE,
});

/**
 * Revoking an approved exception. Revoking reduces risk, so besides the
 * approving SIRO the ITSO may revoke any exception. Never the requester.
 *
 * @public
 */
export const itsecExceptionRevokePermission = createPermission({
  name: 'itsec.exception.revoke',
  attributes: { action: 'update' },
  resourceType: ITSEC_ENTITY_RESOURCE_TYPE,
});

/**
 * Re-evaluating one entity now instead of waiting for the scheduled run.
 *
 * @public
 */
export const itsecEntityRefreshPermission = createPermission({
  name: 'itsec.entity.refresh',
  attributes: { action: 'update' },
  resourceType: ITSEC_ENTITY_RESOURCE_TYPE,
});

/**
 * Every itsec permission, for registration with the permission framework.
 *
 * @public
 */
export const itsecPermissions = [
  itsecPortfolioReadPermission,
  itsecAuditReadPermission,
  itsecAttestationCreatePermission,
  itsecRoleAcknowledgePermission,
  itsecExceptionRequestPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRevokePermission,
  itsecEntityRefreshPermission,
];
