import {
  coreExtensionData,
  ExtensionBoundary,
} from '@backstage/frontend-plugin-api';
import homePlugin from '@backstage/plugin-home/alpha';
import { ItsecHomePage } from '@internal/plugin-itsec/alpha';

/**
 * The home plugin's page, mounted at `/` (so nobody lands on a 404 after
 * signing in; unknown routes still do), showing the itsec home: my tasks, my
 * scorecards and, for the ITSO group, the portfolio this week. Its route,
 * title and nav item stay the home plugin's.
 */
export const homeFeature = homePlugin.withOverrides({
  extensions: [
    homePlugin.getExtension('page:home').override({
      *factory(originalFactory, { config, node }) {
        const output = originalFactory({
          config: { ...config, path: config.path ?? '/' },
        });
        for (const value of output as Iterable<any>) {
          yield value.id === coreExtensionData.reactElement.id
            ? coreExtensionData.reactElement(
                <ExtensionBoundary node={node}>
                  <ItsecHomePage />
                </ExtensionBoundary>,
              )
            : value;
        }
      },
    }),
  ],
});
