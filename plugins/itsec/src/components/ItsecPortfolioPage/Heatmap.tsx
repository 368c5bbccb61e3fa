import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type UIEvent,
} from 'react';
import { Link } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  PolicyCatalogue,
  PortfolioGroupRollup,
  PortfolioLens,
  PortfolioRow,
  StatementStatus,
  lensStatementIds,
} from '@internal/plugin-itsec-common';
import {
  STATUS_LABELS,
  STATUS_ORDER,
  STATUS_SYMBOLS,
  statusBackground,
  useEntitySecurityLink,
} from '../common';
import type { PortfolioPages } from './usePortfolioPages';
import { HeatmapView, shortRef } from './urlState';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 44;
const NAME_WIDTH = 320;
const SCORE_WIDTH = 56;
const OVERSCAN = 10;

export interface HeatmapColumn {
  id: string;
  label: string;
  title: string;
  statementIds: string[];
}

/**
 * The heatmap's columns: the lens's statements (for `all`, those a check
 * scores), or the policy sections holding them.
 */
export function heatmapColumns(
  policy: PolicyCatalogue,
  view: HeatmapView,
  lens: PortfolioLens = 'all',
): HeatmapColumn[] {
  const shown = new Set(lensStatementIds(policy, lens));
  const scored = policy.statements.filter(s => shown.has(s.id));
  if (view === 'statements') {
    return scored.map(s => ({
      id: s.id,
      label: s.id.replace(/^.*\./, ''),
      title: `${s.id} ${s.title}`,
      statementIds: [s.id],
    }));
  }
  return policy.sections
    .map(section => {
      const ids = scored.filter(s => s.section === section.id).map(s => s.id);
      return {
        id: section.id,
        label: section.title,
        title: section.title,
        statementIds: ids,
      };
    })
    .filter(c => c.statementIds.length > 0);
}

/** The worst status among a row's statements in a column, and how many gaps. */
export function cellStatus(
  row: PortfolioRow,
  column: HeatmapColumn,
): { status?: StatementStatus; gaps: number } {
  let worst: StatementStatus | undefined;
  let gaps = 0;
  for (const id of column.statementIds) {
    const s = row.statuses[id];
    if (!s) continue;
    if (s === 'gap') gaps++;
    if (!worst || STATUS_ORDER.indexOf(s) < STATUS_ORDER.indexOf(worst))
      worst = s;
  }
  return { status: worst, gaps };
}

/** The worst status of a group's members in a column, and how many gaps. */
export function groupCellStatus(
  rollup: Pick<PortfolioGroupRollup, 'statuses' | 'gapsByStatement'>,
  column: HeatmapColumn,
): { status?: StatementStatus; gaps: number } {
  let worst: StatementStatus | undefined;
  let gaps = 0;
  for (const id of column.statementIds) {
    gaps += rollup.gapsByStatement[id] ?? 0;
    const s = rollup.statuses[id];
    if (s && (!worst || STATUS_ORDER.indexOf(s) < STATUS_ORDER.indexOf(worst)))
      worst = s;
  }
  return { status: worst, gaps };
}

/** A group row: a Domain or a System with the roll-up of its members. */
export interface HeatmapGroup {
  kind: 'domain' | 'system';
  label: string;
  rollup: PortfolioGroupRollup;
  expanded: boolean;
  onToggle: () => void;
}

/** One line of the heatmap: an entity, a group, or a line still loading. */
export type HeatmapLine =
  | { type: 'entity'; key: string; level: number; row: PortfolioRow }
  | { type: 'group'; key: string; level: number; group: HeatmapGroup }
  | { type: 'message'; key: string; level: number; text: string };

/** The heatmap's lines, fetched on demand. */
export interface HeatmapLines {
  /** How many lines; undefined until known. */
  count: number | undefined;
  line(index: number): HeatmapLine | undefined;
  /** Asks for the lines in [first, last] (no-op for loaded ones). */
  ensure(first: number, last: number): void;
  version: number;
}

