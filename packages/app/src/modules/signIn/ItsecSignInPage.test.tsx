import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { oidcAuthApi } from './oidcAuthApi';
import { PERSONA_STORAGE_KEY } from './DemoPersonaSignIn';
import { ItsecSignInPage } from './ItsecSignInPage';
import type { SignInOptions } from './types';

const BASE = 'http://localhost:7007';

/** A token whose payload the proxied identity can read. */
function token(sub: string) {
  const payload = Buffer.from(
    JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 3600 }),
  ).toString('base64url');
  return `header.${payload}.signature`;
}

/** Stands in for the backend: the sign-in options and the personas' refresh. */
function backend(options: SignInOptions) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetchMock = jest.fn(async (input: any, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: new Headers(init?.headers) });
    if (url === `${BASE}/api/sign-in/options`) {
      return new Response(JSON.stringify(options), { status: 200 });
    }
    if (url === `${BASE}/api/auth/demo-personas/refresh`) {
      const ref = new Headers(init?.headers).get('x-itsec-demo-persona')!;
      return new Response(
        JSON.stringify({
          profile: { displayName: ref },
          backstageIdentity: {
            token: token(ref),
            identity: {
              type: 'user',
              userEntityRef: ref,
              ownershipEntityRefs: [ref],
            },
          },
        }),
        { status: 200 },
      );
    }
    return new Response('not found', { status: 404 });
  });
  global.fetch = fetchMock as any;
  return calls;
}

function renderPage(onSignInSuccess = jest.fn()) {
  renderInTestApp(<ItsecSignInPage onSignInSuccess={onSignInSuccess} />, {
    apis: [mockApis.discovery({ baseUrl: BASE })],
    config: { app: { title: 'Security scorecards' } },
    // The real OIDC client API, as the app's sign-in module provides it.
    features: [
      createFrontendModule({ pluginId: 'app', extensions: [oidcAuthApi] }),
    ],
  });
  return onSignInSuccess;
}

const personas = [
  {
    userEntityRef: 'user:default/priya.shah',
    displayName: 'Priya Shah',
    description: 'IT Security Officer (ITSO) and CISO, MoJ',
  },
  {
    userEntityRef: 'user:default/sam.taylor',
    displayName: 'Sam Taylor',
    description: 'Delivery engineer, Probate (HMCTS)',
  },
];

describe('ItsecSignInPage', () => {
  const savedFetch = global.fetch;
  afterEach(() => {
    global.fetch = savedFetch;
    window.localStorage.clear();
  });

  it('in development offers one button per demo persona and no other provider', async () => {
    backend({ providers: [], demoPersonas: personas });
    renderPage();

    expect(
      await screen.findByRole('button', { name: 'Sign in as Priya Shah' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Sam Taylor' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Delivery engineer, Probate (HMCTS)'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Microsoft')).not.toBeInTheDocument();
    expect(screen.queryByText(/organisation account/)).not.toBeInTheDocument();
  });

  it('signs in as the chosen persona through the demo-personas provider', async () => {
    const calls = backend({ providers: [], demoPersonas: personas });
    const onSignInSuccess = renderPage();

    fireEvent.click(
      await screen.findByRole('button', { name: 'Sign in as Sam Taylor' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const refresh = calls.find(c => c.url.endsWith('/demo-personas/refresh'));
    expect(refresh?.headers.get('x-itsec-demo-persona')).toBe(
      'user:default/sam.taylor',
    );
    const identity = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/sam.taylor',
    );
    expect(window.localStorage.getItem(PERSONA_STORAGE_KEY)).toBe(
      'user:default/sam.taylor',
    );

    // Signing out forgets the persona, so the list shows again.
    await identity.signOut();
    expect(window.localStorage.getItem(PERSONA_STORAGE_KEY)).toBeNull();
  });

  it('after a reload signs in again as the persona chosen before', async () => {
    window.localStorage.setItem(PERSONA_STORAGE_KEY, 'user:default/priya.shah');
    backend({ providers: [], demoPersonas: personas });
    const onSignInSuccess = renderPage();
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/priya.shah',
    );
  });

  it('shows the list when the stored persona is no longer configured', async () => {
    window.localStorage.setItem(PERSONA_STORAGE_KEY, 'user:default/eve.gone');
    backend({ providers: [], demoPersonas: personas });
    const onSignInSuccess = renderPage();
    expect(
      await screen.findByRole('button', { name: 'Sign in as Priya Shah' }),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });

  it.each([
    [['microsoft'], ['Microsoft'], ['GitHub', 'Single sign-on']],
    [['github', 'oidc'], ['GitHub', 'Single sign-on'], ['Microsoft']],
    [
      ['microsoft', 'github', 'oidc'],
      ['Microsoft', 'GitHub', 'Single sign-on'],
      [],
    ],
  ] as const)(
    'in production with %j configured offers exactly %j',
    async (providers, shown, hidden) => {
      backend({ providers: [...providers] });
      renderPage();

      for (const title of shown) {
        expect(await screen.findByText(title)).toBeInTheDocument();
      }
      for (const title of hidden) {
        expect(screen.queryByText(title)).not.toBeInTheDocument();
      }
      expect(screen.queryByText(/Sign in as /)).not.toBeInTheDocument();
      expect(screen.queryByText(/Guest/i)).not.toBeInTheDocument();
    },
  );

  it('with personas and a real provider offers both, the provider behind a button', async () => {
    backend({ providers: ['oidc'], demoPersonas: personas });
    renderPage();

    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Sign in with your organisation account instead',
      }),
    );
    expect(await screen.findByText('Single sign-on')).toBeInTheDocument();
    expect(screen.queryByText('Microsoft')).not.toBeInTheDocument();
  });

  it('says so when no provider is configured', async () => {
    backend({ providers: [] });
    renderPage();
    expect(
      await screen.findByText(/No sign-in provider is configured/),
    ).toBeInTheDocument();
  });
});
