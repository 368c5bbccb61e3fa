import { InputError } from '@backstage/errors';
import type { PortfolioSort } from '@internal/plugin-itsec-common';

/** A page of a list: how many to skip and how many to return. */
export interface Page {
  offset: number;
  limit: number;
}

function intParam(
  value: unknown,
  field: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(
      `${field}: must be a whole number from ${min} to ${max}`,
    );
  }
  return n;
}

/** `offset` (default 0) and `limit` (1 to 1000, default 50); a bad one is a 400 naming it. */
export function parsePage(query: { offset?: unknown; limit?: unknown }): Page {
  return {
    offset: intParam(query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    limit: intParam(query.limit, 'limit', 50, 1, 1000),
  };
}

const SORTS: readonly PortfolioSort[] = [
  'gaps',
  'score',
  'name',
  'owner',
  'evaluatedAt',
];

/**
 * The portfolio's sort key (default `gaps`) and order (default worst or
 * newest first for `gaps` and `evaluatedAt`, else ascending), and its page.
 */
export function parsePortfolioPage(query: {
  sort?: unknown;
  order?: unknown;
  offset?: unknown;
  limit?: unknown;
}): Page & { sort: PortfolioSort; order: 'asc' | 'desc' } {
  const sort = query.sort ?? 'gaps';
  if (!SORTS.includes(sort as PortfolioSort)) {
    throw new InputError(`sort: must be one of ${SORTS.join(', ')}`);
  }
  const order =
    query.order ?? (sort === 'gaps' || sort === 'evaluatedAt' ? 'desc' : 'asc');
  if (order !== 'asc' && order !== 'desc') {
    throw new InputError('order: must be asc or desc');
  }
  return { sort: sort as PortfolioSort, order, ...parsePage(query) };
}
