export {
  authModuleDemoPersonas,
  DEMO_PERSONA_HEADER,
  DEMO_PERSONAS_CONFIG_KEY,
  DEMO_PERSONAS_PROVIDER_ID,
} from './demoPersonas';
export { authModuleSignInProviders, SIGN_IN_PROVIDER_IDS } from './providers';
export type { SignInProviderId } from './providers';
export { signInOptionsPlugin } from './signInOptions';
export type { DemoPersona, SignInOptions } from './signInOptions';
export { emailThenUsernameSignInResolver } from './signInResolver';
