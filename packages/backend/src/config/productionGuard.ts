import { Config } from '@backstage/config';

/** Config keys that sign people in without an identity provider: development only. */
export const DEVELOPMENT_ONLY_SIGN_IN_KEYS = [
  'auth.providers.guest',
  'auth.providers.demo-personas',
] as const;

/** The real sign-in providers (config/auth/*.yaml). */
const REAL_SIGN_IN_PROVIDERS = ['microsoft', 'github', 'oidc'];

/**
 * Refuses a production configuration (NODE_ENV=production) that would let
 * anyone in without an identity provider, or that has no way in at all:
 * the guest provider or the demo personas configured, or none of Microsoft
 * Entra ID, GitHub and OIDC configured for `auth.environment`. Throws an
 * error naming the config key; does nothing outside production.
 */
export function assertSafeProductionSignIn(
  config: Config,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): void {
  if (nodeEnv !== 'production') return;
  for (const key of DEVELOPMENT_ONLY_SIGN_IN_KEYS) {
    if (config.has(key)) {
      throw new Error(
        `Refusing to start: ${key} is configured, but NODE_ENV is production. ` +
          `It signs people in without an identity provider and is for development only: ` +
          `remove ${key} from the configuration (see docs/authentication.md).`,
      );
    }
  }
  const env = config.getOptionalString('auth.environment') ?? 'development';
  const configured = REAL_SIGN_IN_PROVIDERS.filter(id =>
    config.has(`auth.providers.${id}.${env}`),
  );
  if (configured.length === 0) {
    const keys = REAL_SIGN_IN_PROVIDERS.map(
      id => `auth.providers.${id}.${env}`,
    ).join(', ');
    throw new Error(
      `Refusing to start: no sign-in provider is configured for production ` +
        `(auth.environment is '${env}'). Configure at least one of ${keys} — ` +
        `for example with --config config/auth/microsoft.yaml (see docs/authentication.md).`,
    );
  }
}
