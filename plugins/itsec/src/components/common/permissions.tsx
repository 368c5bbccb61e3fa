import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  itsecAttestationCreatePermission,
  itsecEntityRefreshPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRequestPermission,
  itsecExceptionRevokePermission,
  itsecRoleAcknowledgePermission,
} from '@internal/plugin-itsec-common';

export interface Allowed {
  loading: boolean;
  allowed: boolean;
}

/** What the signed-in user may do on one entity. */
export function useItsecPermissions(entityRef: string) {
  const attest = usePermission({
    permission: itsecAttestationCreatePermission,
    resourceRef: entityRef,
  });
  const acknowledgeRole = usePermission({
    permission: itsecRoleAcknowledgePermission,
    resourceRef: entityRef,
  });
  const requestException = usePermission({
    permission: itsecExceptionRequestPermission,
    resourceRef: entityRef,
  });
  const approveException = usePermission({
    permission: itsecExceptionApprovePermission,
    resourceRef: entityRef,
  });
  const revokeException = usePermission({
    permission: itsecExceptionRevokePermission,
    resourceRef: entityRef,
  });
  const refresh = usePermission({
    permission: itsecEntityRefreshPermission,
    resourceRef: entityRef,
  });
  return {
    attest,
    acknowledgeRole,
    requestException,
    approveException,
    revokeException,
    refresh,
  };
}

export const DENIED_REASONS = {
  attest:
    'You cannot record attestations for this entity: only its owner group and the ITSO can.',
  acknowledgeRole:
    'Only the people who hold a security role on this entity can acknowledge it, each for themselves.',
  requestException:
    'You cannot request exceptions for this entity: only its owner group and the ITSO can.',
  approveException:
    "Only this entity's business-group SIRO, declared on its Domain, can approve or reject exceptions (with no Domain naming one, nobody can), and never for their own team or their own request.",
  revokeException:
    "Only this entity's business-group SIRO or the ITSO can revoke an exception.",
  ownRequest: 'You requested this exception: someone else decides on it.',
  refresh:
    'You cannot re-evaluate this entity: only its owner group and the ITSO can.',
};

/**
 * A button that is disabled, with the reason as its tooltip and accessible
 * description, when the permission is denied (and while it is being checked).
 */
export function PermissionedButton(
  props: ButtonProps & { permission: Allowed; deniedReason: string },
) {
  const { permission, deniedReason, ...buttonProps } = props;
  if (permission.allowed) {
    return <Button {...buttonProps} />;
  }
  const reason = permission.loading ? 'Checking permission…' : deniedReason;
  return (
    <Tooltip title={reason}>
      <span>
        <Button {...buttonProps} disabled title={reason} aria-disabled />
      </span>
    </Tooltip>
  );
}
