import type { PortfolioRow } from '@internal/plugin-itsec-common';
import type { ItsecApi, PortfolioQuery } from '../../api';

/** Rows fetched per `GET /portfolio` request. */
export const PAGE_SIZE = 200;

/** The pages of one paged listing: those loaded and those being fetched. */
export interface LoadedPages {
  pages: Map<number, PortfolioRow[]>;
  inflight: Set<number>;
}

/** No pages yet. */
export function noPages(): LoadedPages {
  return { pages: new Map(), inflight: new Set() };
}

/** The page numbers holding rows [first, last] (at least the first's). */
export function pagesCovering(first: number, last: number): number[] {
  const from = Math.max(0, Math.floor(first / PAGE_SIZE));
  const to = Math.max(from, Math.floor(Math.max(first, last) / PAGE_SIZE));
  const out: number[] = [];
  for (let page = from; page <= to; page++) out.push(page);
  return out;
}

/** The row at `index`, if its page is loaded. */
export function rowAt(
  loaded: LoadedPages,
  index: number,
): PortfolioRow | undefined {
  return loaded.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/**
 * Fetches page `page` of the portfolio into `into`, unless it is there or on
 * its way. The answer is dropped once `isCurrent()` is false (the view it
 * was asked for has been replaced); otherwise it calls `onPage(total)` (with
 * the page in `into`) or `onError(error)`, then `onSettled()`.
 */
export function fetchPortfolioPage(options: {
  api: ItsecApi;
  query: Omit<PortfolioQuery, 'offset' | 'limit'>;
  into: LoadedPages;
  page: number;
  isCurrent: () => boolean;
  onPage: (total: number) => void;
  onError: (error: Error) => void;
  onSettled?: () => void;
}): void {
  const { api, query, into, page, isCurrent } = options;
  if (into.pages.has(page) || into.inflight.has(page)) return;
  into.inflight.add(page);
  api
    .getPortfolio({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
    .then(result => {
      if (!isCurrent()) return;
      into.pages.set(page, result.items);
      options.onPage(result.total);
    })
    .catch(e => {
      if (!isCurrent()) return;
      options.onError(e);
    })
    .finally(() => {
      if (!isCurrent()) return;
      into.inflight.delete(page);
      options.onSettled?.();
    });
}
