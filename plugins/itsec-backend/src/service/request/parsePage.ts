import type { PortfolioSort } from '@internal/plugin-itsec-common';

/*
 * The OpenAPI validator has already checked these (integers in range, known
 * sort keys and orders) with a 400 naming the field; what is left is the
 * defaults.
 */

/** A page of a list: how many to skip and how many to return. */
export interface Page {
  offset: number;
  limit: number;
}

/** `offset` (default 0) and `limit` (default 50). */
export function parsePage(query: { offset?: number; limit?: number }): Page {
  return { offset: query.offset ?? 0, limit: query.limit ?? 50 };
}

/**
 * The portfolio's sort key (default `gaps`) and order (default worst or
 * newest first for `gaps` and `evaluatedAt`, else ascending), and its page.
 */
export function parsePortfolioPage(query: {
  sort?: PortfolioSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}): Page & { sort: PortfolioSort; order: 'asc' | 'desc' } {
  const sort = query.sort ?? 'gaps';
  const order =
    query.order ?? (sort === 'gaps' || sort === 'evaluatedAt' ? 'desc' : 'asc');
  return { sort, order, ...parsePage(query) };
}
