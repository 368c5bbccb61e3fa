import type { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  PolicyCatalogue,
  PortfolioSummary,
  StatementStatus,
} from '@internal/plugin-itsec-common';
import { STATUS_SYMBOLS } from '../common';
import { shortRef } from './urlState';

const SCROLL = { maxHeight: 340, overflow: 'auto' as const };

/** Headers wrap between words, never inside one ("Entitie / s"): the table scrolls instead. */
const useStyles = makeStyles({
  table: {
    '& th': {
      overflowWrap: 'normal',
      wordBreak: 'keep-all',
      hyphens: 'manual',
    },
  },
});
const NO_WRAP = { whiteSpace: 'nowrap' as const };

type Counts = Partial<Record<StatementStatus, number>>;

/** Most gaps first, then by name. */
function byMostGaps<T extends { counts: Counts }>(name: (row: T) => string) {
  return (a: T, b: T) =>
    (b.counts.gap ?? 0) - (a.counts.gap ?? 0) || name(a).localeCompare(name(b));
}

function StatusHeadCell(props: {
  status: StatementStatus;
  label: string;
  noWrap?: boolean;
}) {
  return (
    <TableCell align="right" style={props.noWrap ? NO_WRAP : undefined}>
      {STATUS_SYMBOLS[props.status]} {props.label}
    </TableCell>
  );
}

function CountCell(props: { counts: Counts; status: StatementStatus }) {
  return <TableCell align="right">{props.counts[props.status] ?? 0}</TableCell>;
}

/** A card with a scrolling table of counts, or a line saying there are none. */
function CountsCard(props: {
  title: string;
  emptyText: string;
  tableLabel: string;
  head: ReactNode;
  rows: ReactNode[];
}) {
  const classes = useStyles();
  return (
    <InfoCard title={props.title} subheader="Most gaps first">
      {props.rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.emptyText}
        </Typography>
      ) : (
        <div
          style={SCROLL}
          // Keyboard users scroll it too (WCAG 2.1.1).
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          role="region"
          aria-label={`${props.tableLabel}, scrollable`}
        >
          <Table
            size="small"
            stickyHeader
            aria-label={props.tableLabel}
            className={classes.table}
          >
            <TableHead>
              <TableRow>{props.head}</TableRow>
            </TableHead>
            <TableBody>{props.rows}</TableBody>
          </Table>
        </div>
      )}
    </InfoCard>
  );
}

/** Counts per statement, most gaps first; a click filters to that statement's gaps. */
export function StatementCounts(props: {
  summary: PortfolioSummary;
  policy: PolicyCatalogue;
  onSelect: (statementId: string) => void;
}) {
  const titles = new Map(props.policy.statements.map(s => [s.id, s.title]));
  const rows = [...props.summary.byStatement]
    .filter(
      r =>
        (r.counts.gap ?? 0) +
          (r.counts['due-soon'] ?? 0) +
          (r.counts.met ?? 0) +
          (r.counts.excepted ?? 0) >
        0,
    )
    .sort(byMostGaps(r => r.statementId));
  return (
    <CountsCard
      title="By statement"
      emptyText="No scored statements in this view."
      tableLabel="Counts per statement"
      head={
        <>
          <TableCell>Statement</TableCell>
          <StatusHeadCell status="gap" label="Gaps" noWrap />
          <StatusHeadCell status="due-soon" label="Due soon" />
          <StatusHeadCell status="excepted" label="Exc." />
          <StatusHeadCell status="met" label="Met" noWrap />
        </>
      }
      rows={rows.map(r => (
        <TableRow key={r.statementId} hover>
          <TableCell>
            <Button
              size="small"
              onClick={() => props.onSelect(r.statementId)}
              title={`Show only entities with a gap in ${r.statementId}`}
              style={{
                textTransform: 'none',
                textAlign: 'left',
                justifyContent: 'flex-start',
              }}
            >
              {r.statementId} {titles.get(r.statementId) ?? ''}
            </Button>
          </TableCell>
          <CountCell counts={r.counts} status="gap" />
          <CountCell counts={r.counts} status="due-soon" />
          <CountCell counts={r.counts} status="excepted" />
          <CountCell counts={r.counts} status="met" />
        </TableRow>
      ))}
    />
  );
}

/** Counts per owner, most gaps first; a click filters to that owner. */
export function OwnerCounts(props: {
  summary: PortfolioSummary;
  onSelect: (owner: string) => void;
}) {
  const rows = [...props.summary.byOwner].sort(byMostGaps(r => r.owner));
  return (
    <CountsCard
      title="By owner"
      emptyText="No owners in this view."
      tableLabel="Counts per owner"
      head={
        <>
          <TableCell>Owner</TableCell>
          <TableCell align="right">Entities</TableCell>
          <TableCell align="right">Mean score</TableCell>
          <StatusHeadCell status="gap" label="Gaps" noWrap />
          <StatusHeadCell status="due-soon" label="Due soon" />
        </>
      }
      rows={rows.map(r => (
        <TableRow key={r.owner} hover>
          <TableCell>
            <Button
              size="small"
              onClick={() => props.onSelect(r.owner)}
              title={`Show only ${r.owner}`}
              aria-label={`Filter to owner ${shortRef(r.owner)}`}
              style={{ textTransform: 'none' }}
            >
              {shortRef(r.owner)}
            </Button>
          </TableCell>
          <TableCell align="right">{r.entities}</TableCell>
          <TableCell align="right">{r.score ?? '–'}</TableCell>
          <CountCell counts={r.counts} status="gap" />
          <CountCell counts={r.counts} status="due-soon" />
        </TableRow>
      ))}
    />
  );
}
