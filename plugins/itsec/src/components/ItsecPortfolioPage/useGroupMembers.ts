import { useCallback, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  PortfolioFilter,
  PortfolioLens,
  PortfolioRow,
  PortfolioSort,
} from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';
import { PAGE_SIZE } from './usePortfolioPages';

interface Members {
  total?: number;
  error?: Error;
  pages: Map<number, PortfolioRow[]>;
  inflight: Set<number>;
}

/** The members of the expanded groups, each fetched page by page as it comes into view. */
export interface GroupMembers {
  /** How many members a group has; undefined until its first page arrives. */
  total(group: string): number | undefined;
  /** A member, if its page is loaded. */
  row(group: string, index: number): PortfolioRow | undefined;
  /** Why a group's members could not be loaded. */
  error(group: string): Error | undefined;
  /** Asks for the pages of a group covering [first, last], listed with `filter`. */
  ensure(
    group: string,
    filter: PortfolioFilter,
    first: number,
    last: number,
  ): void;
  version: number;
}

/**
 * Members of the portfolio's groups through `GET /portfolio` (with the
 * group's system and domain filter), so a group of thousands stays paged.
 * Everything is dropped when the filter, lens or sort changes (`resetKey`).
 */
export function useGroupMembers(options: {
  lens: PortfolioLens;
  sort: PortfolioSort;
  order: 'asc' | 'desc';
  resetKey: string;
}): GroupMembers {
  const { lens, sort, order, resetKey } = options;
  const api = useApi(itsecApiRef);
  const groups = useRef(new Map<string, Members>());
  const generation = useRef(0);
  const [version, setVersion] = useState(0);

  // Reset while rendering, so no child asks for pages of the old view.
  const lastKey = useRef(resetKey);
  if (lastKey.current !== resetKey) {
    lastKey.current = resetKey;
    generation.current += 1;
    groups.current = new Map();
  }

  const ensure = useCallback(
    (group: string, filter: PortfolioFilter, first: number, last: number) => {
      let members = groups.current.get(group);
      if (!members) {
        members = { pages: new Map(), inflight: new Set() };
        groups.current.set(group, members);
      }
      const m = members;
      const from = Math.max(0, Math.floor(first / PAGE_SIZE));
      const to = Math.max(from, Math.floor(Math.max(first, last) / PAGE_SIZE));
      const gen = generation.current;
      for (let page = from; page <= to; page++) {
        if (m.pages.has(page) || m.inflight.has(page)) continue;
        m.inflight.add(page);
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
            m.pages.set(page, result.items);
            m.total = result.total;
            m.error = undefined;
          })
          .catch(e => {
            if (gen !== generation.current) return;
            m.error = e;
          })
          .finally(() => {
            if (gen !== generation.current) return;
            m.inflight.delete(page);
            setVersion(v => v + 1);
          });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, resetKey],
  );

  const total = useCallback(
    (group: string) => groups.current.get(group)?.total,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );
  const row = useCallback(
    (group: string, index: number) =>
      groups.current.get(group)?.pages.get(Math.floor(index / PAGE_SIZE))?.[
        index % PAGE_SIZE
      ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );
  const error = useCallback(
    (group: string) => groups.current.get(group)?.error,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );

  return { total, row, error, ensure, version };
}
