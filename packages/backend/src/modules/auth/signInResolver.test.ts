import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { emailThenUsernameSignInResolver, localPart } from './signInResolver';
import { user } from './testUsers';

type TestResult = { email?: string; username?: string };

/**
 * A stand-in identity provider: says who signed in from two headers, so the
 * resolver runs inside the real auth backend against a catalog.
 */
const testProviderModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'test-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'test',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async (result: TestResult) => ({
                profile: { email: result.email },
              }),
              initialize: () => undefined,
              async authenticate({ req }) {
                return {
                  result: {
                    email: req.header('x-test-email'),
                    username: req.header('x-test-username'),
                  },
                };
              },
            }),
            signInResolver: emailThenUsernameSignInResolver<TestResult>(
              'Test',
              result => result.username,
            ),
          }),
        });
      },
    });
  },
});

async function startAuth() {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      testProviderModule,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { test: {} } },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          user('jane.doe', 'jane.doe@justice.gov.uk', ['itso']),
          user('octocat', undefined, ['probate-team']),
          user('twin.one', 'shared@justice.gov.uk'),
          user('twin.two', 'shared@justice.gov.uk'),
        ],
      }),
    ],
  });
  return server;
}

function signIn(server: any, headers: Record<string, string>) {
  const req = request(server)
    .post('/api/auth/test/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req;
}

describe('emailThenUsernameSignInResolver', () => {
  let server: any;
  beforeAll(async () => {
    server = await startAuth();
  });

  it('signs in the User whose profile e-mail matches', async () => {
    const res = await signIn(server, {
      'x-test-email': 'jane.doe@justice.gov.uk',
      'x-test-username': 'someone-else',
    });
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity).toMatchObject({
      userEntityRef: 'user:default/jane.doe',
      ownershipEntityRefs: expect.arrayContaining(['group:default/itso']),
    });
  });

  it('falls back to the User named like the username when no e-mail matches', async () => {
    const res = await signIn(server, {
      'x-test-email': 'octo@users.noreply.example',
      'x-test-username': 'octocat',
    });
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/octocat',
    );
  });

  it('uses the username when the provider gives no e-mail', async () => {
    const res = await signIn(server, { 'x-test-username': 'jane.doe' });
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/jane.doe',
    );
  });

  it('refuses a person with no User entity, saying what was tried', async () => {
    const res = await signIn(server, {
      'x-test-email': 'stranger@example.com',
      'x-test-username': 'stranger',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(
      "No User entity in the catalog matches this Test sign-in (e-mail 'stranger@example.com', username 'stranger')",
    );
    expect(res.body.backstageIdentity).toBeUndefined();
  });

  it('refuses an e-mail shared by two Users rather than pick one', async () => {
    const res = await signIn(server, {
      'x-test-email': 'shared@justice.gov.uk',
      'x-test-username': 'twin.one',
    });
    expect(res.status).toBe(409);
    expect(res.body.backstageIdentity).toBeUndefined();
  });
});

describe('localPart', () => {
  it.each([
    ['jane.doe@justice.gov.uk', 'jane.doe'],
    ['jane.doe', 'jane.doe'],
    [undefined, undefined],
  ])('%p → %p', (input, expected) => {
    expect(localPart(input)).toBe(expected);
  });
});
