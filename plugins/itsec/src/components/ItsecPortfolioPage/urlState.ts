import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DEFAULT_NAMESPACE, parseEntityRef } from '@backstage/catalog-model';
import {
  PORTFOLIO_ARRAY_PARAMS,
  PORTFOLIO_LENS_PARAM,
  PortfolioArrayParam,
  PortfolioFilter,
  PortfolioLens,
  PortfolioSort,
  StatementStatus,
  isPortfolioLens,
  parsePortfolioSearchParams,
  portfolioSearchParams,
} from '@internal/plugin-itsec-common';

/** The multi-valued filters (query parameters shared with the backend's links). */
export const ARRAY_FILTERS = PORTFOLIO_ARRAY_PARAMS;

export type ArrayFilterKey = PortfolioArrayParam;

export type HeatmapView = 'statements' | 'sections';

/** The heatmap's rows: entities, or groups Domain → System → parts. */
export type PortfolioRows = 'entities' | 'organisation';

export interface PortfolioViewState {
  filter: PortfolioFilter;
  sort: PortfolioSort;
  order: 'asc' | 'desc';
  view: HeatmapView;
  /** The statements looked at (`lens`, default all). */
  lens: PortfolioLens;
  /** `group=organisation`: rows grouped by Domain and System. */
  rows: PortfolioRows;
}

const SORTS: PortfolioSort[] = [
  'gaps',
  'score',
  'name',
  'owner',
  'evaluatedAt',
];

export function defaultOrder(sort: PortfolioSort): 'asc' | 'desc' {
  return sort === 'name' || sort === 'owner' || sort === 'score'
    ? 'asc'
    : 'desc';
}

/** Reads the portfolio view (shared filters, plus sort, order, view, lens and grouping) from a query string. */
export function parseViewState(params: URLSearchParams): PortfolioViewState {
  const filter = parsePortfolioSearchParams(params);
  const sortParam = params.get('sort') as PortfolioSort | null;
  const sort = sortParam && SORTS.includes(sortParam) ? sortParam : 'gaps';
  const orderParam = params.get('order');
  const order =
    orderParam === 'asc' || orderParam === 'desc'
      ? orderParam
      : defaultOrder(sort);
  const view = params.get('view') === 'sections' ? 'sections' : 'statements';
  const lensParam = params.get(PORTFOLIO_LENS_PARAM);
  const lens = isPortfolioLens(lensParam) ? lensParam : 'all';
  const rows =
    params.get('group') === 'organisation' ? 'organisation' : 'entities';
  return { filter, sort, order, view, lens, rows };
}

/** Writes a portfolio view to a query string (shared filters, then sort, order, view, lens and grouping; defaults left out). */
export function toSearchParams(state: PortfolioViewState): URLSearchParams {
  const params = portfolioSearchParams(state.filter);
  if (state.sort !== 'gaps') params.set('sort', state.sort);
  if (state.order !== defaultOrder(state.sort))
    params.set('order', state.order);
  if (state.view !== 'statements') params.set('view', state.view);
  if (state.lens !== 'all') params.set(PORTFOLIO_LENS_PARAM, state.lens);
  if (state.rows === 'organisation') params.set('group', 'organisation');
  return params;
}

/** The portfolio view kept in the URL, so a view can be shared. */
export function usePortfolioViewState(): [
  PortfolioViewState,
  (update: Partial<PortfolioViewState>) => void,
] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useMemo(() => parseViewState(params), [key]);
  const update = useCallback(
    (change: Partial<PortfolioViewState>) => {
      setParams(toSearchParams({ ...state, ...change }), { replace: false });
    },
    [state, setParams],
  );
  return [state, update];
}

export function setArrayFilter(
  filter: PortfolioFilter,
  key: ArrayFilterKey,
  values: string[],
): PortfolioFilter {
  const next: PortfolioFilter = { ...filter };
  if (values.length > 0) {
    (next as Record<string, unknown>)[key] =
      key === 'status' ? (values as StatementStatus[]) : values;
  } else {
    delete next[key];
  }
  return next;
}

/** 'group:default/cmc-team' → 'cmc-team'; keeps other namespaces. */
export function shortRef(ref?: string): string {
  if (!ref) return '—';
  const { namespace, name } = parseEntityRef(ref, { defaultKind: 'group' });
  return namespace === DEFAULT_NAMESPACE ? name : `${namespace}/${name}`;
}
