import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import itsecScaffolderModule from '@internal/plugin-scaffolder-backend-module-itsec';
import request from 'supertest';
import { parse } from 'yaml';

/*
 * The "Close security gaps" template through the scaffolder's dry-run API, on
 * a backend with the scaffolder, its GitHub module and the itsec module. The
 * entity's catalog-info.yaml is served by a local stand-in of the repository
 * host; the pull request step runs in dry-run mode, which reaches no one.
 */

jest.setTimeout(60_000);

const TEMPLATE = parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../examples/templates/close-security-gaps.yaml',
    ),
    'utf8',
  ),
);

const P = 'itsec.justice.gov.uk/';
const CATALOG_INFO = [
  '# Payments: owned by team-a',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: payments',
  '  annotations:',
  "    github.com/project-slug: 'ministryofjustice/payments'",
  `    ${P}classification: OFFICIAL`,
  `    ${P}dr-plan-last-test: "2024-05-01 fail" # before the new supplier`,
  'spec:',
  '  type: service',
  '  owner: team-a',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: API',
  'metadata:',
  '  name: payments-api',
  'spec:',
  '  type: openapi',
  '',
].join('\n');

describe('Close security gaps template (dry run)', () => {
  let repoHost: http.Server;
  let repoUrl: string;
  const served: string[] = [];

  beforeAll(async () => {
    repoHost = http.createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === '/ministryofjustice/payments/catalog-info.yaml') {
        res.writeHead(200, { 'content-type': 'text/yaml' });
        res.end(CATALOG_INFO);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>(resolve =>
      repoHost.listen(0, '127.0.0.1', resolve),
    );
    repoUrl = `http://localhost:${(repoHost.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => repoHost.close(resolve)));

  async function start() {
    const { port } = repoHost.address() as AddressInfo;
    return startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        itsecScaffolderModule,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: `localhost:${port}` }] } },
            // A token the dry run never sends: the pull request step stops
            // before any request in dry-run mode.
            integrations: {
              github: [{ host: 'github.com', token: 'unused-in-dry-run' }],
            },
          },
        }),
      ],
    });
  }

  function dryRun(server: any, values: Record<string, unknown>) {
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template: TEMPLATE, values, directoryContents: [] });
  }

  it('fetches the file, sets the annotations and shows the pull request it would open', async () => {
    const { server } = await start();
    const res = await dryRun(server, {
      entityRef: 'component:default/payments',
      statements: ['POL.ITSEC.043'],
      catalogInfoUrl: `${repoUrl}/ministryofjustice/payments/catalog-info.yaml`,
      repoUrl: 'github.com?owner=ministryofjustice&repo=payments',
      filePath: 'catalog-info.yaml',
      annotations: {
        'dr-plan-last-test': '2026-11-02 pass',
        'dr-plan-rto': '',
      },
    });
    expect(res.status).toBe(200);
    expect(served).toContain('/ministryofjustice/payments/catalog-info.yaml');

    const files = res.body.directoryContents as Array<{
      path: string;
      base64Content: string;
    }>;
    expect(files.map(f => f.path)).toEqual(['catalog-info.yaml']);
    const result = Buffer.from(files[0].base64Content, 'base64').toString();
    expect(result).toBe(
      CATALOG_INFO.replace(
        `"2024-05-01 fail" # before`,
        `"2026-11-02 pass" # before`,
      ),
    );

    const steps = res.body.steps.map((s: any) => s.id);
    expect(steps).toEqual(['fetch', 'annotate', 'publish']);
    const log = res.body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain(`updated ${P}dr-plan-last-test`);
    expect(log).toContain('Performing dry run of creating pull request');
    expect(res.body.output.links[0]).toEqual({
      title: 'Pull request',
      url: 'github.com?owner=ministryofjustice&repo=payments',
    });
  });

  it('fails the annotate step naming the annotation when a value is invalid', async () => {
    const { server } = await start();
    const res = await dryRun(server, {
      entityRef: 'component:default/payments',
      catalogInfoUrl: `${repoUrl}/ministryofjustice/payments/catalog-info.yaml`,
      repoUrl: 'github.com?owner=ministryofjustice&repo=payments',
      annotations: { 'dr-plan-last-test': '2026-11-02 passed' },
    });
    const log = JSON.stringify(res.body);
    expect(log).toContain(
      `catalog-info.yaml: ${P}dr-plan-last-test: \\"2026-11-02 passed\\"`,
    );
    expect(log).not.toContain('Performing dry run of creating pull request');
  });
});
