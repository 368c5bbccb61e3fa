import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import useAsync from 'react-use/esm/useAsync';
import { itsecApiRef } from '../../api';

/** A timestamp as '2 Oct 2026, 09:00 UTC': the same for every reader. */
export function utcTime(iso: string): string {
  return `${new Date(iso).toLocaleString('en-GB', {
    timeZone: 'UTC',
    dateStyle: 'medium',
    timeStyle: 'short',
  })} UTC`;
}

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
        Results are stale since {utcTime(status.failingSince)}
      </AlertTitle>
      Scheduled evaluations have failed since then
      {status.failures && status.failures > 1
        ? ` (${status.failures} runs, the last at ${utcTime(
            status.lastFailureAt ?? status.failingSince,
          )})`
        : ''}
      .{' '}
      {last
        ? `Scores and statuses are those of the last successful evaluation, on ${utcTime(
            last.finishedAt,
          )}: evidence that expired or was added since is not shown.`
        : 'No evaluation has succeeded yet.'}
    </Alert>
  );
}
