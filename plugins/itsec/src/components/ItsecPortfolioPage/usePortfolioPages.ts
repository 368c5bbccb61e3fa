import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  PortfolioFilter,
  PortfolioLens,
  PortfolioRow,
  PortfolioSort,
} from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';
import {
  fetchPortfolioPage,
  noPages,
  pagesCovering,
  rowAt,
} from './portfolioPaging';

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
  const loaded = useRef(noPages());
  const generation = useRef(0);
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<Error>();
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(true);

  const fetchPage = useCallback(
    (page: number) => {
      const gen = generation.current;
      fetchPortfolioPage({
        api,
        query: { filter, lens, sort, order },
        into: loaded.current,
        page,
        isCurrent: () => gen === generation.current,
        onPage: count => {
          setTotal(count);
          setError(undefined);
          setLoading(false);
          setVersion(v => v + 1);
        },
        onError: e => {
          setError(e);
          setLoading(false);
        },
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  useEffect(() => {
    generation.current += 1;
    loaded.current = noPages();
    setTotal(undefined);
    setError(undefined);
    setLoading(true);
    setVersion(v => v + 1);
    fetchPage(0);
  }, [fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (const page of pagesCovering(first, last)) fetchPage(page);
    },
    [fetchPage],
  );

  const row = useCallback(
    (index: number) => rowAt(loaded.current, index),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );

  const loadedRows = useCallback(
    () => [...loaded.current.pages.values()].flat(),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );

  return { total, row, ensure, loading, error, loadedRows, version };
}
