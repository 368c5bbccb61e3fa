import { ConfigReader } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import { readProviderConfigs } from '@backstage/plugin-catalog-backend-module-msgraph';
import path from 'node:path';
import { configuredSignInProviders } from '../modules/auth/signInOptions';
import { assertSafeProductionSignIn } from './productionGuard';
import { substituteRequiredEnv } from './strictRootConfig';

const root = path.resolve(__dirname, '../../../..');

/** Loads config files the way the backend does, with `env` for `${VAR}`. */
async function load(files: string[], env: Record<string, string>) {
  const source = ConfigSources.defaultForTargets({
    rootDir: root,
    targets: files.map(file => ({
      type: 'path' as const,
      target: path.resolve(root, file),
    })),
    substitutionFunc: name => substituteRequiredEnv(name, env),
  });
  return ConfigSources.toConfig(source);
}

const production = new ConfigReader({ auth: { environment: 'production' } });

describe('the sign-in config fragments', () => {
  it.each([
    [
      'microsoft',
      {
        AUTH_MICROSOFT_CLIENT_ID: 'id',
        AUTH_MICROSOFT_CLIENT_SECRET: 'secret',
        AUTH_MICROSOFT_TENANT_ID: 'tenant',
      },
    ],
    [
      'github',
      { AUTH_GITHUB_CLIENT_ID: 'id', AUTH_GITHUB_CLIENT_SECRET: 'secret' },
    ],
    [
      'oidc',
      {
        AUTH_OIDC_METADATA_URL:
          'https://idp.example/.well-known/openid-configuration',
        AUTH_OIDC_CLIENT_ID: 'id',
        AUTH_OIDC_CLIENT_SECRET: 'secret',
        AUTH_SESSION_SECRET: 'session',
      },
    ],
  ])(
    'config/auth/%s.yaml alone switches that provider on for production',
    async (id, env) => {
      const fragment = await load([`config/auth/${id}.yaml`], env);
      const config = ConfigReader.fromConfigs([
        { context: 'production', data: production.get() },
        { context: id, data: fragment.get() },
      ]);
      expect(configuredSignInProviders(config)).toEqual([id]);
      expect(() =>
        assertSafeProductionSignIn(config, 'production'),
      ).not.toThrow();

      // Every variable is required: leaving one out names it.
      for (const name of Object.keys(env)) {
        const rest: Record<string, string> = { ...env };
        delete rest[name];
        await expect(load([`config/auth/${id}.yaml`], rest)).rejects.toThrow(
          `${name}, which is not set`,
        );
      }
    },
  );
});

describe('the organisation data config fragments', () => {
  it('config/org/msgraph.yaml configures one Microsoft Graph provider', async () => {
    const config = await load(['config/org/msgraph.yaml'], {
      MICROSOFT_GRAPH_TENANT_ID: 'tenant',
      MICROSOFT_GRAPH_CLIENT_ID: 'id',
      MICROSOFT_GRAPH_CLIENT_SECRET: 'secret',
    });
    const [provider, ...others] = readProviderConfigs(config);
    expect(others).toEqual([]);
    expect(provider).toMatchObject({
      id: 'default',
      tenantId: 'tenant',
      clientId: 'id',
      clientSecret: 'secret',
      groupFilter: expect.stringContaining('securityEnabled eq true'),
      userGroupMemberFilter: expect.stringContaining('securityEnabled eq true'),
    });
  });

  it('config/org/github.yaml reads one organisation with a token', async () => {
    const config = await load(['config/org/github.yaml'], {
      GITHUB_ORG_TOKEN: 'token',
      GITHUB_ORG: 'ministryofjustice',
    });
    expect(config.getStringArray('catalog.providers.githubOrg.orgs')).toEqual([
      'ministryofjustice',
    ]);
    expect(config.getConfigArray('integrations.github')[0].get()).toEqual({
      host: 'github.com',
      token: 'token',
    });
  });
});
