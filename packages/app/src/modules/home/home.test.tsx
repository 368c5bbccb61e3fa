import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { itsecApiRef } from '@internal/plugin-itsec';
import { screen } from '@testing-library/react';
import { homeFeature } from '.';

jest.setTimeout(30_000);

const itsecApi = {
  getMyTasks: async () => ({
    asOf: '2026-06-15',
    dueSoonWindow: 'P30D',
    items: [],
  }),
  getMyScorecards: async () => ({ items: [] }),
  getPolicy: async () => ({ statements: [] }),
};

describe('home at /', () => {
  it('is where a signed-in person lands: their tasks and scorecards', async () => {
    renderTestApp({
      features: [homeFeature, catalogPlugin],
      initialRouteEntries: ['/'],
      apis: [[itsecApiRef, itsecApi]] as any,
    });
    expect(
      await screen.findByText('What do I have to do?'),
    ).toBeInTheDocument();
    expect(await screen.findByText(/Nothing to do/)).toBeInTheDocument();
    expect(
      await screen.findByText(/None of your teams owns a scored entity/),
    ).toBeInTheDocument();
  });

  it('leaves unknown routes to the 404 page', async () => {
    renderTestApp({
      features: [homeFeature, catalogPlugin],
      initialRouteEntries: ['/no-such-page'],
      apis: [[itsecApiRef, itsecApi]] as any,
    });
    expect(await screen.findByText(/404/)).toBeInTheDocument();
    expect(screen.queryByText('What do I have to do?')).toBeNull();
  });
});
