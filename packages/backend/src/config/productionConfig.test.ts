import { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertSafeProductionSignIn } from './productionGuard';

const root = path.resolve(__dirname, '../../../..');

/**
 * Loads config files the way the backend does (`--config` arguments, every
 * `${VARIABLE}` from the environment), with dummy values for the variables.
 */
async function load(files: string[]): Promise<Config> {
  const source = ConfigSources.default({
    rootDir: root,
    argv: files.flatMap(file => ['--config', path.resolve(root, file)]),
    env: {},
    watch: false,
    substitutionFunc: async name =>
      name.endsWith('_URL')
        ? `https://${name.toLowerCase()}.example.org`
        : `dummy-${name}`,
  });
  const config = await ConfigSources.toConfig(source);
  config.close();
  return config;
}

/** Every setting that is fine for the demo and must not reach production, as "key: why". */
function developmentOnlySettings(config: Config): string[] {
  const found: string[] = [];
  if (config.has('auth.providers.guest')) {
    found.push(
      'auth.providers.guest: signs anyone in without an identity provider',
    );
  }
  for (const key of config.getOptionalConfig('auth.providers')?.keys() ?? []) {
    if (/persona/i.test(key))
      found.push(`auth.providers.${key}: demo personas`);
  }
  const authEnvironment = config.getOptionalString('auth.environment');
  if (authEnvironment !== 'production') {
    found.push(
      `auth.environment: ${authEnvironment ?? '(unset, i.e. development)'}`,
    );
  }
  for (const location of config.getOptionalConfigArray('catalog.locations') ??
    []) {
    const target = location.getString('target');
    if (/(^|\/)examples\/|catalog-info\.yaml$/.test(target)) {
      found.push(`catalog.locations: the demo catalog ${target}`);
    }
  }
  const origins = [config.getOptional('backend.cors.origin')].flat();
  for (const origin of origins) {
    if (typeof origin === 'string' && /localhost|127\.0\.0\.1/.test(origin)) {
      found.push(`backend.cors.origin: ${origin}`);
    }
  }
  const connectSrc = config.getOptionalStringArray('backend.csp.connect-src');
  if (!connectSrc) {
    found.push(
      "backend.csp.connect-src: unset (Backstage's default allows every http: and https: URL)",
    );
  }
  for (const source of connectSrc ?? []) {
    if (['http:', 'https:', '*', 'ws:', 'wss:'].includes(source)) {
      found.push(`backend.csp.connect-src: ${source} allows any host`);
    }
  }
  const client = config.getOptionalString('backend.database.client');
  if (client !== 'pg') {
    found.push(`backend.database.client: ${client} (not PostgreSQL)`);
  }
  if (
    JSON.stringify(config.getOptional('backend.database.connection')).includes(
      ':memory:',
    )
  ) {
    found.push('backend.database.connection: in memory');
  }
  for (const rule of config.getOptionalConfigArray('catalog.rules') ?? []) {
    for (const kind of rule.getOptionalStringArray('allow') ?? []) {
      if (['user', 'group'].includes(kind.toLocaleLowerCase('en-US'))) {
        found.push(
          `catalog.rules: ${kind} from any registered file (people and teams must come from the directory)`,
        );
      }
      if (kind.toLocaleLowerCase('en-US') === 'domain') {
        found.push(
          `catalog.rules: ${kind} from any registered file (Domains name the approving SIRO: only a governance location may hold them)`,
        );
      }
    }
  }
  if (config.getOptionalBoolean('permission.enabled') !== true) {
    found.push('permission.enabled: the permission framework is off');
  }
  return found;
}

