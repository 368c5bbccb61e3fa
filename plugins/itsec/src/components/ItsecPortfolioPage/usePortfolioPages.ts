import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  PortfolioFilter,
  PortfolioLens,
  PortfolioRow,
  PortfolioSort,
} from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';

export const PAGE_SIZE = 200;

export interface PortfolioPages {
  /** Total rows matching the filter; undefined until the first page arrives. */
  total?: number;
  /** The row at an index, if its page is loaded. */
  row(index: number): PortfolioRow | undefined;
  /** Asks for the pages covering [first, last] (no-op for loaded ones). */
  ensure(first: number, last: number): void;
  loading: boolean;
  error?: Error;
  /** Every loaded row (for building filter options). */
  loadedRows(): PortfolioRow[];
  version: number;
}

/**
 * Fetches the filtered, sorted portfolio page by page as rows come into view.
 * Pages are dropped when the filter or sort changes.
 */
export function usePortfolioPages(
  filter: PortfolioFilter,
  sort: PortfolioSort,
  order: 'asc' | 'desc',
  lens: PortfolioLens = 'all',
): PortfolioPages {
  const api = useApi(itsecApiRef);
  const key = JSON.stringify({ filter, sort, order, lens });
  const pages = useRef(new Map<number, PortfolioRow[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<Error>();
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(true);

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inflight.current.has(page)) return;
      inflight.current.add(page);
      const gen = generation.current;
      api
        .getPortfolio({
          filter,
          lens,
          sort,
          order,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        })
        .then(result => {
          if (gen !== generation.current) return;
          pages.current.set(page, result.items);
          setTotal(result.total);
          setError(undefined);
          setLoading(false);
          setVersion(v => v + 1);
        })
        .catch(e => {
          if (gen !== generation.current) return;
          setError(e);
          setLoading(false);
        })
        .finally(() => {
          if (gen === generation.current) inflight.current.delete(page);
        });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inflight.current = new Set();
    setTotal(undefined);
    setError(undefined);
    setLoading(true);
    setVersion(v => v + 1);
    fetchPage(0);
  }, [fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const from = Math.max(0, Math.floor(first / PAGE_SIZE));
      const to = Math.max(from, Math.floor(Math.max(first, last) / PAGE_SIZE));
      for (let p = from; p <= to; p++) fetchPage(p);
    },
    [fetchPage],
  );

  const row = useCallback(
    (index: number) =>
      pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );

  const loadedRows = useCallback(
    () => [...pages.current.values()].flat(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );

  return { total, row, ensure, loading, error, loadedRows, version };
}
