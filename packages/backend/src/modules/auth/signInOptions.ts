import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DEMO_PERSONAS_PROVIDER_ID, readDemoPersonas } from './demoPersonas';
import { SIGN_IN_PROVIDER_IDS, SignInProviderId } from './providers';

/** A demo persona as the sign-in page shows it. */
export interface DemoPersona {
  userEntityRef: string;
  displayName: string;
  description?: string;
}

/** What `GET /api/sign-in/options` answers: the sign-in page's choices, no secrets. */
export interface SignInOptions {
  /** The production providers configured for `auth.environment`, in a fixed order. */
  providers: SignInProviderId[];
  /** The demo personas (development only); absent when not configured. */
  demoPersonas?: DemoPersona[];
}

/** The `auth.environment` the app's OAuth providers sign in with. */
export function authEnvironment(config: Config): string {
  return config.getOptionalString('auth.environment') ?? 'development';
}

/**
 * The production providers that have configuration for the current
 * `auth.environment` (`auth.providers.<id>.<environment>`), which is what
 * the auth backend's OAuth handlers sign in with.
 */
export function configuredSignInProviders(config: Config): SignInProviderId[] {
  const env = authEnvironment(config);
  return SIGN_IN_PROVIDER_IDS.filter(id =>
    config.has(`auth.providers.${id}.${env}`),
  );
}

/**
 * A tiny backend plugin (`/api/sign-in`) that tells the sign-in page which
 * providers to offer, read from the same `auth.providers` configuration the
 * auth backend uses, so the page offers exactly what is configured. It
 * answers before sign-in, so it says only provider ids and, in development,
 * the personas' names from the catalog — never a client id or secret.
 */
export const signInOptionsPlugin = createBackendPlugin({
  pluginId: 'sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
      },
      async init({ config, httpRouter, auth, catalog, logger }) {
        const providers = configuredSignInProviders(config);
        const personasConfig = config.getOptionalConfig(
          `auth.providers.${DEMO_PERSONAS_PROVIDER_ID}`,
        );
        const personaRefs = personasConfig
          ? readDemoPersonas(personasConfig)
          : undefined;

        httpRouter.use((req, res, next) => {
          if (req.method !== 'GET' || req.path !== '/options') {
            next();
            return;
          }
          const body: SignInOptions = { providers };
          (personaRefs ? describePersonas(personaRefs) : Promise.resolve())
            .then(demoPersonas => {
              if (demoPersonas) body.demoPersonas = demoPersonas;
              res.json(body);
            })
            .catch(next);
        });
        httpRouter.addAuthPolicy({
          path: '/options',
          allow: 'unauthenticated',
        });

        async function describePersonas(refs: string[]) {
          let entities: (Entity | undefined)[] = [];
          try {
            ({ items: entities } = await catalog.getEntitiesByRefs(
              {
                entityRefs: refs,
                fields: [
                  'metadata.name',
                  'metadata.description',
                  'spec.profile',
                ],
              },
              { credentials: await auth.getOwnServiceCredentials() },
            ));
          } catch (error) {
            // The catalog may still be starting: the page shows the refs.
            logger.warn(`Could not read the demo personas: ${error}`);
          }
          return refs.map((userEntityRef, i): DemoPersona => {
            const entity = entities[i];
            const profile = (entity?.spec?.profile ?? {}) as {
              displayName?: string;
            };
            return {
              userEntityRef,
              displayName:
                profile.displayName ?? entity?.metadata.name ?? userEntityRef,
              ...(entity?.metadata.description
                ? { description: entity.metadata.description }
                : {}),
            };
          });
        }
      },
    });
  },
});
