import { lazy } from 'react';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SecurityIcon from '@material-ui/icons/Security';
import { itsecApiRef, ItsecClient } from './api';
import { ITSEC_ENTITY_KINDS } from './kinds';
import { rootRouteRef } from './routes';

/** Entity filter of the card and the tab: the kinds that get a scorecard. */
const itsecEntityFilter = {
  kind: { $in: [...ITSEC_ENTITY_KINDS] },
};

/** The itsec API client. @alpha */
export const itsecApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: itsecApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ItsecClient({ discoveryApi, fetchApi }),
    }),
});

/** The scorecard card on the entity overview. @alpha */
export const itsecEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: itsecEntityFilter,
    loader: () =>
      import('./components/EntityItsecScorecardCard').then(m => (
        <m.EntityItsecScorecardCard />
      )),
  },
});

/** The entity "Security" tab. @alpha */
export const itsecEntityContent = EntityContentBlueprint.make({
  name: 'security',
  params: {
    path: 'security',
    title: 'Security',
    filter: itsecEntityFilter,
    loader: () =>
      import('./components/EntityItsecSecurityContent').then(m => (
        <m.EntityItsecSecurityContent />
      )),
  },
});

/** The ITSO portfolio page at /itsec, with its nav item (title and icon). @alpha */
export const itsecPortfolioPage = PageBlueprint.make({
  params: {
    path: '/itsec',
    title: 'Security',
    icon: <SecurityIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/ItsecPortfolioPage').then(m => (
        <div style={{ padding: 24 }}>
          <m.PortfolioContent />
        </div>
      )),
  },
});

/**
 * The home page content (my tasks, my scorecards, for the ITSO group the
 * portfolio this week), loaded when first shown: the app mounts it at `/`
 * through the home plugin's page.
 *
 * @alpha
 */
export const ItsecHomePage = lazy(() =>
  import('./components/ItsecHomePage').then(m => ({
    default: m.ItsecHomePage,
  })),
);

/**
 * The itsec plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'itsec',
  title: 'Security',
  icon: <SecurityIcon fontSize="inherit" />,
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [
    itsecApi,
    itsecEntityCard,
    itsecEntityContent,
    itsecPortfolioPage,
  ],
});
