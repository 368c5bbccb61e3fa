import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupTestServer } from './__testUtils__/msw';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import itsecPlugin, {
  itsecApi,
  itsecEntityCard,
  itsecEntityContent,
  itsecPortfolioPage,
} from './alpha';
import { itsecApiRef, ItsecClient } from './api';
import { MockFetchApi } from '@backstage/test-utils';
import { componentEntity, makeScorecard } from './__testUtils__/fixtures';
import SecurityIcon from '@material-ui/icons/Security';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { rootRouteRef } from './routes';

const server = setupTestServer();

describe('itsec plugin for the new frontend system', () => {
  it('has the API, entity card, entity content and page extensions', () => {
    expect(itsecPlugin.id).toBe('itsec');
    for (const [id, extension] of [
      ['api:itsec', itsecApi],
      ['entity-card:itsec/scorecard', itsecEntityCard],
      ['entity-content:itsec/security', itsecEntityContent],
      ['page:itsec', itsecPortfolioPage],
    ] as const) {
      const found = itsecPlugin.getExtension(id as any) as any;
      expect(found.kind).toBe((extension as any).kind);
      expect(found.name).toBe((extension as any).name);
      expect(found.namespace).toBe('itsec');
    }
  });

  it('mounts the Security tab at "security" for the configured kinds only', () => {
    const tester = createExtensionTester(itsecEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('security');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Security');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter!({ ...componentEntity })).toBe(true);
    expect(filter!({ ...componentEntity, kind: 'System' })).toBe(true);
    expect(filter!({ ...componentEntity, kind: 'User' })).toBe(false);
    expect(filter!({ ...componentEntity, kind: 'CodeOfConnection' })).toBe(
      false,
    );
    // A Domain is never scored: no Security tab waiting for a run that never comes.
    expect(filter!({ ...componentEntity, kind: 'Domain' })).toBe(false);
  });

  it('shows the card for the configured kinds only', () => {
    const tester = createExtensionTester(itsecEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter!({ ...componentEntity, kind: 'API' })).toBe(true);
    expect(filter!({ ...componentEntity, kind: 'Resource' })).toBe(true);
    // A Domain is never scored: no card that would wait for a scorecard.
    expect(filter!({ ...componentEntity, kind: 'Domain' })).toBe(false);
    expect(filter!({ ...componentEntity, kind: 'Group' })).toBe(false);
  });

  it('puts the portfolio page at /itsec with a title and icon for the nav', () => {
    const tester = createExtensionTester(itsecPortfolioPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/itsec');
    expect(tester.get(coreExtensionData.title)).toBe('Security');
    expect(tester.get(coreExtensionData.icon)).toEqual(
      <SecurityIcon fontSize="inherit" />,
    );
    expect(tester.get(coreExtensionData.routeRef)).toBe(
      convertLegacyRouteRef(rootRouteRef),
    );
  });

  it('renders the entity card extension', async () => {
    server.use(
      http.get(
        'http://localhost:7007/api/itsec/entities/component/default/cmc-claim-store/scorecard',
        () => HttpResponse.json(makeScorecard()),
      ),
    );
    const discoveryApi = mockApis.discovery({
      baseUrl: 'http://localhost:7007',
    });
    const client = new ItsecClient({
      discoveryApi,
      fetchApi: new MockFetchApi(),
    });
    const element = createExtensionTester(itsecEntityCard).reactElement();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [itsecApiRef, client],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={componentEntity}>{element}</EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Security scorecard')).toBeInTheDocument();
    expect(await screen.findByText('Top gaps')).toBeInTheDocument();
  });
});
