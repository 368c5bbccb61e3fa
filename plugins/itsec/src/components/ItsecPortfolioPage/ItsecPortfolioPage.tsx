import { type ReactNode, useCallback, useMemo, useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import {
  PortfolioFilter,
  PortfolioLens,
  PortfolioSort,
  lensStatementIds,
} from '@internal/plugin-itsec-common';
import { itsecApiRef, PortfolioExportFormat } from '../../api';
import {
  AsyncContent,
  historyStart,
  ErrorState,
  errorMessage,
  HistoryChart,
  ScoreBadge,
  StatusCountList,
  STATUS_LABELS,
  STATUS_SYMBOLS,
  STATUS_ORDER,
  usePolicy,
} from '../common';
import { PortfolioFilters } from './Filters';
import {
  Heatmap,
  HeatmapColumn,
  heatmapColumns,
  ROW_HEIGHT,
  useEntityLines,
} from './Heatmap';
import { StaleResultsBanner } from './StaleResultsBanner';
import { OwnerCounts, StatementCounts } from './SummaryTables';
import { useGroupLines } from './useGroupLines';
import { useGroupMembers } from './useGroupMembers';
import { usePortfolioPages } from './usePortfolioPages';
import { PortfolioRows, usePortfolioViewState } from './urlState';

const LENS_OPTIONS: { lens: PortfolioLens; label: string; help: string }[] = [
  { lens: 'all', label: 'All statements', help: 'Every statement' },
  {
    lens: 'catalog',
    label: 'Evidence in catalog',
    help: 'Statements proven by documents declared in catalog-info: gaps are missing documents',
  },
  {
    lens: 'attestations',
    label: 'Attestations',
    help: 'Statements proven by a sign-off in the portal: gaps are missing sign-offs',
  },
];

const SORT_OPTIONS: {
  label: string;
  sort: PortfolioSort;
  order: 'asc' | 'desc';
}[] = [
  { label: 'Most gaps', sort: 'gaps', order: 'desc' },
  { label: 'Lowest score', sort: 'score', order: 'asc' },
  { label: 'Highest score', sort: 'score', order: 'desc' },
  { label: 'Name (A–Z)', sort: 'name', order: 'asc' },
  { label: 'Owner (A–Z)', sort: 'owner', order: 'asc' },
  { label: 'Recently evaluated', sort: 'evaluatedAt', order: 'desc' },
];

/** The distinct non-empty values of one field of the rows, sorted. */
function distinctSorted<T>(
  rows: T[],
  pick: (row: T) => string | undefined,
): string[] {
  return Array.from(new Set(rows.map(pick).filter(Boolean) as string[])).sort();
}

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Legend() {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} aria-label="Legend">
      {STATUS_ORDER.map(s => (
        <Typography key={s} variant="caption">
          <strong>{STATUS_SYMBOLS[s]}</strong> {STATUS_LABELS[s]}
        </Typography>
      ))}
    </Box>
  );
}

/**
 * The ITSO portfolio: a heatmap of entities against statements (or policy
 * sections), filters kept in the URL, search, sort, counts per statement and
 * per owner, a trend chart and export of exactly what is filtered.
 */
