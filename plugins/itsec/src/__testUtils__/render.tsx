import { type ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  MockFetchApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { SWRConfig } from 'swr';
import { itsecApiRef, ItsecClient } from '../api';

export const BASE = 'http://localhost:7007/api/itsec';

/** Who is signed in during the tests, unless `user` says otherwise. */
export const TEST_USER = 'user:default/test.user';

/**
 * Renders with a real ItsecClient (requests go to msw), the permission API
 * deciding by permission name, and the catalog entity route mounted.
 */
export async function renderItsec(
  element: ReactElement,
  options: {
    entity?: Entity;
    allow?: string[] | 'all' | 'none';
    routeEntries?: string[];
    mountedRoutes?: Record<string, any>;
    /** The signed-in user's entity ref. */
    user?: string;
  } = {},
) {
  const identityApi = mockApis.identity({
    userEntityRef: options.user ?? TEST_USER,
  });
  const allow = options.allow ?? 'all';
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://localhost:7007' });
  const fetchApi = new MockFetchApi();
  const client = new ItsecClient({ discoveryApi, fetchApi });
  // ALLOW / DENY (their string values; the enum's package is
  // not a dependency of this plugin).
  const ALLOW = 'ALLOW' as any;
  const DENY = 'DENY' as any;
  const permissionApi = mockApis.permission({
    authorize: request => {
      if (allow === 'all') return ALLOW;
      if (allow === 'none') return DENY;
      return allow.includes(request.permission.name) ? ALLOW : DENY;
    },
  });
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [itsecApiRef, client],
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [permissionApiRef, permissionApi],
        [identityApiRef, identityApi],
      ]}
    >
      {/* usePermission caches decisions in SWR's global cache: a fresh
          cache per render keeps one test's permissions out of the next. */}
      <SWRConfig value={{ provider: () => new Map() }}>{content}</SWRConfig>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...options.mountedRoutes,
      },
      routeEntries: options.routeEntries,
    },
  );
}
