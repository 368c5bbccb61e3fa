import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleItsec } from './module';

describe('scaffolderModuleItsec', () => {
  it('registers itsec:catalog-info:annotate with the scaffolder', async () => {
    const added: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...a: TemplateAction<any, any, any>[]) =>
              added.push(...a),
          },
        ],
      ],
      features: [scaffolderModuleItsec],
    });
    expect(added.map(a => a.id)).toEqual(['itsec:catalog-info:annotate']);
  });
});
