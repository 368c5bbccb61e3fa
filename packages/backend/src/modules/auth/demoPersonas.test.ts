import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { authModuleDemoPersonas, DEMO_PERSONA_HEADER } from './demoPersonas';
import { user } from './testUsers';

const personas = ['user:default/priya.shah', 'sam.taylor'];

async function startAuth() {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoPersonas,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: { 'demo-personas': { personas } } },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          user('priya.shah', 'priya.shah@justice.gov.uk', ['itso']),
          user('sam.taylor', 'sam.taylor@justice.gov.uk', ['probate-team']),
          user('eve.outsider', 'eve@justice.gov.uk', ['itso']),
        ],
      }),
    ],
  });
  return server;
}

function signIn(server: any, persona?: string) {
  const req = request(server)
    .post('/api/auth/demo-personas/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  return persona ? req.set(DEMO_PERSONA_HEADER, persona) : req;
}

describe('the demo personas sign-in', () => {
  const savedNodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = savedNodeEnv;
  });

  it('signs in as a configured persona, with their catalog groups', async () => {
    process.env.NODE_ENV = 'development';
    const server = await startAuth();

    const res = await signIn(server, 'user:default/sam.taylor');

    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity).toMatchObject({
      type: 'user',
      userEntityRef: 'user:default/sam.taylor',
    });
    expect(res.body.backstageIdentity.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining(['group:default/probate-team']),
    );
    expect(res.body.backstageIdentity.token).toEqual(expect.any(String));
  });

  it('accepts a short ref for a persona', async () => {
    process.env.NODE_ENV = 'development';
    const server = await startAuth();
    const res = await signIn(server, 'priya.shah');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/priya.shah',
    );
  });

  it('refuses a User who is not a configured persona', async () => {
    process.env.NODE_ENV = 'development';
    const server = await startAuth();
    const res = await signIn(server, 'user:default/eve.outsider');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'user:default/eve.outsider is not a demo persona',
    );
  });

  it('refuses a request that names no persona', async () => {
    process.env.NODE_ENV = 'development';
    const server = await startAuth();
    const res = await signIn(server);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(DEMO_PERSONA_HEADER);
  });

  it.each(['production', 'test'])(
    'signs nobody in when NODE_ENV is %s',
    async nodeEnv => {
      process.env.NODE_ENV = nodeEnv;
      const server = await startAuth();
      const res = await signIn(server, 'user:default/priya.shah');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('only in development');
      expect(res.body.backstageIdentity).toBeUndefined();
    },
  );
});
