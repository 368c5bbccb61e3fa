import Box from '@material-ui/core/Box';
import type {
  StatementStatus,
  StatusCounts,
} from '@internal/plugin-itsec-common';
import { StatusLabel, STATUS_ORDER } from './status';

/** Counts by status as icon + text items; statuses with no results are left out unless `all`. */
export function StatusCountList(props: {
  counts: Partial<StatusCounts>;
  statuses?: StatementStatus[];
  all?: boolean;
}) {
  const statuses = props.statuses ?? STATUS_ORDER;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 16 }}
      component="ul"
      p={0}
      m={0}
      aria-label="Statements by status"
    >
      {statuses
        .filter(s => props.all || (props.counts[s] ?? 0) > 0)
        .map(s => (
          <li key={s} style={{ listStyle: 'none' }}>
            <StatusLabel status={s} count={props.counts[s] ?? 0} />
          </li>
        ))}
    </Box>
  );
}
