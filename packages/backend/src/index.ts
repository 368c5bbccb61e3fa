import { createBackend } from '@backstage/backend-defaults';
import { strictRootConfigServiceFactory } from './config/strictRootConfig';
import { itsecPermissionPolicyModule } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(strictRootConfigServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@internal/plugin-catalog-backend-module-itsec'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(itsecPermissionPolicyModule);

backend.add(import('@internal/plugin-itsec-backend'));

// Notifications (the itsec reminders and weekly digest) and the signals that
// push them to open browsers.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// The event bus the catalog, notifications and signals publish and subscribe on.
backend.add(import('@backstage/plugin-events-backend'));

backend.start();
