import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  HistoryPoint,
  StatementStatus,
  daysAgo,
} from '@internal/plugin-itsec-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { itsecApiRef } from '../../api';
import { AsyncContent } from '../common';

const ROWS: Array<{ status: StatementStatus; label: string; href: string }> = [
  { status: 'gap', label: 'Gaps', href: '/itsec?status=gap' },
  { status: 'due-soon', label: 'Due soon', href: '/itsec?status=due-soon' },
  { status: 'excepted', label: 'Excepted', href: '/itsec?status=excepted' },
  { status: 'met', label: 'Met', href: '/itsec?status=met' },
];

function change(now: number, before: number | undefined): string {
  if (before === undefined) return 'no history';
  const d = now - before;
  if (d === 0) return 'no change';
  return d > 0 ? `up ${d}` : `down ${-d}`;
}

/**
 * For the ITSO group: the portfolio summary and the week's changes (as the
 * weekly digest counts them, from the daily portfolio history), each linking
 * into the portfolio filtered to it.
 */
export function ItsoOverviewCard() {
  const api = useApi(itsecApiRef);
  const state = useAsyncRetry(async () => {
    const [summary, history] = await Promise.all([
      api.getPortfolioSummary(),
      api.getPortfolioHistory({}, { from: daysAgo(7) }),
    ]);
    const weekAgo: HistoryPoint | undefined = history.points[0];
    return { summary, weekAgo };
  }, [api]);
  return (
    <InfoCard
      title="Portfolio this week"
      subheader="What the weekly digest counts: now, and the change over 7 days"
    >
      <AsyncContent state={state} errorTitle="Could not load the portfolio">
        {({ summary, weekAgo }) => (
          <Table size="small" aria-label="Portfolio this week">
            <TableHead>
              <TableRow>
                <TableCell>Measure</TableCell>
                <TableCell align="right">Now</TableCell>
                <TableCell>Over the week</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              <TableRow>
                <TableCell>
                  <Link to="/itsec">Entities</Link>
                </TableCell>
                <TableCell align="right">{summary.total}</TableCell>
                <TableCell>
                  {change(summary.total, weekAgo?.entities)}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell>Mean score</TableCell>
                <TableCell align="right">{summary.score ?? '–'}</TableCell>
                <TableCell>
                  {summary.score === null
                    ? 'not scored'
                    : change(summary.score, weekAgo?.score ?? undefined)}
                </TableCell>
              </TableRow>
              {ROWS.map(row => (
                <TableRow key={row.status}>
                  <TableCell>
                    <Link to={row.href}>{row.label}</Link>
                  </TableCell>
                  <TableCell align="right">
                    {summary.counts[row.status] ?? 0}
                  </TableCell>
                  <TableCell>
                    {change(
                      summary.counts[row.status] ?? 0,
                      weekAgo?.counts[row.status],
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </AsyncContent>
    </InfoCard>
  );
}
