import type { PortfolioPage } from '@internal/plugin-itsec-common';
import type { ItsecApi, PortfolioQuery } from '../../api';
import { makePortfolioPage } from '../../__testUtils__/fixtures';
import {
  PAGE_SIZE,
  fetchPortfolioPage,
  noPages,
  pagesCovering,
  rowAt,
} from './portfolioPaging';

/**
 * The options of a request for `page`, to an api whose portfolio answers wait
 * until the test settles them (`calls`); `replaceView()` makes it stale.
 */
function pendingRequest(
  page: number,
  query: Omit<PortfolioQuery, 'offset' | 'limit'> = {},
) {
  const calls: {
    query: PortfolioQuery;
    resolve: (page: PortfolioPage) => void;
    reject: (e: Error) => void;
  }[] = [];
  const api = {
    getPortfolio: (q: PortfolioQuery) =>
      new Promise<PortfolioPage>((resolve, reject) =>
        calls.push({ query: q, resolve, reject }),
      ),
  } as unknown as ItsecApi;
  let current = true;
  const options = {
    api,
    query,
    into: noPages(),
    page,
    isCurrent: () => current,
    onPage: jest.fn(),
    onError: jest.fn(),
    onSettled: jest.fn(),
  };
  const replaceView = () => {
    current = false;
  };
  return { calls, options, replaceView };
}

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

describe('pagesCovering', () => {
  it.each([
    [0, 0, [0]],
    [0, PAGE_SIZE - 1, [0]],
    [PAGE_SIZE - 1, PAGE_SIZE, [0, 1]],
    [PAGE_SIZE * 2 + 5, PAGE_SIZE * 4, [2, 3, 4]],
    // A last row before the first still fetches the first's page.
    [PAGE_SIZE + 1, 3, [1]],
    [-10, -1, [0]],
  ])('rows %i to %i are on pages %j', (first, last, pages) => {
    expect(pagesCovering(first, last)).toEqual(pages);
  });
});

describe('fetchPortfolioPage', () => {
  const query: Omit<PortfolioQuery, 'offset' | 'limit'> = {
    filter: { owner: ['group:default/team-a'] },
    lens: 'all',
    sort: 'score',
    order: 'asc',
  };

  it('asks for the page by offset, stores its rows and reports the total', async () => {
    const { calls, options } = pendingRequest(2, query);
    fetchPortfolioPage(options);
    // Asked again while on its way: no second request.
    fetchPortfolioPage(options);
    expect(calls.map(c => c.query)).toEqual([
      { ...query, offset: 2 * PAGE_SIZE, limit: PAGE_SIZE },
    ]);

    calls[0].resolve(makePortfolioPage(1000, 2 * PAGE_SIZE, PAGE_SIZE));
    await flush();
    expect(options.onPage).toHaveBeenCalledWith(1000);
    expect(options.onSettled).toHaveBeenCalledTimes(1);
    expect(rowAt(options.into, 2 * PAGE_SIZE + 3)?.entityRef).toBe(
      makePortfolioPage(1000, 2 * PAGE_SIZE + 3, 1).items[0].entityRef,
    );
    expect(rowAt(options.into, 0)).toBeUndefined();
    expect(options.into.inflight.size).toBe(0);

    // Loaded: no request either.
    fetchPortfolioPage(options);
    expect(calls).toHaveLength(1);
  });

  it('reports a failure and lets the page be asked for again', async () => {
    const { calls, options } = pendingRequest(0);
    fetchPortfolioPage(options);
    calls[0].reject(new Error('backend down'));
    await flush();
    expect(options.onError).toHaveBeenCalledWith(new Error('backend down'));
    expect(options.onPage).not.toHaveBeenCalled();
    expect(options.into.pages.size).toBe(0);

    fetchPortfolioPage(options);
    expect(calls).toHaveLength(2);
  });

  it('drops an answer for a view that has been replaced', async () => {
    const { calls, options, replaceView } = pendingRequest(0);
    fetchPortfolioPage(options);
    replaceView();
    calls[0].resolve(makePortfolioPage(10, 0, PAGE_SIZE));
    await flush();
    expect(options.onPage).not.toHaveBeenCalled();
    expect(options.onSettled).not.toHaveBeenCalled();
    expect(options.into.pages.size).toBe(0);
  });
});
