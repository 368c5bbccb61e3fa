import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { githubAuthenticator } from '@backstage/plugin-auth-backend-module-github-provider';
import { microsoftAuthenticator } from '@backstage/plugin-auth-backend-module-microsoft-provider';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { emailThenUsernameSignInResolver, localPart } from './signInResolver';

/** The production sign-in providers; each is on when `auth.providers.<id>` is configured. */
export const SIGN_IN_PROVIDER_IDS = ['microsoft', 'github', 'oidc'] as const;

/** One of {@link SIGN_IN_PROVIDER_IDS}. */
export type SignInProviderId = (typeof SIGN_IN_PROVIDER_IDS)[number];

/**
 * Microsoft Entra ID, GitHub and OpenID Connect sign-in, each with the
 * portal's resolver (e-mail, then username, to a User entity). The auth
 * backend sets up only the providers that `auth.providers` configures, so
 * configuration alone switches each on (config/auth/*.yaml).
 */
export const authModuleSignInProviders = createBackendModule({
  pluginId: 'auth',
  moduleId: 'itsec-sign-in-providers',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'microsoft',
          factory: createOAuthProviderFactory({
            authenticator: microsoftAuthenticator,
            // The username is the UPN's local part (jane.doe@justice.gov.uk → jane.doe).
            signInResolver: emailThenUsernameSignInResolver(
              'Microsoft',
              ({ fullProfile }) =>
                localPart(
                  (fullProfile as { _json?: { userPrincipalName?: string } })
                    ._json?.userPrincipalName ?? fullProfile.username,
                ),
            ),
          }),
        });
        providers.registerProvider({
          providerId: 'github',
          factory: createOAuthProviderFactory({
            authenticator: githubAuthenticator,
            // The GitHub login, which is how github-org ingestion names Users.
            signInResolver: emailThenUsernameSignInResolver(
              'GitHub',
              ({ fullProfile }) => fullProfile.username,
            ),
          }),
        });
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            // The e-mail counts only when the provider says it is verified
            // (the OIDC module's profile); then `preferred_username`.
            signInResolver: emailThenUsernameSignInResolver(
              'OpenID Connect',
              ({ fullProfile }) =>
                localPart(fullProfile.userinfo.preferred_username),
            ),
          }),
        });
      },
    });
  },
});
