import { screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  PortfolioGroupRollup,
  PortfolioGroups,
  lensStatementIds,
} from '@internal/plugin-itsec-common';
import { PortfolioContent } from './ItsecPortfolioPage';
import {
  emptyCounts,
  makeHistory,
  makePortfolioPage,
  makeRow,
  makeSummary,
  policy,
} from '../../__testUtils__/fixtures';
import { BASE, renderItsec } from '../../__testUtils__/render';
import { setupTestServer } from '../../__testUtils__/msw';

jest.setTimeout(30_000);
const userEvent = userEventLib.setup({ delay: null });

const server = setupTestServer();

const HMCTS = 'domain:default/hmcts';
const CIVIL = 'system:default/civil';

function rollup(
  entities: number,
  score: number | null,
  gapsByStatement: Record<string, number>,
): PortfolioGroupRollup {
  const gaps = Object.values(gapsByStatement).reduce((a, b) => a + b, 0);
  const statuses: PortfolioGroupRollup['statuses'] = {};
  for (const id of lensStatementIds(policy, 'all')) statuses[id] = 'met';
  for (const id of Object.keys(gapsByStatement)) statuses[id] = 'gap';
  return {
    entities,
    score,
    gaps,
    counts: { ...emptyCounts(), gap: gaps, met: entities * 10 },
    statuses,
    gapsByStatement,
  };
}

const GROUPS: PortfolioGroups = {
  total: 6,
  domains: [
    {
      domain: HMCTS,
      ...rollup(5, 62, { 'POL.ITSEC.043': 2, 'POL.ITSEC.005': 1 }),
      systems: [
        {
          system: CIVIL,
          title: 'Civil money claims',
          ...rollup(3, 55, { 'POL.ITSEC.043': 2, 'POL.ITSEC.005': 1 }),
        },
        { system: 'system:default/family', ...rollup(2, 74, {}) },
      ],
    },
    {
      domain: null,
      ...rollup(1, null, { 'POL.ITSEC.043': 1 }),
      systems: [{ system: null, ...rollup(1, null, { 'POL.ITSEC.043': 1 }) }],
    },
  ],
};

function useBackend() {
  const requests: URL[] = [];
  const track = (request: Request) => {
    const url = new URL(request.url);
    requests.push(url);
    return url;
  };
  server.use(
    http.get(`${BASE}/policy`, () => HttpResponse.json(policy)),
    http.get(`${BASE}/status`, () => HttpResponse.json({ stale: false })),
    http.get(`${BASE}/portfolio/summary`, ({ request }) => {
      track(request);
      return HttpResponse.json(makeSummary(6));
    }),
    http.get(`${BASE}/portfolio/history`, () =>
      HttpResponse.json(makeHistory(3)),
    ),
    http.get(`${BASE}/portfolio/groups`, ({ request }) => {
      track(request);
      return HttpResponse.json(GROUPS);
    }),
    http.get(`${BASE}/portfolio`, ({ request }) => {
      const url = track(request);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const system = url.searchParams.get('system');
      if (system === CIVIL) {
        return HttpResponse.json(
          makePortfolioPage(3, offset, limit, i => ({
            ...makeRow(100 + i),
            title: `Civil part ${i}`,
            system: CIVIL,
            domain: HMCTS,
          })),
        );
      }
      if (system === 'none') {
        return HttpResponse.json(
          makePortfolioPage(1, offset, limit, () => ({
            ...makeRow(900),
            title: 'Orphan service',
          })),
        );
      }
      return HttpResponse.json(makePortfolioPage(6, offset, limit));
    }),
  );
  const of = (path: string) =>
    requests.filter(u => u.pathname === `/api/itsec${path}`);
  return { of };
}

const columnHeaders = (heatmap: HTMLElement) =>
  within(heatmap)
    .getAllByRole('columnheader')
    .slice(2)
    .map(h => h.textContent);

