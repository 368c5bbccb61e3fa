import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import type { IdentityApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import {
  DEMO_PERSONA_HEADER,
  DEMO_PERSONAS_PROVIDER_ID,
  type DemoPersona,
} from './types';

/** Where the chosen persona is kept, so a reload stays signed in until sign-out. */
export const PERSONA_STORAGE_KEY = 'itsec:demo-persona';

function storedPersona(personas: DemoPersona[]): string | undefined {
  try {
    const ref = window.localStorage.getItem(PERSONA_STORAGE_KEY);
    return personas.some(p => p.userEntityRef === ref) ? ref! : undefined;
  } catch {
    return undefined;
  }
}

/** The identity, forgetting the chosen persona on sign-out so the list shows again. */
function forgetPersonaOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    async signOut() {
      window.localStorage.removeItem(PERSONA_STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * The development sign-in: one button per demo persona (a User of the demo
 * catalog). Signing in sends the persona to the backend's `demo-personas`
 * provider, which accepts only the personas in its configuration.
 */
export function DemoPersonaSignIn(
  props: SignInPageProps & {
    personas: DemoPersona[];
    /** Offered when real providers are configured too. */
    onOrganisationSignIn?: () => void;
  },
) {
  const { personas, onSignInSuccess, onOrganisationSignIn } = props;
  const [chosen, setChosen] = useState(() => storedPersona(personas));

  if (chosen) {
    return (
      <ProxiedSignInPage
        provider={DEMO_PERSONAS_PROVIDER_ID}
        headers={{ [DEMO_PERSONA_HEADER]: chosen }}
        onSignInSuccess={identity => {
          window.localStorage.setItem(PERSONA_STORAGE_KEY, chosen);
          onSignInSuccess(forgetPersonaOnSignOut(identity));
        }}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header
        title="Sign in as a demo persona"
        subtitle="Development only: each persona is a User of the demo catalog, so separation of duties can be tried from one browser"
      />
      <Content>
        <Grid container spacing={3} component="ul" style={{ padding: 0 }}>
          {personas.map(persona => (
            <Grid
              item
              xs={12}
              sm={6}
              md={4}
              key={persona.userEntityRef}
              component="li"
              style={{ listStyle: 'none' }}
            >
              <InfoCard title={persona.displayName}>
                <Typography variant="body2" gutterBottom>
                  {persona.description ?? persona.userEntityRef}
                </Typography>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                  gutterBottom
                >
                  {persona.userEntityRef}
                </Typography>
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => setChosen(persona.userEntityRef)}
                >
                  Sign in as {persona.displayName}
                </Button>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
        {onOrganisationSignIn && (
          <Button variant="outlined" onClick={onOrganisationSignIn}>
            Sign in with your organisation account instead
          </Button>
        )}
      </Content>
    </Page>
  );
}
