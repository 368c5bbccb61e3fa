import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources } from '@backstage/config-loader';
import { assertSafeProductionSignIn } from './productionGuard';

/**
 * Resolves `${NAME}` in config files from the environment, refusing to start
 * when a variable is not set, so that a missing `POSTGRES_PASSWORD` is named
 * at start-up instead of surfacing later as a failed database connection.
 */
export async function substituteRequiredEnv(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const value = env[name]?.trim();
  if (value === undefined || value === '') {
    throw new Error(
      `Configuration needs the environment variable ${name}, which is not set. ` +
        `Set ${name} or remove the reference to it from the config files.`,
    );
  }
  return value;
}

/**
 * The root config service, loading the usual sources with
 * {@link substituteRequiredEnv}; in production it refuses a sign-in
 * configuration that is for development only ({@link assertSafeProductionSignIn}).
 */
export const strictRootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const source = ConfigSources.default({
      argv: process.argv,
      substitutionFunc: name => substituteRequiredEnv(name),
    });
    const config = await ConfigSources.toConfig(source);
    assertSafeProductionSignIn(config);
    return config;
  },
});
