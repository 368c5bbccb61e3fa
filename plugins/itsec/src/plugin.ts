import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { itsecApiRef, ItsecClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The itsec frontend plugin for the legacy frontend system.
 *
 * @public
 */
export const itsecPlugin = createPlugin({
  id: 'itsec',
  apis: [
    createApiFactory({
      api: itsecApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ItsecClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/**
 * The ITSO portfolio page: mount it at `/itsec`.
 *
 * @public
 */
export const ItsecPortfolioPage = itsecPlugin.provide(
  createRoutableExtension({
    name: 'ItsecPortfolioPage',
    component: () =>
      import('./components/ItsecPortfolioPage').then(m => m.ItsecPortfolioPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The entity Security tab content (use as an EntityLayout.Route at `/security`).
 *
 * @public
 */
export const EntityItsecSecurityContent = itsecPlugin.provide(
  createRoutableExtension({
    name: 'EntityItsecSecurityContent',
    component: () =>
      import('./components/EntityItsecSecurityContent').then(
        m => m.EntityItsecSecurityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The entity overview card with the score and the top gaps.
 *
 * @public
 */
export const EntityItsecScorecardCard = itsecPlugin.provide(
  createComponentExtension({
    name: 'EntityItsecScorecardCard',
    component: {
      lazy: () =>
        import('./components/EntityItsecScorecardCard').then(
          m => m.EntityItsecScorecardCard,
        ),
    },
  }),
);
