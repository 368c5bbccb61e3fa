import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupTestServer } from './__testUtils__/msw';
import {
  EntityItsecScorecardCard,
  EntityItsecSecurityContent,
  itsecPlugin,
  ItsecPortfolioPage,
  isItsecEntity,
  itsecApiRef,
} from './index';
import {
  componentEntity,
  makeHistory,
  makePortfolioPage,
  makeScorecard,
  makeSummary,
  policy,
} from './__testUtils__/fixtures';
import { BASE, renderItsec } from './__testUtils__/render';
import { Route, Routes } from 'react-router-dom';

jest.setTimeout(30_000);

const server = setupTestServer();

beforeEach(() => {
  const entity = `${BASE}/entities/component/default/cmc-claim-store`;
  server.use(
    http.get(`${BASE}/policy`, () => HttpResponse.json(policy)),
    http.get(`${entity}/scorecard`, () => HttpResponse.json(makeScorecard())),
    http.get(`${entity}/history`, () => HttpResponse.json(makeHistory())),
    http.get(`${BASE}/exceptions`, () => HttpResponse.json({ items: [] })),
    http.get(`${BASE}/portfolio/summary`, () =>
      HttpResponse.json(makeSummary(20)),
    ),
    http.get(`${BASE}/status`, () =>
      HttpResponse.json({
        stale: false,
        limits: { exceptionMaxDuration: 'P12M' },
      }),
    ),
    http.get(`${BASE}/portfolio/history`, () =>
      HttpResponse.json(makeHistory()),
    ),
    http.get(`${BASE}/portfolio`, () =>
      HttpResponse.json(makePortfolioPage(20, 0, 200)),
    ),
  );
});

describe('legacy plugin exports', () => {
  it('is the itsec plugin with its API factory and routes', () => {
    expect(itsecPlugin.getId()).toBe('itsec');
    expect([...itsecPlugin.getApis()].map(f => f.api.id)).toEqual([
      itsecApiRef.id,
    ]);
    expect(Object.keys(itsecPlugin.routes)).toEqual(['root', 'entityContent']);
  });

  it('renders the entity card extension', async () => {
    await renderItsec(<EntityItsecScorecardCard />, {
      entity: componentEntity,
    });
    expect(await screen.findByText('Top gaps')).toBeInTheDocument();
  });

  it('renders the entity Security tab extension', async () => {
    await renderItsec(
      <Routes>
        <Route path="/security" element={<EntityItsecSecurityContent />} />
      </Routes>,
      { entity: componentEntity, routeEntries: ['/security'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'Policy statements' }),
    ).toBeInTheDocument();
  });

  it('renders the portfolio page extension', async () => {
    await renderItsec(
      <Routes>
        <Route path="/itsec" element={<ItsecPortfolioPage />} />
      </Routes>,
      { routeEntries: ['/itsec'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'Security portfolio' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('itsec-heatmap')).toBeInTheDocument();
  });

  it('applies to the configured kinds', () => {
    expect(isItsecEntity(componentEntity)).toBe(true);
    expect(isItsecEntity({ ...componentEntity, kind: 'User' })).toBe(false);
    expect(isItsecEntity({ ...componentEntity, kind: 'API' })).toBe(true);
    expect(isItsecEntity({ ...componentEntity, kind: 'Domain' })).toBe(false);
  });
});
