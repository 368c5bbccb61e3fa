import { createBackend } from '@backstage/backend-defaults';
import { strictRootConfigServiceFactory } from './config/strictRootConfig';
import {
  authModuleDemoPersonas,
  authModuleSignInProviders,
  signInOptionsPlugin,
} from './modules/auth';
import { itsecPermissionPolicyModule } from './modules/permissionPolicy';
import { itsecActionsModule } from '@internal/plugin-itsec-backend';

const backend = createBackend();

backend.add(strictRootConfigServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in (docs/authentication.md): each provider is on only when
// auth.providers.<id> is configured. Microsoft Entra ID, GitHub and OIDC map
// people to their User entity; the demo personas are for development only
// (config/strictRootConfig refuses them, and the guest, in production).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(authModuleSignInProviders);
backend.add(authModuleDemoPersonas);
// GET /api/sign-in/options: which of them the sign-in page offers.
backend.add(signInOptionsPlugin);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@internal/plugin-catalog-backend-module-itsec'));
// Users and Groups from Microsoft Graph or a GitHub organisation: each reads
// nothing unless catalog.providers.microsoftGraphOrg / githubOrg is configured
// (config/org/*.yaml).
backend.add(import('@backstage/plugin-catalog-backend-module-msgraph'));
backend.add(import('@backstage/plugin-catalog-backend-module-github-org'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(itsecPermissionPolicyModule);

backend.add(import('@internal/plugin-itsec-backend'));
// The itsec actions (scorecards, portfolio, statements, suggested
// annotations, attestations) for AI assistants, served over MCP at
// /api/mcp-actions/v1 for the plugins in backend.actions.pluginSources
// (docs/mcp.md).
backend.add(itsecActionsModule);
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Fix-it pull requests (docs/fix-it.md): the scaffolder, its GitHub actions
// (publish:github:pull-request, using integrations.github) and the itsec
// action itsec:catalog-info:annotate.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@internal/plugin-scaffolder-backend-module-itsec'));
// The Template kind in the catalog, so the Fix column finds the template.
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// Notifications (the itsec reminders and weekly digest) and the signals that
// push them to open browsers.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// The event bus the catalog, notifications and signals publish and subscribe on.
backend.add(import('@backstage/plugin-events-backend'));

backend.start();
