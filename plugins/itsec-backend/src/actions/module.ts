import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { createItsecApi } from './itsecApi';
import { registerItsecActions } from './registerItsecActions';

/**
 * The itsec actions for AI assistants (docs/mcp.md): get-entity-scorecard,
 * list-portfolio-gaps, explain-statement, suggest-annotations and
 * record-attestation, in the actions registry as `itsec:<name>`.
 *
 * @public
 */
export const itsecActionsModule = createBackendModule({
  pluginId: 'itsec',
  moduleId: 'actions',
  register(reg) {
    reg.registerInit({
      deps: {
        registry: actionsRegistryServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ registry, auth, discovery }) {
        registerItsecActions(registry, createItsecApi({ auth, discovery }));
      },
    });
  },
});
