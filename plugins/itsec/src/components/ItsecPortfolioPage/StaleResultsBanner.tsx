import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import useAsync from 'react-use/esm/useAsync';
import { formatUtcDateTime } from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';

/**
 * Says since when the portfolio is stale while the backend's scheduled
 * evaluations keep failing. Shows nothing while they succeed, or when the
 * status cannot be read (the page itself reports its own errors).
 */
export function StaleResultsBanner() {
  const api = useApi(itsecApiRef);
  const { value: status } = useAsync(() => api.getStatus(), [api]);
  if (!status?.stale || !status.failingSince) return null;
  const last = status.lastSuccessfulRun;
  return (
    <Alert severity="warning" data-testid="itsec-stale-results">
      <AlertTitle>
        Results are stale since {formatUtcDateTime(status.failingSince)}
      </AlertTitle>
      Scheduled evaluations have failed since then
      {status.failures && status.failures > 1
        ? ` (${status.failures} runs, the last at ${formatUtcDateTime(
            status.lastFailureAt ?? status.failingSince,
          )})`
        : ''}
      .{' '}
      {last
        ? `Scores and statuses are those of the last successful evaluation, on ${formatUtcDateTime(
            last.finishedAt,
          )}: evidence that expired or was added since is not shown.`
        : 'No evaluation has succeeded yet.'}
    </Alert>
  );
}
