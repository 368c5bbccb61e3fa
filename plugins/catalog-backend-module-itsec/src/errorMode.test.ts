import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ItsecEntityProcessor } from './ItsecEntityProcessor';

jest.setTimeout(60_000);

/*
 * Why problems are reported as status items by default: an error emitted with
 * processingResult.inputError marks the whole processing run as failed, and
 * the catalog keeps no processed version of the entity, so a new entity with
 * one bad annotation never appears. This test pins that catalog behaviour.
 */
describe('errorMode emit (catalog behaviour the default avoids)', () => {
  it('hides a new entity whose annotation is malformed', async () => {
    const mockDir = createMockDirectory();
    mockDir.setContent({
      'catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bad
  annotations: { itsec.justice.gov.uk/classification: SECRETISH }
spec: { type: service, lifecycle: production, owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: good
  annotations: { itsec.justice.gov.uk/classification: SECRET }
spec: { type: service, lifecycle: production, owner: team-a }
`,
    });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'itsec-emit',
          register(reg) {
            reg.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.addProcessor(
                  new ItsecEntityProcessor({ errorMode: 'emit' }),
                );
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component'] }],
              locations: [
                { type: 'file', target: mockDir.resolve('catalog-info.yaml') },
              ],
            },
          },
        }),
      ],
    });
    try {
      const get = (name: string) =>
        fetch(
          `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/component/default/${name}`,
          {
            headers: { Authorization: mockCredentials.user.header() },
          },
        );
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await get('good')).status !== 200) {
        await new Promise(r => setTimeout(r, 250));
      }
      expect((await get('good')).status).toBe(200);
      await new Promise(r => setTimeout(r, 1500));
      expect((await get('bad')).status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});
