import { mockServices } from '@backstage/backend-test-utils';
import { mojIctSecurityPolicy } from '@internal/plugin-itsec-common';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import fs from 'node:fs';
import { createRouter } from '../service/router';
import { spec } from './openapi.generated';

describe('the OpenAPI spec', () => {
  it('is what openapi.yaml holds (run `npm run openapi:generate` after editing openapi.yaml)', () => {
    const {
      renderSpecModule,
      target,
    } = require('../../scripts/generate-openapi-spec');
    expect(fs.readFileSync(target, 'utf8')).toBe(renderSpecModule());
  });

  it('describes exactly the routes the router serves', async () => {
    const router: any = await createRouter({
      store: {} as any,
      evaluator: { onFullEvaluation() {} } as any,
      index: {} as any,
      policy: mojIctSecurityPolicy,
      dueSoonWindow: 'P30D',
      clock: new FixedClock('2026-10-01T00:00:00Z'),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      permissionsRegistry: mockServices.permissionsRegistry.mock({
        getPermissionRuleset: jest
          .fn()
          .mockReturnValue({ getRuleByName: jest.fn() }) as any,
      }),
      discovery: mockServices.discovery(),
      logger: mockServices.logger.mock(),
      userInfo: mockServices.userInfo(),
      exceptionMaxDuration: 'P12M',
    });
    const served = new Set<string>();
    for (const layer of router.stack) {
      if (!layer.route) continue;
      const routePath = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
      if (routePath.includes('openapi.json')) continue;
      for (const method of Object.keys(layer.route.methods)) {
        served.add(`${method.toUpperCase()} ${routePath}`);
      }
    }
    const documented = new Set<string>();
    for (const [p, item] of Object.entries(spec.paths)) {
      for (const method of Object.keys(item))
        documented.add(`${method.toUpperCase()} ${p}`);
    }
    expect([...served].sort()).toEqual([...documented].sort());
  });
});
