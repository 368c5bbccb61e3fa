/**
 * What the backend's `GET /api/sign-in/options` answers (see
 * packages/backend/src/modules/auth/signInOptions.ts): the providers that
 * are configured, and in development the demo personas. No secrets.
 */
export interface SignInOptions {
  providers: Array<'microsoft' | 'github' | 'oidc'>;
  demoPersonas?: DemoPersona[];
}

/** A demo persona: a User of the demo catalog. */
export interface DemoPersona {
  userEntityRef: string;
  displayName: string;
  description?: string;
}

/** The backend's demo personas provider and the header naming the persona. */
export const DEMO_PERSONAS_PROVIDER_ID = 'demo-personas';
export const DEMO_PERSONA_HEADER = 'x-itsec-demo-persona';
