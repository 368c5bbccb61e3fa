import { startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { assertSafeProductionSignIn } from './productionGuard';
import { strictRootConfigServiceFactory } from './strictRootConfig';

const oidc = {
  production: {
    clientId: 'portal',
    clientSecret: 'secret',
    metadataUrl: 'https://idp.example/.well-known/openid-configuration',
  },
};

function config(auth: object) {
  return new ConfigReader({ auth });
}

describe('assertSafeProductionSignIn', () => {
  it.each([
    ['auth.providers.guest', { guest: {} }],
    [
      'auth.providers.demo-personas',
      { 'demo-personas': { personas: ['user:default/priya.shah'] } },
    ],
  ])('refuses %s in production, naming the key', (key, providers) => {
    expect(() =>
      assertSafeProductionSignIn(
        config({
          environment: 'production',
          providers: { ...providers, oidc },
        }),
        'production',
      ),
    ).toThrow(
      `Refusing to start: ${key} is configured, but NODE_ENV is production`,
    );
  });

  it('refuses production with no real sign-in provider, naming the keys', () => {
    expect(() =>
      assertSafeProductionSignIn(
        config({ environment: 'production', providers: {} }),
        'production',
      ),
    ).toThrow(
      /no sign-in provider is configured for production.*auth\.providers\.microsoft\.production, auth\.providers\.github\.production, auth\.providers\.oidc\.production/,
    );
  });

  it('refuses a provider configured only for another auth.environment', () => {
    expect(() =>
      assertSafeProductionSignIn(
        config({
          environment: 'production',
          providers: { oidc: { development: oidc.production } },
        }),
        'production',
      ),
    ).toThrow(/auth\.providers\.oidc\.production/);
  });

  it.each(['microsoft', 'github', 'oidc'])(
    'accepts production with only %s configured',
    id => {
      expect(() =>
        assertSafeProductionSignIn(
          config({
            environment: 'production',
            providers: { [id]: { production: { clientId: 'x' } } },
          }),
          'production',
        ),
      ).not.toThrow();
    },
  );

  it.each(['development', 'test', undefined])(
    'does not check when NODE_ENV is %p',
    nodeEnv => {
      expect(() =>
        assertSafeProductionSignIn(
          config({ providers: { guest: {} } }),
          nodeEnv,
        ),
      ).not.toThrow();
    },
  );
});

describe('the backend with the demo app-config.yaml', () => {
  const saved = { argv: process.argv, nodeEnv: process.env.NODE_ENV };
  afterEach(() => {
    process.argv = saved.argv;
    process.env.NODE_ENV = saved.nodeEnv;
  });

  it('refuses to start with NODE_ENV=production, naming the demo personas key', async () => {
    process.argv = [
      'node',
      'backend',
      '--config',
      path.resolve(__dirname, '../../../../app-config.yaml'),
    ];
    process.env.NODE_ENV = 'production';
    await expect(
      startTestBackend({ features: [strictRootConfigServiceFactory] }),
    ).rejects.toThrow(
      /auth\.providers\.demo-personas is configured, but NODE_ENV is production/,
    );
  });
});
