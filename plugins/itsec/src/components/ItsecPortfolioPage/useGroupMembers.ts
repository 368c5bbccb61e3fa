import { useCallback, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  PortfolioFilter,
  PortfolioLens,
  PortfolioRow,
  PortfolioSort,
} from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';
import {
  type LoadedPages,
  fetchPortfolioPage,
  noPages,
  pagesCovering,
  rowAt,
} from './portfolioPaging';

interface Members extends LoadedPages {
  total?: number;
  error?: Error;
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
        members = noPages();
        groups.current.set(group, members);
      }
      const m: Members = members;
      const gen = generation.current;
      for (const page of pagesCovering(first, last)) {
        fetchPortfolioPage({
          api,
          query: { filter, lens, sort, order },
          into: m,
          page,
          isCurrent: () => gen === generation.current,
          onPage: count => {
            m.total = count;
            m.error = undefined;
          },
          onError: e => {
            m.error = e;
          },
          onSettled: () => setVersion(v => v + 1),
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
    (group: string, index: number) => {
      const members = groups.current.get(group);
      return members && rowAt(members, index);
    },
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
