import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import itsecPlugin from '@internal/plugin-itsec/alpha';
import { homeFeature } from './modules/home';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    homeFeature,
    catalogPlugin,
    orgPlugin,
    catalogGraphPlugin,
    userSettingsPlugin,
    itsecPlugin,
    notificationsPlugin,
    signalsPlugin,
    // /create: the Close security gaps template (docs/fix-it.md).
    scaffolderPlugin,
    navModule,
    signInModule,
  ],
});
