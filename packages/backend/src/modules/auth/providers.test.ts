import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { authModuleDemoPersonas } from './demoPersonas';
import { authModuleSignInProviders } from './providers';
import { signInOptionsPlugin } from './signInOptions';
import { user } from './testUsers';

/** A local OpenID Connect issuer: just its discovery document. */
async function startIssuer() {
  const server = http.createServer((req, res) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/me`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

async function startBackend(auth: object) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleSignInProviders,
      authModuleDemoPersonas,
      signInOptionsPlugin,
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, auth },
      }),
      catalogServiceMock.factory({
        entities: [user('priya.shah', 'priya.shah@justice.gov.uk', ['itso'])],
      }),
    ],
  });
  return server;
}

describe('the production sign-in providers', () => {
  let issuer: Awaited<ReturnType<typeof startIssuer>>;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });

  const production = () => ({
    microsoft: {
      production: {
        clientId: 'entra-client',
        clientSecret: 'entra-secret',
        tenantId: 'moj-tenant',
      },
    },
    github: {
      production: { clientId: 'github-client', clientSecret: 'github-secret' },
    },
    oidc: {
      production: {
        clientId: 'oidc-client',
        clientSecret: 'oidc-secret',
        metadataUrl: `${issuer.url}/.well-known/openid-configuration`,
      },
    },
  });

  it.each([
    [
      'microsoft',
      /^https:\/\/login\.microsoftonline\.com\/moj-tenant\/oauth2\/v2\.0\/authorize\?/,
      'entra-client',
    ],
    [
      'github',
      /^https:\/\/github\.com\/login\/oauth\/authorize\?/,
      'github-client',
    ],
    ['oidc', /^http:\/\/127\.0\.0\.1:\d+\/auth\?/, 'oidc-client'],
  ])(
    '%s: configuration alone switches it on; sign-in starts at the identity provider',
    async (id, authorizeUrl, clientId) => {
      const server = await startBackend({
        environment: 'production',
        // OIDC keeps its state and nonce in a session (config/auth/oidc.yaml).
        session: { secret: 'test-session-secret' },
        providers: { [id]: production()[id as 'oidc'] },
      });
      const res = await request(server).get(
        `/api/auth/${id}/start?env=production`,
      );
      expect(res.status).toBe(302);
      expect(res.headers.location).toMatch(authorizeUrl);
      expect(new URL(res.headers.location).searchParams.get('client_id')).toBe(
        clientId,
      );
    },
  );

  it('answers 404 for a provider that is not configured', async () => {
    const server = await startBackend({
      environment: 'production',
      providers: { github: production().github },
    });
    for (const id of ['microsoft', 'oidc', 'demo-personas', 'guest']) {
      const res = await request(server).get(
        `/api/auth/${id}/start?env=production`,
      );
      expect(res.status).toBe(404);
    }
  });

  it('the sign-in options name exactly the providers configured for auth.environment, and no secret', async () => {
    const server = await startBackend({
      environment: 'production',
      providers: {
        microsoft: production().microsoft,
        oidc: production().oidc,
        github: { development: production().github.production },
      },
    });
    const res = await request(server).get('/api/sign-in/options');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ providers: ['microsoft', 'oidc'] });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|client/);
  });

  it('the sign-in options list the demo personas with their catalog names', async () => {
    const server = await startBackend({
      environment: 'development',
      providers: {
        'demo-personas': {
          personas: ['user:default/priya.shah', 'user:default/not.loaded'],
        },
      },
    });
    const res = await request(server).get('/api/sign-in/options');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      providers: [],
      demoPersonas: [
        {
          userEntityRef: 'user:default/priya.shah',
          displayName: 'priya shah',
          description: 'Test user priya.shah',
        },
        {
          userEntityRef: 'user:default/not.loaded',
          displayName: 'user:default/not.loaded',
        },
      ],
    });
  });
});
