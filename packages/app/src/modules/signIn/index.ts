import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { oidcAuthApi } from './oidcAuthApi';

export { oidcAuthApiRef } from './oidcAuthApi';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./ItsecSignInPage')).ItsecSignInPage,
  },
});

/**
 * The app's sign-in: the page offering the configured providers (demo
 * personas in development; Microsoft, GitHub, OIDC in production) and the
 * OIDC client API.
 */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, oidcAuthApi],
});
