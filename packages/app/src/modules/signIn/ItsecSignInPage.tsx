import {
  ErrorPanel,
  Progress,
  SignInPage,
  type SignInProviderConfig,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  githubAuthApiRef,
  microsoftAuthApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { useEffect, useState } from 'react';
import { DemoPersonaSignIn } from './DemoPersonaSignIn';
import { oidcAuthApiRef } from './oidcAuthApi';
import type { SignInOptions } from './types';

/** How the sign-in page shows each production provider. */
export const PROVIDERS: Record<
  SignInOptions['providers'][number],
  SignInProviderConfig
> = {
  microsoft: {
    id: 'microsoft-auth-provider',
    title: 'Microsoft',
    message: 'Sign in with your Microsoft Entra ID (Microsoft 365) account',
    apiRef: microsoftAuthApiRef,
  },
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in with your GitHub account',
    apiRef: githubAuthApiRef,
  },
  oidc: {
    id: 'oidc-auth-provider',
    title: 'Single sign-on',
    message: "Sign in with your organisation's OpenID Connect provider",
    apiRef: oidcAuthApiRef,
  },
};

type State =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; options: SignInOptions };

/**
 * The portal's sign-in page: offers exactly the providers the backend has
 * configured, as `GET /api/sign-in/options` reports them — the demo personas
 * in development, Microsoft / GitHub / OIDC in production.
 */
export function ItsecSignInPage(props: SignInPageProps) {
  const discoveryApi = useApi(discoveryApiRef);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [organisation, setOrganisation] = useState(false);

  useEffect(() => {
    let live = true;
    (async () => {
      const baseUrl = await discoveryApi.getBaseUrl('sign-in');
      const response = await fetch(`${baseUrl}/options`);
      if (!response.ok) {
        throw new Error(
          `GET ${baseUrl}/options answered ${response.status} ${response.statusText}`,
        );
      }
      return (await response.json()) as SignInOptions;
    })().then(
      options => live && setState({ status: 'ready', options }),
      error => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [discoveryApi]);

  if (state.status === 'loading') return <Progress />;
  if (state.status === 'error') {
    return (
      <ErrorPanel
        title="Could not load the sign-in options"
        error={state.error}
      />
    );
  }

  const { providers, demoPersonas } = state.options;
  if (demoPersonas && demoPersonas.length > 0 && !organisation) {
    return (
      <DemoPersonaSignIn
        {...props}
        personas={demoPersonas}
        onOrganisationSignIn={
          providers.length > 0 ? () => setOrganisation(true) : undefined
        }
      />
    );
  }
  if (providers.length === 0) {
    return (
      <ErrorPanel
        title="No sign-in provider is configured"
        error={
          new Error(
            'Configure Microsoft Entra ID, GitHub or OpenID Connect sign-in (docs/authentication.md).',
          )
        }
      />
    );
  }
  return (
    <SignInPage
      {...props}
      title="Sign in to the security scorecards"
      align="center"
      providers={providers.map(id => PROVIDERS[id])}
    />
  );
}