export function PortfolioContent() {
  const api = useApi(itsecApiRef);
  const alertApi = useApi(alertApiRef);
  const policy = usePolicy();
  const [state, update] = usePortfolioViewState();
  const { filter, sort, order, view, lens, rows: rowsBy } = state;
  const grouped = rowsBy === 'organisation';
  const filterKey = JSON.stringify(filter);

  const summary = useAsync(
    () => api.getPortfolioSummary(filter, lens),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey, lens],
  );
  const groups = useAsync(
    async () => (grouped ? api.getPortfolioGroups(filter, lens) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey, lens, grouped],
  );
  const allOwners = useAsync(() => api.getPortfolioSummary({}), [api]);
  const trend = useAsync(
    () => api.getPortfolioHistory(filter, { from: historyStart() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey],
  );
  const pages = usePortfolioPages(filter, sort, order, lens);
  const members = useGroupMembers({
    lens,
    sort,
    order,
    resetKey: JSON.stringify({ filter, lens, sort, order }),
  });
  const groupLines = useGroupLines({
    groups: groups.value,
    filter,
    members,
  });
  const entityLines = useEntityLines(pages);
  const [exporting, setExporting] = useState<PortfolioExportFormat>();

  const columns = useMemo(
    () => (policy.value ? heatmapColumns(policy.value, view, lens) : []),
    [policy.value, view, lens],
  );
  const lensStatements = useMemo(
    () => (policy.value ? lensStatementIds(policy.value, lens) : []),
    [policy.value, lens],
  );

  const { loadedRows } = pages;
  const loaded = useMemo(() => loadedRows(), [loadedRows]);
  const systems = useMemo(
    () => distinctSorted(loaded, r => r.system),
    [loaded],
  );
  const domains = useMemo(
    () => distinctSorted(loaded, r => r.domain),
    [loaded],
  );
  const owners = useMemo(
    () => (allOwners.value?.byOwner ?? []).map(o => o.owner).sort(),
    [allOwners.value],
  );

  const setFilter = useCallback(
    (next: PortfolioFilter) => update({ filter: next }),
    [update],
  );
  const onColumnClick = useCallback(
    (col: HeatmapColumn) =>
      update({
        filter: {
          ...filter,
          statement: col.statementIds,
          status: ['gap'],
        },
      }),
    [filter, update],
  );

  const setLens = (next: PortfolioLens) => {
    if (!policy.value) return;
    // Statement filters outside the new lens would match nothing there.
    const inLens = new Set(lensStatementIds(policy.value, next));
    const statement = filter.statement?.filter(id => inLens.has(id)) ?? [];
    const { statement: _dropped, ...rest } = filter;
    update({
      lens: next,
      filter: statement.length ? { ...rest, statement } : rest,
    });
  };

  const doExport = async (format: PortfolioExportFormat) => {
    setExporting(format);
    try {
      const file = await api.exportPortfolio(format, filter);
      download(file.blob, file.filename);
    } catch (e) {
      alertApi.post({
        message: `Export failed: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setExporting(undefined);
    }
  };

  if (policy.loading) return <Progress />;
  if (policy.error) {
    return (
      <ErrorState
        error={policy.error}
        title="Could not load the policy catalogue"
      />
    );
  }

  const total = grouped ? groups.value?.total : pages.total;
  const lines = grouped ? groupLines : entityLines;
  const heatmapHeight = Math.min(
    640,
    Math.max(160, 44 + (lines.count ?? 10) * ROW_HEIGHT + 2),
  );
  const loadError = grouped ? groups.error : pages.error;
  let heatmapBody: ReactNode;
  if (loadError) {
    heatmapBody = (
      <ErrorState error={loadError} title="Could not load the portfolio" />
    );
  } else if (total === undefined) {
    heatmapBody = <Progress />;
  } else if (total === 0) {
    heatmapBody = (
      <EmptyState
        missing="data"
        title="No entities match"
        description="Nothing in the portfolio matches these filters. Clear or widen them."
        action={
          <Button
            variant="contained"
            color="primary"
            onClick={() => setFilter({})}
          >
            Clear filters
          </Button>
        }
      />
    );
  } else {
    heatmapBody = (
      <Heatmap
        lines={lines}
        entities={total}
        columns={columns}
        view={view}
        height={heatmapHeight}
        grouped={grouped}
        onColumnClick={onColumnClick}
      />
    );
  }
  const currentSort = SORT_OPTIONS.findIndex(
    o => o.sort === sort && o.order === order,
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <StaleResultsBanner />
      </Grid>
      <Grid item xs={12}>
        <PortfolioFilters
          filter={filter}
          policy={policy.value!}
          owners={owners}
          systems={systems}
          domains={domains}
          statementIds={lensStatements}
          onChange={setFilter}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Portfolio">
          <AsyncContent state={summary} errorTitle="Could not load the summary">
            {value => (
              <>
                <Typography variant="body2" color="textSecondary">
                  {value.total.toLocaleString('en-GB')} entities · mean score
                </Typography>
                <ScoreBadge score={value.score} />
                <Box mt={1}>
                  <StatusCountList counts={value.counts} />
                </Box>
              </>
            )}
          </AsyncContent>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Trend" subheader="Mean score and gaps, last 12 months">
          <AsyncContent state={trend} errorTitle="Could not load the trend">
            {value => (
              <HistoryChart
                points={value.points}
                title="Portfolio trend"
                demo={value.demo}
              />
            )}
          </AsyncContent>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        {/* On white: the labels' secondary text is under 4.5:1 on the page grey. */}
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 12 }}
          mb={1}
          p={1}
          bgcolor="background.paper"
          borderRadius={4}
        >
          <Box
            display="flex"
            alignItems="center"
            style={{ gap: 12 }}
            flexWrap="wrap"
          >
            <ToggleButtonGroup
              size="small"
              exclusive
              value={view}
              onChange={(_e, v) => v && update({ view: v })}
              aria-label="Heatmap columns"
            >
              <ToggleButton
                value="statements"
                aria-label="Columns are statements"
              >
                Statements
              </ToggleButton>
              <ToggleButton
                value="sections"
                aria-label="Columns are policy sections"
              >
                Policy sections
              </ToggleButton>
            </ToggleButtonGroup>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={lens}
              onChange={(_e, v) => v && setLens(v)}
              aria-label="Lens"
            >
              {LENS_OPTIONS.map(o => (
                <ToggleButton key={o.lens} value={o.lens} title={o.help}>
                  {o.label}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={rowsBy}
              onChange={(_e, v: PortfolioRows | null) =>
                v && update({ rows: v })
              }
              aria-label="Rows"
            >
              <ToggleButton value="entities">Entities</ToggleButton>
              <ToggleButton value="organisation">
                Group by organisation
              </ToggleButton>
            </ToggleButtonGroup>
            <TextField
              id="itsec-portfolio-sort"
              select
              size="small"
              variant="outlined"
              label="Sort"
              value={currentSort === -1 ? 0 : currentSort}
              onChange={e => {
                const o = SORT_OPTIONS[Number(e.target.value)];
                update({ sort: o.sort, order: o.order });
              }}
              style={{ minWidth: 180 }}
            >
              {SORT_OPTIONS.map((o, i) => (
                <MenuItem key={o.label} value={i}>
                  {o.label}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="body2" color="textSecondary">
              Export what is filtered:
            </Typography>
            <ButtonGroup size="small" variant="outlined" aria-label="Export">
              {(['csv', 'json', 'oscal'] as PortfolioExportFormat[]).map(f => (
                <Button
                  key={f}
                  startIcon={<GetAppIcon />}
                  disabled={!!exporting}
                  onClick={() => doExport(f)}
                >
                  {exporting === f ? '…' : f.toUpperCase()}
                </Button>
              ))}
            </ButtonGroup>
          </Box>
        </Box>
        <Legend />
        <Box mt={1}>{heatmapBody}</Box>
      </Grid>
      {summary.value && summary.value.total > 0 && (
        <>
          <Grid item xs={12} md={6}>
            <StatementCounts
              summary={summary.value}
              policy={policy.value!}
              onSelect={id =>
                update({
                  filter: { ...filter, statement: [id], status: ['gap'] },
                })
              }
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <OwnerCounts
              summary={summary.value}
              onSelect={owner =>
                update({ filter: { ...filter, owner: [owner] } })
              }
            />
          </Grid>
        </>
      )}
    </Grid>
  );
}

/**
 * The ITSO portfolio page (legacy frontend system: with its own header).
 *
 * @public
 */
export function ItsecPortfolioPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Security portfolio"
        subtitle="Every entity against the MoJ ICT Security Policy"
      />
      <Content>
        <PortfolioContent />
      </Content>
    </Page>
  );
}
