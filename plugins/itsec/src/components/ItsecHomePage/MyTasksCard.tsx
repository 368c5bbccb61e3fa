import { InfoCard, Link } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  ExceptionRecord,
  ROLE_TITLES,
  acknowledgesRoles,
} from '@internal/plugin-itsec-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ExceptionDecision, itsecApiRef, MyTask } from '../../api';
import { AttestDialog } from '../AttestDialog';
import { ExceptionDecisionDialog } from '../ExceptionDecisionDialog';
import {
  AsyncContent,
  todayIso,
  useEntitySecurityLink,
  usePolicy,
} from '../common';

function entityName(task: MyTask) {
  return task.title ?? task.entityRef;
}

function describe(task: MyTask): { primary: string; secondary: string } {
  switch (task.type) {
    case 'acknowledge-role':
      return {
        primary: `Acknowledge your role as ${task.roles
          .map(r => ROLE_TITLES[r])
          .join(' and ')} on ${entityName(task)}`,
        secondary: task.due
          ? `Your acknowledgement ${
              task.due < todayIso() ? 'lapsed' : 'lapses'
            } ${task.due} (${task.statementId})`
          : `Not acknowledged yet (${task.statementId})`,
      };
    case 'decide-exception':
      return {
        primary: `Decide the exception to ${
          task.exception.statementId
        } on ${entityName(task)}`,
        secondary: `Requested by ${
          task.exception.requestedBy
        } on ${task.exception.requestedAt.slice(0, 10)}, until ${
          task.exception.expiresOn
        }: ${task.exception.justification}`,
      };
    case 'evidence-due':
      return {
        primary: `${task.statementId} ${task.statementTitle} falls due ${
          task.due
        } on ${entityName(task)}`,
        secondary: task.hint ?? '',
      };
    default:
      return {
        primary: `Code of Connection review ${
          task.overdue ? 'overdue since' : 'due'
        } ${task.due} on ${entityName(task)}`,
        secondary: task.message,
      };
  }
}

/**
 * "My tasks": roles the signed-in user holds and has not acknowledged (with
 * the button), exceptions waiting for their decision as SIRO, evidence on
 * their entities falling due within the window and Codes of Connection up
 * for review.
 */
export function MyTasksCard() {
  const api = useApi(itsecApiRef);
  const alertApi = useApi(alertApiRef);
  const policy = usePolicy();
  const securityLink = useEntitySecurityLink();
  const state = useAsyncRetry(() => api.getMyTasks(), [api]);
  const [acknowledge, setAcknowledge] = useState<
    Extract<MyTask, { type: 'acknowledge-role' }> | undefined
  >();
  const [decide, setDecide] = useState<
    { exception: ExceptionRecord; decision: ExceptionDecision } | undefined
  >();
  const ackStatements =
    policy.value?.statements.filter(s => acknowledgesRoles(s)) ?? [];

  return (
    <InfoCard title="My tasks">
      <AsyncContent state={state} errorTitle="Could not load your tasks">
        {({ items, dueSoonWindow }) =>
          items.length === 0 ? (
            <Typography variant="body2">
              Nothing to do: no role to acknowledge, no exception waiting for
              you, nothing falling due within {dueSoonWindow}.
            </Typography>
          ) : (
            <List dense aria-label="My tasks">
              {items.map(task => {
                const text = describe(task);
                const key = `${task.type}:${task.entityRef}:${
                  task.type === 'decide-exception'
                    ? task.exception.id
                    : task.statementId
                }`;
                return (
                  <ListItem key={key} divider>
                    <ListItemText
                      primary={text.primary}
                      secondary={text.secondary}
                    />
                    {task.type === 'acknowledge-role' && (
                      <Button
                        variant="contained"
                        color="primary"
                        size="small"
                        disabled={ackStatements.length === 0}
                        onClick={() => setAcknowledge(task)}
                      >
                        Acknowledge role
                      </Button>
                    )}
                    {task.type === 'decide-exception' && (
                      <>
                        <Button
                          variant="contained"
                          color="primary"
                          size="small"
                          onClick={() =>
                            setDecide({
                              exception: task.exception,
                              decision: 'approve',
                            })
                          }
                        >
                          Approve
                        </Button>
                        <Button
                          size="small"
                          style={{ marginLeft: 8 }}
                          onClick={() =>
                            setDecide({
                              exception: task.exception,
                              decision: 'reject',
                            })
                          }
                        >
                          Reject
                        </Button>
                      </>
                    )}
                    {(task.type === 'evidence-due' ||
                      task.type === 'connection-review') && (
                      <Link
                        to={`${securityLink(task.entityRef)}#${
                          task.statementId
                        }`}
                      >
                        Open {task.statementId}
                      </Link>
                    )}
                  </ListItem>
                );
              })}
            </List>
          )
        }
      </AsyncContent>
      <AttestDialog
        open={!!acknowledge}
        entityRef={acknowledge?.entityRef ?? ''}
        statements={ackStatements}
        statementId={acknowledge?.statementId}
        onClose={() => setAcknowledge(undefined)}
        onSaved={record => {
          setAcknowledge(undefined);
          alertApi.post({
            message: `Role acknowledged (${record.statementId})`,
            severity: 'success',
            display: 'transient',
          });
          state.retry();
        }}
      />
      <ExceptionDecisionDialog
        exception={decide?.exception}
        decision={decide?.decision}
        onClose={() => setDecide(undefined)}
        onSaved={record => {
          setDecide(undefined);
          alertApi.post({
            message: `Exception ${record.state}`,
            severity: 'success',
            display: 'transient',
          });
          state.retry();
        }}
      />
    </InfoCard>
  );
}
