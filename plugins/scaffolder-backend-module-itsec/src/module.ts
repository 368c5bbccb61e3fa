import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAnnotateCatalogInfoAction } from './actions/annotateCatalogInfo';

/**
 * Adds the itsec actions (`itsec:catalog-info:annotate`) to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleItsec = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'itsec',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createAnnotateCatalogInfoAction());
      },
    });
  },
});
