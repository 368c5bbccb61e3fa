import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ItsecEntityProcessor } from './ItsecEntityProcessor';

/**
 * Catalog module: validates `itsec.justice.gov.uk/` annotations, adds the
 * `CodeOfConnection` kind and emits the security-role relations.
 *
 * @public
 */
export const catalogModuleItsec = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'itsec',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new ItsecEntityProcessor());
      },
    });
  },
});
