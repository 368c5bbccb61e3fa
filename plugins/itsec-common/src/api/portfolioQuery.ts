import type { StatementStatus } from '../evaluate/types';
import type { PortfolioFilter } from './types';

/*
 * The query string of the portfolio page (`/itsec?...`): the frontend reads and
 * writes its filters with it, and the backend's notifications link into it.
 * Pure: no IO, only `URLSearchParams`.
 */

/** The path of the portfolio page, relative to the app's base URL. @public */
export const PORTFOLIO_PATH = '/itsec';

/**
 * The portfolio filters kept in the query string with one or more values each
 * (a parameter repeated for several values), in the order they are written.
 * @public
 */
export const PORTFOLIO_ARRAY_PARAMS = [
  'owner',
  'system',
  'domain',
  'kind',
  'classification',
  'status',
  'statement',
] as const;

/** A multi-valued portfolio filter parameter. @public */
export type PortfolioArrayParam = (typeof PORTFOLIO_ARRAY_PARAMS)[number];

/** The free-text filter parameter of the portfolio. @public */
export const PORTFOLIO_TEXT_PARAM = 'q';

/**
 * A portfolio filter as query parameters: each multi-valued filter repeated
 * once per distinct value (in {@link PORTFOLIO_ARRAY_PARAMS} order), then `q`.
 * Empty filters are left out.
 * @public
 */
export function portfolioSearchParams(
  filter: PortfolioFilter = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of PORTFOLIO_ARRAY_PARAMS) {
    const values: readonly string[] | undefined = filter[key];
    if (!values) continue;
    for (const value of new Set(values)) params.append(key, value);
  }
  if (filter.q) params.set(PORTFOLIO_TEXT_PARAM, filter.q);
  return params;
}

/**
 * The portfolio filter read from query parameters: empty values are ignored,
 * filters without values left out, and `q` trimmed (left out when blank).
 * Other parameters (such as the page's sort or view) are ignored.
 * @public
 */
export function parsePortfolioSearchParams(
  params: URLSearchParams | string,
): PortfolioFilter {
  const search =
    typeof params === 'string' ? new URLSearchParams(params) : params;
  const filter: PortfolioFilter = {};
  for (const key of PORTFOLIO_ARRAY_PARAMS) {
    const values = search.getAll(key).filter(Boolean);
    if (values.length === 0) continue;
    if (key === 'status') filter.status = values as StatementStatus[];
    else filter[key] = values;
  }
  const q = search.get(PORTFOLIO_TEXT_PARAM)?.trim();
  if (q) filter.q = q;
  return filter;
}
