import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { DEFAULT_ITSO_GROUP } from '@internal/plugin-itsec-common';
import { ItsecEntityProcessor } from './ItsecEntityProcessor';
import { catalogLookup } from './catalogLookup';

/**
 * Catalog module: validates `itsec.justice.gov.uk/` annotations, adds the
 * `CodeOfConnection` kind, checks each one against the system it names and
 * emits the security-role relations. Reads `itsec.itsoGroup` (default
 * `group:default/itso`).
 *
 * @public
 */
export const catalogModuleItsec = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'itsec',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ processing, catalog, auth, config }) {
        processing.addProcessor(
          new ItsecEntityProcessor({
            lookup: catalogLookup(catalog, auth),
            itsoGroup:
              config.getOptionalString('itsec.itsoGroup') ?? DEFAULT_ITSO_GROUP,
          }),
        );
      },
    });
  },
});