/** The lines of the flat view: one per entity of the paged portfolio. */
export function useEntityLines(pages: PortfolioPages): HeatmapLines {
  const { total, row, ensure, version } = pages;
  return useMemo(
    () => ({
      count: total,
      line: (i: number): HeatmapLine | undefined => {
        const r = row(i);
        return r && { type: 'entity', key: r.entityRef, level: 0, row: r };
      },
      ensure,
      version,
    }),
    [total, row, ensure, version],
  );
}

const INDENT = 16;

const useStyles = makeStyles(theme => ({
  scroller: {
    position: 'relative',
    overflow: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    background: theme.palette.background.paper,
    contain: 'strict',
    // A scrollbar that shows (not an overlay that hides), and a focus ring:
    // the heatmap scrolls with the arrow keys once focused.
    scrollbarWidth: 'auto',
    scrollbarColor: `${theme.palette.grey[600]} ${theme.palette.grey[200]}`,
    '&::-webkit-scrollbar': { width: 14, height: 14 },
    '&::-webkit-scrollbar-track': { background: theme.palette.grey[200] },
    '&::-webkit-scrollbar-thumb': {
      background: theme.palette.grey[600],
      borderRadius: 7,
      border: `3px solid ${theme.palette.grey[200]}`,
    },
    '&:focus-visible': {
      outline: `3px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    height: HEADER_HEIGHT,
    background: theme.palette.background.paper,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  row: {
    position: 'absolute',
    left: 0,
    display: 'flex',
    height: ROW_HEIGHT,
    alignItems: 'stretch',
    '&:hover $name': { background: theme.palette.action.hover },
  },
  name: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    flex: `0 0 ${NAME_WIDTH}px`,
    width: NAME_WIDTH,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 1),
    background: theme.palette.background.paper,
    borderRight: `1px solid ${theme.palette.divider}`,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    fontSize: '0.8rem',
    // The full name on hover and on keyboard focus, over the cells beside it.
    '&:hover, &:focus-within': {
      overflow: 'visible',
      width: 'max-content',
      minWidth: NAME_WIDTH,
      flexBasis: 'auto',
      zIndex: 3,
      boxShadow: theme.shadows[3],
    },
    '&:hover $nameLink, &:focus-within $nameLink': { overflow: 'visible' },
  },
  nameLink: { overflow: 'hidden', textOverflow: 'ellipsis' },
  // grey[700]: 4.5:1 and more on the row's hover background too.
  owner: { color: theme.palette.grey[700], fontSize: '0.7rem' },
  score: {
    flex: `0 0 ${SCORE_WIDTH}px`,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: '0.8rem',
    fontWeight: 600,
  },
  cell: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: '0.75rem',
    borderRight: `1px solid ${theme.palette.background.paper}`,
    borderBottom: `1px solid ${theme.palette.background.paper}`,
    boxSizing: 'border-box',
    color: theme.palette.text.primary,
  },
  colHeader: {
    display: 'flex',
    alignItems: 'stretch',
    boxSizing: 'border-box',
  },
  colHeaderButton: {
    flex: 1,
    display: 'flex',
    alignItems: 'flex-end',
    justifyContent: 'center',
    fontSize: '0.7rem',
    fontWeight: 600,
    padding: '0 2px 4px',
    overflow: 'hidden',
    textAlign: 'center',
    lineHeight: 1.1,
    cursor: 'pointer',
    border: 'none',
    background: 'none',
    color: theme.palette.text.primary,
    overflowWrap: 'normal',
    wordBreak: 'keep-all',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
  placeholder: { color: theme.palette.grey[700], fontSize: '0.8rem' },
  groupName: { fontWeight: 600 },
  groupButton: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minHeight: 24,
    padding: 0,
    border: 'none',
    background: 'none',
    font: 'inherit',
    color: theme.palette.text.primary,
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/**
 * Entities (or groups of them) × statements (or policy sections),
 * virtualised: only the lines in view are rendered, and fetched on demand.
 */
export function Heatmap(props: {
  lines: HeatmapLines;
  /** How many entities the lines hold (the table's name). */
  entities: number;
  columns: HeatmapColumn[];
  view: HeatmapView;
  height: number;
  grouped?: boolean;
  onColumnClick?: (column: HeatmapColumn) => void;
}) {
  const { lines, entities, columns, view, height, grouped, onColumnClick } =
    props;
  const classes = useStyles();
  const theme = useTheme();
  const securityLink = useEntitySecurityLink();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const total = lines.count ?? 0;
  const cellWidth = view === 'statements' ? 30 : 88;
  const width = NAME_WIDTH + SCORE_WIDTH + columns.length * cellWidth;

  const bodyHeight = height - HEADER_HEIGHT;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(
    total - 1,
    Math.ceil((scrollTop + bodyHeight) / ROW_HEIGHT) + OVERSCAN,
  );

  const { ensure } = lines;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total]);

  // A new filter starts at the top.
  const { version } = lines;
  const lastTotal = useRef(lines.count);
  useEffect(() => {
    if (lines.count === undefined && lastTotal.current !== undefined) {
      scroller.current?.scrollTo?.({ top: 0 });
      setScrollTop(0);
    }
    lastTotal.current = lines.count;
  }, [lines.count, version]);

  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    setScrollTop(e.currentTarget.scrollTop);
  }, []);

  const rows = useMemo(() => {
    const out: ReactNode[] = [];
    const rowProps = (i: number) => ({
      className: classes.row,
      style: { top: HEADER_HEIGHT + i * ROW_HEIGHT, width },
      role: 'row',
      'aria-rowindex': i + 2,
    });
    // `title` shows on hover; `label` is what a screen reader announces.
    const renderCell = (
      col: HeatmapColumn,
      status: StatementStatus | undefined,
      text: string,
      title: string,
      label: string,
    ) => (
      <div
        key={col.id}
        role="cell"
        className={classes.cell}
        style={{
          width: cellWidth,
          flex: `0 0 ${cellWidth}px`,
          background: statusBackground(theme, status),
        }}
        title={title}
        aria-label={label}
      >
        {text}
      </div>
    );
    for (let i = first; i <= last; i++) {
      const line = lines.line(i);
      const indent =
        line && line.level > 0
          ? { paddingLeft: theme.spacing(1) + line.level * INDENT }
          : undefined;
      if (!line || line.type === 'message') {
        out.push(
          <div key={line?.key ?? `placeholder-${i}`} {...rowProps(i)}>
            <div className={classes.name} role="rowheader" style={indent}>
              <span className={classes.placeholder}>
                {line?.text ?? 'Loading…'}
              </span>
            </div>
          </div>,
        );
        continue;
      }
      if (line.type === 'group') {
        const { group } = line;
        const { rollup } = group;
        out.push(
          <div key={line.key} {...rowProps(i)} data-group={line.key}>
            <div className={classes.name} role="rowheader" style={indent}>
              <button
                type="button"
                className={classes.groupButton}
                aria-expanded={group.expanded}
                onClick={group.onToggle}
              >
                <span aria-hidden="true">{group.expanded ? '▾' : '▸'}</span>
                <span className={classes.groupName}>{group.label}</span>{' '}
                <span className={classes.owner}>
                  {group.kind} · {rollup.entities.toLocaleString('en-GB')}{' '}
                  {rollup.entities === 1 ? 'entity' : 'entities'} ·{' '}
                  {rollup.gaps.toLocaleString('en-GB')}{' '}
                  {rollup.gaps === 1 ? 'gap' : 'gaps'}
                </span>
              </button>
            </div>
            <div
              className={classes.score}
              role="cell"
              title={`Mean score of its ${rollup.entities} entities: ${
                rollup.score ?? 'none'
              }`}
            >
              {rollup.score ?? '–'}
            </div>
            {columns.map(col => {
              const { status, gaps } = groupCellStatus(rollup, col);
              const label = status ? STATUS_LABELS[status] : 'No result';
              let text = status ? STATUS_SYMBOLS[status] : '';
              if (gaps > 0) text = `${STATUS_SYMBOLS.gap}${gaps}`;
              const detail =
                gaps > 0
                  ? `${label}, ${gaps} ${gaps === 1 ? 'gap' : 'gaps'}`
                  : label;
              return renderCell(
                col,
                status,
                text,
                `${group.label} · ${col.title}: ${detail}`,
                `${col.title}: ${detail}`,
              );
            })}
          </div>,
        );
        continue;
      }
      const { row } = line;
      out.push(
        <div
          key={row.entityRef}
          {...rowProps(i)}
          data-entity-ref={row.entityRef}
        >
          <div
            className={classes.name}
            role="rowheader"
            title={row.entityRef}
            style={indent}
          >
            <Link
              to={securityLink(row.entityRef)}
              className={classes.nameLink}
              title={row.title ?? row.entityRef}
            >
              {row.title ?? shortRef(row.entityRef)}
            </Link>
            <span className={classes.owner}>
              {row.kind.toLocaleLowerCase('en-GB')} · {shortRef(row.owner)}
            </span>
          </div>
          <div
            className={classes.score}
            role="cell"
            title={`Score ${row.score ?? 'none'}`}
          >
            {row.score ?? '–'}
          </div>
          {columns.map(col => {
            const { status, gaps } = cellStatus(row, col);
            const label = status ? STATUS_LABELS[status] : 'No result';
            let text = status ? STATUS_SYMBOLS[status] : '';
            if (view === 'sections' && status === 'gap' && gaps > 0) {
              text = `${STATUS_SYMBOLS.gap}${gaps}`;
            }
            return renderCell(
              col,
              status,
              text,
              `${row.title ?? row.entityRef} · ${col.title}: ${label}${
                view === 'sections' && gaps > 0 ? ` (${gaps} gaps)` : ''
              }`,
              `${col.title}: ${label}`,
            );
          })}
        </div>,
      );
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, last, lines, columns, view, width, theme, classes, securityLink]);

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      style={{ height }}
      onScroll={onScroll}
      // Focusable so the keyboard scrolls it, sideways too (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role="table"
      aria-label={`Heatmap of ${entities} entities against policy ${view}${
        grouped ? ', grouped by Domain and System' : ''
      }`}
      aria-rowcount={total + 1}
      data-testid="itsec-heatmap"
    >
      <div
        style={{
          height: HEADER_HEIGHT + total * ROW_HEIGHT,
          width,
          position: 'relative',
        }}
      >
        <div
          className={classes.header}
          style={{ width }}
          role="row"
          aria-rowindex={1}
        >
          <div className={classes.name} role="columnheader">
            <Typography variant="caption" style={{ fontWeight: 600 }}>
              {grouped ? 'Domain / System / entity' : 'Entity'} (
              {entities.toLocaleString('en-GB')})
            </Typography>
          </div>
          <div className={classes.score} role="columnheader">
            Score
          </div>
          {columns.map(col => (
            <div
              key={col.id}
              role="columnheader"
              className={classes.colHeader}
              style={{ width: cellWidth, flex: `0 0 ${cellWidth}px` }}
            >
              <Tooltip title={`${col.title}: select to show only gaps here`}>
                <button
                  type="button"
                  className={classes.colHeaderButton}
                  // Starts with the visible text (WCAG 2.5.3), then the title.
                  aria-label={
                    col.label === col.title
                      ? `${col.title}, show only gaps here`
                      : `${col.label}: ${col.title}, show only gaps here`
                  }
                  onClick={() => onColumnClick?.(col)}
                >
                  {col.label}
                </button>
              </Tooltip>
            </div>
          ))}
        </div>
        {rows}
      </div>
    </div>
  );
}