describe('portfolio group rows', () => {
  it('groups by organisation from a toggle, with each group row carrying its roll-up', async () => {
    const backend = useBackend();
    await renderItsec(<PortfolioContent />, { routeEntries: ['/itsec'] });
    await screen.findByTestId('itsec-heatmap');
    await userEvent.click(
      screen.getByRole('button', { name: 'Group by organisation' }),
    );
    const heatmap = await screen.findByTestId('itsec-heatmap');
    await waitFor(() =>
      expect(heatmap).toHaveAttribute(
        'aria-label',
        'Heatmap of 6 entities against policy statements, grouped by Domain and System',
      ),
    );
    expect(backend.of('/portfolio/groups')).toHaveLength(1);
    const hmcts = within(heatmap).getByRole('button', {
      name: 'hmcts domain · 5 entities · 3 gaps',
    });
    expect(hmcts).toHaveAttribute('aria-expanded', 'false');
    const noDomain = within(heatmap).getByRole('button', {
      name: 'No domain domain · 1 entity · 1 gap',
    });
    expect(noDomain).toBeInTheDocument();
    // Collapsed: only the two Domain rows, no System and no entity yet.
    expect(within(heatmap).getAllByRole('row')).toHaveLength(3);
    const row = hmcts.closest('[role="row"]') as HTMLElement;
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('62');
    expect(
      within(row).getByLabelText(/^POL\.ITSEC\.043 .*: Gap, 2 gaps$/),
    ).toHaveTextContent('✗2');
    expect(
      within(row).getByLabelText(/^POL\.ITSEC\.003 .*: Met$/),
    ).toHaveTextContent('✓');
  });

  it('expands a Domain and a System from the keyboard, loading the System’s entities page by page', async () => {
    const backend = useBackend();
    await renderItsec(<PortfolioContent />, {
      routeEntries: ['/itsec?group=organisation&owner=team-a'],
    });
    const heatmap = await screen.findByTestId('itsec-heatmap');
    const hmcts = await within(heatmap).findByRole('button', {
      name: /^hmcts domain/,
    });
    hmcts.focus();
    await userEvent.keyboard('{Enter}');
    expect(hmcts).toHaveAttribute('aria-expanded', 'true');
    const civil = await within(heatmap).findByRole('button', {
      name: 'Civil money claims system · 3 entities · 3 gaps',
    });
    expect(
      within(heatmap).getByRole('button', {
        name: 'family system · 2 entities · 0 gaps',
      }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(
      backend.of('/portfolio').filter(u => u.searchParams.get('system')),
    ).toEqual([]);

    civil.focus();
    await userEvent.keyboard(' ');
    expect(civil).toHaveAttribute('aria-expanded', 'true');
    expect(
      await within(heatmap).findByRole('link', { name: 'Civil part 0' }),
    ).toBeInTheDocument();
    expect(
      within(heatmap).getByRole('link', { name: 'Civil part 2' }),
    ).toBeInTheDocument();
    const members = backend
      .of('/portfolio')
      .filter(u => u.searchParams.get('system'));
    expect(members).toHaveLength(1);
    expect(members[0].searchParams.getAll('system')).toEqual([CIVIL]);
    expect(members[0].searchParams.getAll('domain')).toEqual([HMCTS]);
    // The page's own filters still apply to the members.
    expect(members[0].searchParams.getAll('owner')).toEqual(['team-a']);

    // Collapsing hides the members again.
    await userEvent.click(civil);
    expect(civil).toHaveAttribute('aria-expanded', 'false');
    expect(
      within(heatmap).queryByRole('link', { name: 'Civil part 0' }),
    ).not.toBeInTheDocument();
  });

  it('labels the entities without a Domain or System and lists them with none', async () => {
    const backend = useBackend();
    await renderItsec(<PortfolioContent />, {
      routeEntries: ['/itsec?group=organisation'],
    });
    const heatmap = await screen.findByTestId('itsec-heatmap');
    await userEvent.click(
      await within(heatmap).findByRole('button', { name: /^No domain/ }),
    );
    await userEvent.click(
      await within(heatmap).findByRole('button', {
        name: 'No system system · 1 entity · 1 gap',
      }),
    );
    expect(
      await within(heatmap).findByRole('link', { name: 'Orphan service' }),
    ).toBeInTheDocument();
    const members = backend
      .of('/portfolio')
      .filter(u => u.searchParams.get('system'));
    expect(members[0].searchParams.getAll('system')).toEqual(['none']);
    expect(members[0].searchParams.getAll('domain')).toEqual(['none']);
  });
});

describe('portfolio lenses', () => {
  it('restricts the columns, the statement filter and every request to the evidence in catalog', async () => {
    const backend = useBackend();
    await renderItsec(<PortfolioContent />, {
      routeEntries: ['/itsec?statement=POL.ITSEC.005&statement=POL.ITSEC.043'],
    });
    const heatmap = await screen.findByTestId('itsec-heatmap');
    expect(columnHeaders(heatmap)).toEqual(
      lensStatementIds(policy, 'all').map(id => id.slice(-3)),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Evidence in catalog' }),
    );
    await waitFor(() =>
      expect(columnHeaders(screen.getByTestId('itsec-heatmap'))).toEqual(
        lensStatementIds(policy, 'catalog').map(id => id.slice(-3)),
      ),
    );
    expect(columnHeaders(screen.getByTestId('itsec-heatmap'))).toContain('043');
    expect(columnHeaders(screen.getByTestId('itsec-heatmap'))).not.toContain(
      '005',
    );
    expect(
      screen.getByRole('button', { name: 'Evidence in catalog' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() =>
      expect(
        backend
          .of('/portfolio')
          .some(u => u.searchParams.get('lens') === 'catalog'),
      ).toBe(true),
    );
    const page = backend
      .of('/portfolio')
      .find(u => u.searchParams.get('lens') === 'catalog')!;
    // POL.ITSEC.005 is an attestation statement: dropped from the filter.
    expect(page.searchParams.getAll('statement')).toEqual(['POL.ITSEC.043']);
    expect(
      backend
        .of('/portfolio/summary')
        .some(u => u.searchParams.get('lens') === 'catalog'),
    ).toBe(true);
  });

  it('shows only the statements proven by sign-offs under Attestations, in the groups too', async () => {
    const backend = useBackend();
    await renderItsec(<PortfolioContent />, {
      routeEntries: ['/itsec?group=organisation&lens=attestations'],
    });
    const heatmap = await screen.findByTestId('itsec-heatmap');
    await within(heatmap).findByRole('button', { name: /^hmcts domain/ });
    expect(columnHeaders(heatmap)).toEqual(
      lensStatementIds(policy, 'attestations').map(id => id.slice(-3)),
    );
    expect(columnHeaders(heatmap)).toContain('023');
    expect(
      screen.getByRole('button', { name: 'Attestations' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      backend.of('/portfolio/groups').map(u => u.searchParams.get('lens')),
    ).toEqual(['attestations']);
    expect(
      backend.of('/portfolio/summary').map(u => u.searchParams.get('lens')),
      // The other summary lists every owner for the owner filter.
    ).toEqual(expect.arrayContaining(['attestations']));

    await userEvent.click(
      screen.getByRole('button', { name: 'All statements' }),
    );
    await waitFor(() =>
      expect(backend.of('/portfolio/groups')).toHaveLength(2),
    );
    expect(backend.of('/portfolio/groups')[1].searchParams.has('lens')).toBe(
      false,
    );
  });
});
