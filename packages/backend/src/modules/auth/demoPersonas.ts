import { createBackendModule } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/** The auth provider id of the demo personas: `/api/auth/demo-personas/refresh`. */
export const DEMO_PERSONAS_PROVIDER_ID = 'demo-personas';

/** The config key that lists the personas; only allowed in development. */
export const DEMO_PERSONAS_CONFIG_KEY = `auth.providers.${DEMO_PERSONAS_PROVIDER_ID}`;

/** The request header that names the persona to sign in as (a User entity ref). */
export const DEMO_PERSONA_HEADER = 'x-itsec-demo-persona';

/**
 * Reads `auth.providers.demo-personas.personas`: the User entity refs that the
 * demo sign-in page offers, normalised (`priya.shah` is `user:default/priya.shah`).
 */
export function readDemoPersonas(providerConfig: Config): string[] {
  const refs = providerConfig.getStringArray('personas');
  return refs.map((ref, index) => {
    let parsed;
    try {
      parsed = parseEntityRef(ref, { defaultKind: 'user' });
    } catch (error) {
      throw new InputError(
        `${DEMO_PERSONAS_CONFIG_KEY}.personas[${index}] is not an entity ref: ${ref}`,
      );
    }
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new InputError(
        `${DEMO_PERSONAS_CONFIG_KEY}.personas[${index}] must be a User, not ${ref}`,
      );
    }
    return stringifyEntityRef(parsed);
  });
}

/**
 * Signs in as the persona named in the {@link DEMO_PERSONA_HEADER} header,
 * if it is one of the configured personas, and only when NODE_ENV is
 * `development` (the production guard also refuses to start with it).
 */
export const demoPersonasAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userEntityRef: string }) => ({
    profile: { displayName: parseEntityRef(result.userEntityRef).name },
  }),
  initialize({ config }) {
    return { personas: new Set(readDemoPersonas(config)) };
  },
  async authenticate({ req }, { personas }) {
    if (process.env.NODE_ENV !== 'development') {
      throw new NotAllowedError(
        `The demo personas sign in only in development (NODE_ENV is ${process.env.NODE_ENV}); remove ${DEMO_PERSONAS_CONFIG_KEY} from the configuration`,
      );
    }
    const requested = req.header(DEMO_PERSONA_HEADER);
    if (!requested) {
      throw new InputError(
        `Choose a demo persona: the ${DEMO_PERSONA_HEADER} header is missing`,
      );
    }
    let userEntityRef: string;
    try {
      userEntityRef = stringifyEntityRef(
        parseEntityRef(requested, { defaultKind: 'user' }),
      );
    } catch {
      throw new InputError(
        `The ${DEMO_PERSONA_HEADER} header is not an entity ref: ${requested}`,
      );
    }
    if (!personas.has(userEntityRef)) {
      throw new NotAllowedError(
        `${userEntityRef} is not a demo persona (${DEMO_PERSONAS_CONFIG_KEY}.personas)`,
      );
    }
    return { result: { userEntityRef } };
  },
});

/**
 * The demo's sign-in: one click per persona (ITSO, delivery team member,
 * business-group SIRO, IAO…), each a User of the demo catalog, so that
 * separation of duties can be tried from one browser. Development only.
 */
export const authModuleDemoPersonas = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-personas-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: DEMO_PERSONAS_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: demoPersonasAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: result.userEntityRef,
              });
            },
          }),
        });
      },
    });
  },
});
