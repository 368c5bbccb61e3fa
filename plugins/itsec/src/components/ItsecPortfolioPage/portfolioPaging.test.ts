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

/** An api whose portfolio answers wait until the test settles them. */
function pendingApi() {
  const calls: {
    query: PortfolioQuery;
    resolve: (page: PortfolioPage) => void;
    reject: (e: Error) => void;
  }[] = [];
  const api = {
    getPortfolio: (query: PortfolioQuery) =>
      new Promise<PortfolioPage>((resolve, reject) =>
        calls.push({ query, resolve, reject }),
      ),
  } as unknown as ItsecApi;
  return { api, calls };
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
    const { api, calls } = pendingApi();
    const into = noPages();
    const onPage = jest.fn();
    const onSettled = jest.fn();
    const options = {
      api,
      query,
      into,
      page: 2,
      isCurrent: () => true,
      onPage,
      onError: jest.fn(),
      onSettled,
    };
    fetchPortfolioPage(options);
    // Asked again while on its way: no second request.
    fetchPortfolioPage(options);
    expect(calls.map(c => c.query)).toEqual([
      { ...query, offset: 2 * PAGE_SIZE, limit: PAGE_SIZE },
    ]);

    calls[0].resolve(makePortfolioPage(1000, 2 * PAGE_SIZE, PAGE_SIZE));
    await flush();
    expect(onPage).toHaveBeenCalledWith(1000);
    expect(onSettled).toHaveBeenCalledTimes(1);
    expect(rowAt(into, 2 * PAGE_SIZE + 3)?.entityRef).toBe(
      makePortfolioPage(1000, 2 * PAGE_SIZE + 3, 1).items[0].entityRef,
    );
    expect(rowAt(into, 0)).toBeUndefined();
    expect(into.inflight.size).toBe(0);

    // Loaded: no request either.
    fetchPortfolioPage(options);
    expect(calls).toHaveLength(1);
  });

  it('reports a failure and lets the page be asked for again', async () => {
    const { api, calls } = pendingApi();
    const into = noPages();
    const onError = jest.fn();
    const options = {
      api,
      query: {},
      into,
      page: 0,
      isCurrent: () => true,
      onPage: jest.fn(),
      onError,
    };
    fetchPortfolioPage(options);
    calls[0].reject(new Error('backend down'));
    await flush();
    expect(onError).toHaveBeenCalledWith(new Error('backend down'));
    expect(into.pages.size).toBe(0);

    fetchPortfolioPage(options);
    expect(calls).toHaveLength(2);
  });

  it('drops an answer for a view that has been replaced', async () => {
    const { api, calls } = pendingApi();
    const into = noPages();
    let current = true;
    const onPage = jest.fn();
    const onSettled = jest.fn();
    fetchPortfolioPage({
      api,
      query: {},
      into,
      page: 0,
      isCurrent: () => current,
      onPage,
      onError: jest.fn(),
      onSettled,
    });
    current = false;
    calls[0].resolve(makePortfolioPage(10, 0, PAGE_SIZE));
    await flush();
    expect(onPage).not.toHaveBeenCalled();
    expect(onSettled).not.toHaveBeenCalled();
    expect(into.pages.size).toBe(0);
  });
});