describe('the production configuration', () => {
  it('names every kind of development-only setting', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-dev-config-'));
    const file = path.join(dir, 'dev.yaml');
    fs.writeFileSync(
      file,
      [
        'backend:',
        '  cors: { origin: http://localhost:3000 }',
        "  csp: { connect-src: [\"'self'\", 'http:', 'https:'] }",
        "  database: { client: better-sqlite3, connection: ':memory:' }",
        'auth:',
        '  environment: development',
        '  providers:',
        '    guest: { userEntityRef: user:default/demo-user }',
        '    demo-personas: { personas: [user:default/priya.shah] }',
        'catalog:',
        '  rules: [{ allow: [Component, User, Group, Domain] }]',
        '  locations: [{ type: file, target: ../../examples/all.yaml }]',
        'permission: { enabled: false }',
      ].join('\n'),
    );
    expect(developmentOnlySettings(await load([file]))).toEqual([
      'auth.providers.guest: signs anyone in without an identity provider',
      'auth.providers.demo-personas: demo personas',
      'auth.environment: development',
      'catalog.locations: the demo catalog ../../examples/all.yaml',
      'backend.cors.origin: http://localhost:3000',
      'backend.csp.connect-src: http: allows any host',
      'backend.csp.connect-src: https: allows any host',
      'backend.database.client: better-sqlite3 (not PostgreSQL)',
      'backend.database.connection: in memory',
      'catalog.rules: User from any registered file (people and teams must come from the directory)',
      'catalog.rules: Group from any registered file (people and teams must come from the directory)',
      'catalog.rules: Domain from any registered file (Domains name the approving SIRO: only a governance location may hold them)',
      'permission.enabled: the permission framework is off',
    ]);
  });

  it("names the demo's own development settings (app-config.yaml)", async () => {
    expect(developmentOnlySettings(await load(['app-config.yaml']))).toEqual(
      expect.arrayContaining([
        'auth.environment: development',
        'catalog.locations: the demo catalog ../../examples/all.yaml',
        'backend.cors.origin: http://localhost:3000',
        'backend.database.client: better-sqlite3 (not PostgreSQL)',
      ]),
    );
  });

  it('has none of them on its own', async () => {
    const config = await load(['app-config.production.yaml']);
    expect(developmentOnlySettings(config)).toEqual([]);
    expect(config.getStringArray('backend.csp.connect-src')).toEqual([
      "'self'",
    ]);
    expect(config.getOptionalConfigArray('catalog.locations')).toEqual([]);
    expect(config.getString('backend.baseUrl')).toBe(
      'https://app_base_url.example.org',
    );
  });

  it('allows Domains only from the location whose own rule allows them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-operator-'));
    const file = path.join(dir, 'operator.yaml');
    fs.writeFileSync(
      file,
      [
        'catalog:',
        '  locations:',
        '    - type: url',
        '      target: https://github.example/governance/blob/main/domains.yaml',
        '      rules: [{ allow: [Domain] }]',
        '    - type: url',
        '      target: https://github.example/team/blob/main/systems.yaml',
      ].join('\n'),
    );
    const config = await load(['app-config.production.yaml', file]);
    expect(developmentOnlySettings(config)).toEqual([]);
    const globalKinds = config
      .getConfigArray('catalog.rules')
      .flatMap(rule => rule.getStringArray('allow'))
      .map(kind => kind.toLocaleLowerCase('en-US'));
    expect(globalKinds).toContain('system');
    expect(globalKinds).not.toContain('domain');
  });

  it.each([
    ['microsoft', 'msgraph'],
    ['github', 'github'],
    ['oidc', 'msgraph'],
    ['oidc', 'github'],
  ])(
    'has none of them with the %s sign-in and %s organisation fragments, and the production start guard accepts it',
    async (provider, org) => {
      const config = await load([
        'app-config.production.yaml',
        `config/auth/${provider}.yaml`,
        `config/org/${org}.yaml`,
      ]);
      expect(developmentOnlySettings(config)).toEqual([]);
      expect(config.has(`auth.providers.${provider}.production`)).toBe(true);
      expect(config.getConfig('catalog.providers').keys()).toHaveLength(1);
      expect(() =>
        assertSafeProductionSignIn(config, 'production'),
      ).not.toThrow();
    },
  );

  it('is refused by the production start guard without a sign-in provider', async () => {
    const config = await load(['app-config.production.yaml']);
    expect(() => assertSafeProductionSignIn(config, 'production')).toThrow(
      /no sign-in provider is configured/,
    );
  });
});
