import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { ItsecPortfolioPage, PortfolioContent } from './ItsecPortfolioPage';
import { parseViewState, toSearchParams } from './urlState';
import {
  errorBody,
  makeHistory,
  makePortfolioPage,
  makeSummary,
  policy,
} from '../../__testUtils__/fixtures';
import { BASE, renderItsec } from '../../__testUtils__/render';
import { setupTestServer } from '../../__testUtils__/msw';

jest.setTimeout(30_000);
const userEvent = userEventLib.setup({ delay: null });

const server = setupTestServer();

const HEALTHY = {
  stale: false,
  lastSuccessfulRun: {
    startedAt: '2026-10-01T09:00:00.000Z',
    finishedAt: '2026-10-01T09:00:05.000Z',
    asOf: '2026-10-01',
    entities: 10_000,
  },
  limits: { exceptionMaxDuration: 'P12M' },
};

function useBackend(total = 10_000, status: object = HEALTHY) {
  const pageRequests: URL[] = [];
  const summaryRequests: URL[] = [];
  const exportRequests: URL[] = [];
  server.use(
    http.get(`${BASE}/policy`, () => HttpResponse.json(policy)),
    http.get(`${BASE}/status`, () => HttpResponse.json(status)),
    http.get(`${BASE}/portfolio/summary`, ({ request }) => {
      const url = new URL(request.url);
      summaryRequests.push(url);
      return HttpResponse.json(
        makeSummary(url.search ? Math.min(total, 3) : total),
      );
    }),
    http.get(`${BASE}/portfolio/history`, () =>
      HttpResponse.json(makeHistory(10)),
    ),
    http.get(`${BASE}/portfolio/export`, ({ request }) => {
      exportRequests.push(new URL(request.url));
      return new HttpResponse('entityRef,score\n', {
        headers: {
          'content-type': 'text/csv',
          'content-disposition': 'attachment; filename="itsec-portfolio.csv"',
        },
      });
    }),
    http.get(`${BASE}/portfolio`, ({ request }) => {
      const url = new URL(request.url);
      pageRequests.push(url);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      return HttpResponse.json(makePortfolioPage(total, offset, limit));
    }),
  );
  return { pageRequests, summaryRequests, exportRequests };
}

