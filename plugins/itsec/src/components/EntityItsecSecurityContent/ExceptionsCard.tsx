import { useState, type ReactNode } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ExceptionRecord,
  ExceptionState,
} from '@internal/plugin-itsec-common';
import type { ExceptionDecision } from '../../api';
import { ExceptionDecisionDialog } from '../ExceptionDecisionDialog';
import {
  Allowed,
  DENIED_REASONS,
  ErrorState,
  PermissionedButton,
} from '../common';
import { looksLikeEntityRef } from './Evidence';

const STATE_LABELS: Record<string, string> = {
  requested: 'Awaiting SIRO decision',
  approved: 'Approved',
  rejected: 'Rejected',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** The decisions still open on an exception, by its state. */
const DECISIONS_BY_STATE: Partial<Record<ExceptionState, ExceptionDecision[]>> =
  {
    requested: ['approve', 'reject'],
    approved: ['revoke'],
  };

const DECISION_LABELS: Record<ExceptionDecision, string> = {
  approve: 'Approve',
  reject: 'Reject',
  revoke: 'Revoke',
};

/**
 * The decision buttons for one exception: approve and reject for the SIRO,
 * revoke for the SIRO and the ITSO; none on one's own request.
 */
function DecisionButtons(props: {
  exception: ExceptionRecord;
  canApprove: Allowed;
  canRevoke: Allowed;
  currentUser?: string;
  onDecide: (decision: ExceptionDecision) => void;
}) {
  const { exception, canApprove, canRevoke, currentUser, onDecide } = props;
  const open = DECISIONS_BY_STATE[exception.state] ?? [];
  const permissionFor = (d: ExceptionDecision) =>
    d === 'revoke' ? canRevoke : canApprove;
  const decisions = open.filter(d => permissionFor(d).allowed);
  if (decisions.length === 0) return null;
  // Until the user is known, offer nothing rather than a button that fails.
  if (!currentUser) return null;
  if (currentUser === exception.requestedBy.toLocaleLowerCase('en-US')) {
    return (
      <Typography variant="caption" color="textSecondary">
        {DENIED_REASONS.ownRequest}
      </Typography>
    );
  }
  return (
    <Box display="flex" style={{ gap: 4 }}>
      {decisions.map(decision => (
        <PermissionedButton
          key={decision}
          size="small"
          color={decision === 'approve' ? 'primary' : 'secondary'}
          variant="outlined"
          permission={permissionFor(decision)}
          deniedReason={
            decision === 'revoke'
              ? DENIED_REASONS.revokeException
              : DENIED_REASONS.approveException
          }
          onClick={() => onDecide(decision)}
        >
          {DECISION_LABELS[decision]}
        </PermissionedButton>
      ))}
    </Box>
  );
}

function Person(props: { value?: string }) {
  if (!props.value) return <>—</>;
  return looksLikeEntityRef(props.value) ? (
    <EntityRefLink entityRef={props.value} defaultKind="user" />
  ) : (
    <>{props.value}</>
  );
}

/**
 * Exceptions for the entity, with approve / reject for the SIRO and revoke
 * for the SIRO and the ITSO (never on one's own request).
 */
export function ExceptionsCard(props: {
  exceptions?: ExceptionRecord[];
  loading: boolean;
  error?: Error;
  canApprove: Allowed;
  canRevoke: Allowed;
  /** The signed-in user's entity ref (lowercase). */
  currentUser?: string;
  onChanged: () => void;
}) {
  const {
    exceptions,
    loading,
    error,
    canApprove,
    canRevoke,
    currentUser,
    onChanged,
  } = props;
  const [pending, setPending] = useState<{
    exception: ExceptionRecord;
    decision: ExceptionDecision;
  }>();

  let body: ReactNode;
  if (loading) body = <Progress />;
  else if (error)
    body = <ErrorState error={error} title="Could not load exceptions" />;
  else if (!exceptions || exceptions.length === 0)
    body = (
      <Typography variant="body2" color="textSecondary">
        No exceptions requested for this entity.
      </Typography>
    );
  else
    body = (
      <>
        {!canApprove.loading && !canApprove.allowed && (
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {DENIED_REASONS.approveException}
          </Typography>
        )}
        <Table size="small" aria-label="Exceptions">
          <TableHead>
            <TableRow>
              <TableCell>Statement</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Justification and compensating controls</TableCell>
              <TableCell>Requested</TableCell>
              <TableCell>Ends</TableCell>
              <TableCell>Decision</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {exceptions.map(x => (
              <TableRow key={x.id}>
                <TableCell>{x.statementId}</TableCell>
                <TableCell>
                  <Chip size="small" label={STATE_LABELS[x.state] ?? x.state} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{x.justification}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    Compensating controls: {x.compensatingControls}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Person value={x.requestedBy} />
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {x.requestedAt?.slice(0, 10)}
                  </Typography>
                </TableCell>
                <TableCell>{x.expiresOn}</TableCell>
                <TableCell>
                  {x.decidedBy && (
                    <Typography variant="body2">
                      <Person value={x.decidedBy} /> {x.decidedAt?.slice(0, 10)}
                      {x.decisionComment ? `: ${x.decisionComment}` : ''}
                    </Typography>
                  )}
                  <DecisionButtons
                    exception={x}
                    canApprove={canApprove}
                    canRevoke={canRevoke}
                    currentUser={currentUser}
                    onDecide={decision =>
                      setPending({ exception: x, decision })
                    }
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </>
    );

  return (
    <InfoCard
      title="Exceptions"
      subheader="Tier 4: approved by the business-group SIRO"
    >
      {body}
      <ExceptionDecisionDialog
        exception={pending?.exception}
        decision={pending?.decision}
        onClose={() => setPending(undefined)}
        onSaved={() => {
          setPending(undefined);
          onChanged();
        }}
      />
    </InfoCard>
  );
}
