import { type ComponentType } from 'react';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ScheduleIcon from '@material-ui/icons/Schedule';
import CancelIcon from '@material-ui/icons/Cancel';
import GavelIcon from '@material-ui/icons/Gavel';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import {
  STATEMENT_STATUSES_WORST_FIRST,
  type StatementStatus,
} from '@internal/plugin-itsec-common';

/** Display order of statuses: worst first. */
export const STATUS_ORDER = STATEMENT_STATUSES_WORST_FIRST;

export const STATUS_LABELS: Record<StatementStatus, string> = {
  met: 'Met',
  'due-soon': 'Due soon',
  gap: 'Gap',
  excepted: 'Excepted',
  'not-applicable': 'Not applicable',
  'not-scored': 'Not scored',
};

/** One-character symbols for dense views (the heatmap), so colour is never alone. */
export const STATUS_SYMBOLS: Record<StatementStatus, string> = {
  met: '✓',
  'due-soon': '!',
  gap: '✗',
  excepted: 'E',
  'not-applicable': '–',
  'not-scored': '·',
};

export const STATUS_ICONS: Record<StatementStatus, ComponentType<any>> = {
  met: CheckCircleIcon,
  'due-soon': ScheduleIcon,
  gap: CancelIcon,
  excepted: GavelIcon,
  'not-applicable': RemoveCircleOutlineIcon,
  'not-scored': InfoOutlinedIcon,
};

/** Theme colours per status (foreground). */
export function statusColor(theme: Theme, status: StatementStatus): string {
  switch (status) {
    case 'met':
      return theme.palette.success?.main ?? '#2e7d32';
    case 'due-soon':
      return theme.palette.warning?.main ?? '#ed6c02';
    case 'gap':
      return theme.palette.error.main;
    case 'excepted':
      return theme.palette.info?.main ?? '#0288d1';
    default:
      return theme.palette.text.secondary;
  }
}

/** Heatmap cell background colours per status. */
export function statusBackground(
  theme: Theme,
  status: StatementStatus | undefined,
): string {
  const dark = theme.palette.type === 'dark';
  switch (status) {
    case 'met':
      return dark ? '#1b5e20' : '#c8e6c9';
    case 'due-soon':
      return dark ? '#8a6d00' : '#ffe082';
    case 'gap':
      return dark ? '#8e1b1b' : '#ef9a9a';
    case 'excepted':
      return dark ? '#0d4f7a' : '#b3e5fc';
    case 'not-applicable':
    case 'not-scored':
      return dark ? '#333' : '#f0f0f0';
    default:
      return 'transparent';
  }
}

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  icon: { fontSize: '1.1rem' },
}));

/** A status as icon and text (never colour alone), optionally with a count. */
export function StatusLabel(props: {
  status: StatementStatus;
  count?: number;
}) {
  const { status, count } = props;
  const classes = useStyles();
  const theme = useTheme();
  const Icon = STATUS_ICONS[status];
  const label = STATUS_LABELS[status];
  return (
    <Typography
      component="span"
      variant="body2"
      className={classes.root}
      data-status={status}
    >
      <Icon
        className={classes.icon}
        aria-hidden
        style={{ color: statusColor(theme, status) }}
      />
      <span>
        {count !== undefined
          ? `${count} ${label.toLocaleLowerCase('en-GB')}`
          : label}
      </span>
    </Typography>
  );
}