describe('PortfolioContent', () => {
  it('renders a virtualised heatmap of 10,000 entities, fetching only the first page', async () => {
    const { pageRequests } = useBackend();
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    const heatmap = await screen.findByTestId('itsec-heatmap');
    expect(heatmap).toHaveAttribute(
      'aria-label',
      'Heatmap of 10000 entities against policy statements',
    );
    expect(
      await within(heatmap).findByRole('link', { name: 'Service 0' }),
    ).toHaveAttribute('title', 'Service 0');
    expect(
      within(heatmap).getByRole('link', { name: 'Service 0' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/service-00000/security',
    );
    const rows = within(heatmap).getAllByRole('row');
    expect(rows.length).toBeLessThan(60);
    expect(pageRequests).toHaveLength(1);
    expect(pageRequests[0].searchParams.get('offset')).toBe('0');
    expect(pageRequests[0].searchParams.get('sort')).toBe('gaps');
    expect(pageRequests[0].searchParams.get('order')).toBe('desc');
    // every cell carries its status in text, not colour alone
    const cell = within(rows[1]).getAllByRole('cell')[1];
    expect(cell.getAttribute('aria-label')).toMatch(
      /^POL\.ITSEC\.\d{3} .+: (Met|Gap|Due soon|Excepted|Not applicable)$/,
    );
    expect(cell.textContent).toMatch(/^[✓✗!E–]$/);
    // counts per statement and per owner, and the trend chart
    expect(
      screen.getByRole('table', { name: 'Counts per statement' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Counts per owner' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Portfolio trend/ }),
    ).toBeInTheDocument();
  });

  it('says since when results are stale while scheduled evaluations fail', async () => {
    useBackend(10, {
      ...HEALTHY,
      stale: true,
      failingSince: '2026-10-02T09:00:00.000Z',
      lastFailureAt: '2026-10-02T10:00:00.000Z',
      failures: 3,
    });
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    const banner = await screen.findByTestId('itsec-stale-results');
    expect(banner).toHaveTextContent(
      'Results are stale since 2 Oct 2026, 09:00 UTC',
    );
    expect(banner).toHaveTextContent(
      'Scheduled evaluations have failed since then (3 runs, the last at 2 Oct 2026, 10:00 UTC).',
    );
    expect(banner).toHaveTextContent(
      'the last successful evaluation, on 1 Oct 2026, 09:00 UTC',
    );
  });

  it('shows no stale banner while evaluations succeed', async () => {
    useBackend(10);
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    await screen.findByTestId('itsec-heatmap');
    expect(screen.queryByTestId('itsec-stale-results')).not.toBeInTheDocument();
  });

  it('fetches the next page when scrolled', async () => {
    const { pageRequests } = useBackend();
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    const heatmap = await screen.findByTestId('itsec-heatmap');
    await within(heatmap).findByRole('link', { name: 'Service 0' });
    heatmap.scrollTop = 28 * 5000;
    heatmap.dispatchEvent(new Event('scroll'));
    expect(
      await within(heatmap).findByRole('link', { name: 'Service 5000' }),
    ).toBeInTheDocument();
    expect(pageRequests.map(u => u.searchParams.get('offset'))).toContain(
      '4800',
    );
    expect(pageRequests.length).toBeLessThanOrEqual(4);
  });

  it('reads filters from the URL and sends them as repeated query parameters', async () => {
    const { pageRequests, summaryRequests } = useBackend();
    await renderItsec(<PortfolioContent />, {
      routeEntries: [
        '/itsec?owner=group:default/cmc-team&kind=component&kind=system&status=gap&statement=POL.ITSEC.043&q=claim&sort=name',
      ],
    });
    await screen.findByTestId('itsec-heatmap');
    const params = pageRequests[0].searchParams;
    expect(params.getAll('owner')).toEqual(['group:default/cmc-team']);
    expect(params.getAll('kind')).toEqual(['component', 'system']);
    expect(params.getAll('status')).toEqual(['gap']);
    expect(params.getAll('statement')).toEqual(['POL.ITSEC.043']);
    expect(params.get('q')).toBe('claim');
    expect(params.get('sort')).toBe('name');
    expect(params.get('order')).toBe('asc');
    expect(
      summaryRequests.some(
        u => u.searchParams.get('owner') === 'group:default/cmc-team',
      ),
    ).toBe(true);
    expect(screen.getByLabelText('Search entities')).toHaveValue('claim');
  });

  it('filters to one owner from the owner counts and exports exactly what is filtered', async () => {
    const { pageRequests, exportRequests } = useBackend();
    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Filter to owner cmc-team' }),
    );
    await waitFor(() =>
      expect(
        pageRequests.some(
          u => u.searchParams.get('owner') === 'group:default/cmc-team',
        ),
      ).toBe(true),
    );
    await userEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(exportRequests).toHaveLength(1));
    expect(exportRequests[0].searchParams.get('format')).toBe('csv');
    expect(exportRequests[0].searchParams.getAll('owner')).toEqual([
      'group:default/cmc-team',
    ]);
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(click).toHaveBeenCalled();
    click.mockRestore();
  });

  it('switches the heatmap to policy sections and sorts', async () => {
    const { pageRequests } = useBackend();
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    const heatmap = await screen.findByTestId('itsec-heatmap');
    expect(
      within(heatmap).getByRole('columnheader', { name: '043' }),
    ).toBeInTheDocument();
    // Keyboard users can scroll it (sideways too) and reach every header.
    expect(heatmap).toHaveAttribute('tabindex', '0');
    // Its button's name starts with the visible text, then the title.
    const header = within(heatmap).getByRole('button', {
      name: /^043: POL\.ITSEC\.043 .*, show only gaps here$/,
    });
    // Keyboard focus (as MUI tells it from a pointer's) shows the title.
    fireEvent.keyDown(document.body, { key: 'Tab' });
    act(() => header.focus());
    expect(
      await screen.findByRole('tooltip', { name: /POL\.ITSEC\.043 / }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Columns are policy sections' }),
    );
    const sections = await screen.findByTestId('itsec-heatmap');
    expect(
      within(sections).getByRole('button', {
        name: 'Business Continuity, show only gaps here',
      }),
    ).toBeInTheDocument();
    expect(sections).toHaveAttribute(
      'aria-label',
      expect.stringMatching(/policy sections$/),
    );

    await userEvent.click(screen.getByRole('button', { name: /Sort/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Lowest score' }),
    );
    await waitFor(() =>
      expect(
        pageRequests.some(
          u =>
            u.searchParams.get('sort') === 'score' &&
            u.searchParams.get('order') === 'asc',
        ),
      ).toBe(true),
    );
  });

  it('searches after a pause', async () => {
    const { pageRequests } = useBackend();
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    await screen.findByTestId('itsec-heatmap');
    await userEvent.type(screen.getByLabelText('Search entities'), 'probate');
    await waitFor(() =>
      expect(
        pageRequests.some(u => u.searchParams.get('q') === 'probate'),
      ).toBe(true),
    );
  });

  it('shows an empty state when nothing matches', async () => {
    useBackend(0);
    await renderItsec(<PortfolioContent />, {
      routeEntries: ['/itsec?owner=group:default/nobody'],
    });
    expect(await screen.findByText('No entities match')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Clear filters' }),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the portfolio fails", async () => {
    useBackend();
    server.use(
      http.get(`${BASE}/portfolio`, () =>
        HttpResponse.json(
          errorBody(
            'InputError',
            'sort must be one of gaps, score, name, owner, evaluatedAt',
            400,
          ),
          { status: 400 },
        ),
      ),
    );
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    expect(
      (await screen.findAllByText(/sort must be one of/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows a forbidden error from the backend', async () => {
    useBackend();
    server.use(
      http.get(`${BASE}/policy`, () =>
        HttpResponse.json(
          errorBody('NotAllowedError', 'You may not read the portfolio', 403),
          { status: 403 },
        ),
      ),
    );
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    expect(
      (await screen.findAllByText(/You may not read the portfolio/)).length,
    ).toBeGreaterThan(0);
  });

  it('has a page wrapper with a header for the legacy system', async () => {
    useBackend(3);
    await renderItsec(<ItsecPortfolioPage />, { routeEntries: ['/itsec'] });
    expect(
      await screen.findByRole('heading', { name: 'Security portfolio' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('itsec-heatmap')).toBeInTheDocument();
  });
});

describe('portfolio URL state', () => {
  it('round-trips filters, sort, view, lens and grouping', () => {
    const params = new URLSearchParams(
      'owner=a&owner=b&classification=SECRET&q=x&sort=score&order=desc&view=sections&lens=attestations&group=organisation',
    );
    const state = parseViewState(params);
    expect(state).toEqual({
      filter: { owner: ['a', 'b'], classification: ['SECRET'], q: 'x' },
      sort: 'score',
      order: 'desc',
      view: 'sections',
      lens: 'attestations',
      rows: 'organisation',
    });
    expect(toSearchParams(state).toString()).toBe(params.toString());
    expect(
      toSearchParams(parseViewState(new URLSearchParams(''))).toString(),
    ).toBe('');
  });

  it('reads an unknown lens or grouping as the default', () => {
    const state = parseViewState(
      new URLSearchParams('lens=records&group=team'),
    );
    expect([state.lens, state.rows]).toEqual(['all', 'entities']);
  });
});
