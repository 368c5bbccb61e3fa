import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import itsecPlugin, {
  itsecActionsModule,
} from '@internal/plugin-itsec-backend';
import {
  FixedClock,
  fixedClockFactory,
  policyPermissionsFactory,
  userInfoFactory,
} from '@internal/plugin-itsec-node/testUtils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { createPortalPermissionPolicy } from './permissionPolicy';

/*
 * The itsec actions over MCP: the portal's backend plugins (itsec, its
 * actions module, the MCP actions server) and the official MCP client over
 * streamable HTTP, each call compared with the HTTP API's answer to the same
 * person, under the portal's permission policy.
 */

jest.setTimeout(60_000);

// MCP tool names are namespaced by plugin (mcpActions.namespacedToolNames).
const tool = (name: string) => `itsec.${name}`;

const OWNER = 'user:default/olivia.owner';
const STRANGER = 'user:default/sam.stranger';
const IAO = 'user:default/thomas.green';
const memberships: Record<string, string[]> = {
  [OWNER]: ['group:default/team-a'],
  [STRANGER]: ['group:default/team-b'],
  [IAO]: ['group:default/business'],
};

const policy = createPortalPermissionPolicy(
  new ConfigReader({ itsec: { itsoGroup: 'group:default/itso' } }),
);

const civil: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'civil',
    namespace: 'default',
    annotations: {
      'itsec.justice.gov.uk/classification': 'OFFICIAL',
      'itsec.justice.gov.uk/role-iao': 'user:default/thomas.green',
    },
  },
  spec: { owner: 'group:default/team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};

describe('itsec actions over MCP', () => {
  let server: any;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        itsecPlugin,
        itsecActionsModule,
        mcpActionsPlugin,
        catalogServiceMock.factory({ entities: [civil] }),
        fixedClockFactory(new FixedClock('2026-10-01T09:00:00Z')),
        userInfoFactory(memberships),
        policyPermissionsFactory(policy, memberships),
        // A request without a token is anonymous, as in the portal.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            itsec: { itsoGroup: 'group:default/itso' },
            backend: { actions: { pluginSources: ['itsec'] } },
          },
        }),
      ],
    });
    server = backend.server;
    const { port } = server.address();
    baseUrl = `http://localhost:${port}`;
    stop = () => backend.stop();
  });
  afterAll(async () => stop?.());

  async function connect(user: string) {
    const client = new Client({ name: 'itsec-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${baseUrl}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(user) },
          },
        },
      ),
    );
    return client;
  }
  const http = (path: string, user: string) =>
    request(server)
      .get(`/api/itsec${path}`)
      .set('Authorization', mockCredentials.user.header(user));
  const structured = (r: any) => r.structuredContent as any;

  it('lists the itsec tools with their attributes', async () => {
    const client = await connect(OWNER);
    const { tools } = await client.listTools();
    const byName = new Map(tools.map(t => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual([
      tool('explain-statement'),
      tool('get-entity-scorecard'),
      tool('list-my-tasks'),
      tool('list-portfolio-gaps'),
      tool('record-attestation'),
      tool('suggest-annotations'),
    ]);
    expect(byName.get(tool('get-entity-scorecard'))!.annotations).toMatchObject(
      {
        readOnlyHint: true,
      },
    );
    expect(byName.get(tool('record-attestation'))!.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    await client.close();
  });

  it('answers get-entity-scorecard, list-portfolio-gaps and explain-statement as the HTTP API does', async () => {
    const client = await connect(OWNER);

    const card = (await http('/entities/system/default/civil/scorecard', OWNER))
      .body;
    const scorecard = structured(
      await client.callTool({
        name: tool('get-entity-scorecard'),
        arguments: { entityRef: 'system:civil' },
      }),
    );
    expect(scorecard.entityRef).toBe('system:default/civil');
    expect(scorecard.score).toBe(card.evaluation.summary.score);
    expect(scorecard.counts).toEqual(card.evaluation.summary.counts);
    const httpGaps = card.evaluation.results.filter((r: any) =>
      ['gap', 'due-soon'].includes(r.status),
    );
    expect(scorecard.gaps.map((g: any) => g.statementId)).toEqual(
      httpGaps.map((r: any) => r.statementId),
    );
    expect(scorecard.gaps.length).toBeGreaterThan(0);
    const dr = scorecard.gaps.find(
      (g: any) => g.statementId === 'POL.ITSEC.043',
    );
    const httpDr = httpGaps.find((r: any) => r.statementId === 'POL.ITSEC.043');
    expect(dr.fix).toBe(httpDr.remediation.hint);

    const portfolio = (await http('/portfolio?kind=system', OWNER)).body;
    const page = structured(
      await client.callTool({
        name: tool('list-portfolio-gaps'),
        arguments: { kind: 'system' },
      }),
    );
    expect(page).toEqual(portfolio);
    expect(page.total).toBe(1);

    const policyDoc = (await http('/policy', OWNER)).body;
    const explained = structured(
      await client.callTool({
        name: tool('explain-statement'),
        arguments: { statementId: 'POL.ITSEC.043' },
      }),
    );
    const s = policyDoc.statements.find((x: any) => x.id === 'POL.ITSEC.043');
    expect(explained).toMatchObject({
      id: s.id,
      title: s.title,
      text: s.text,
      evidence: s.evidence,
    });
    expect(explained.howChecked).toMatch(/catalog-info.yaml annotations/);
    await client.close();
  });

  it.each([
    [
      'a role holder',
      IAO,
      [
        expect.objectContaining({
          type: 'acknowledge-role',
          entityRef: 'system:default/civil',
        }),
      ],
    ],
    ['a stranger', STRANGER, []],
  ])(
    'answers list-my-tasks for %s with their own tasks, as GET /me/tasks does',
    async (_who, user, expected) => {
      const client = await connect(user);
      const tasks = structured(
        await client.callTool({
          name: tool('list-my-tasks'),
          arguments: { dueWithin: 'P90D' },
        }),
      );
      expect(tasks).toEqual(
        (await http('/me/tasks?dueWithin=P90D', user)).body,
      );
      expect(tasks.items).toEqual(expected);
      const bad = await client.callTool({
        name: tool('list-my-tasks'),
        arguments: { dueWithin: 'P5Y' },
      });
      expect(bad.isError).toBe(true);
      await client.close();
    },
  );

  it('suggests annotations with placeholders only, for the gaps the scorecard shows', async () => {
    const client = await connect(OWNER);
    const out = structured(
      await client.callTool({
        name: tool('suggest-annotations'),
        arguments: {
          entityRef: 'system:default/civil',
          statements: ['POL.ITSEC.043'],
        },
      }),
    );
    const card = (await http('/entities/system/default/civil/scorecard', OWNER))
      .body;
    const gap = card.evaluation.results.find(
      (r: any) => r.statementId === 'POL.ITSEC.043',
    );
    expect(out.annotations).toEqual([
      expect.objectContaining({
        annotation: gap.remediation.annotation,
        statementIds: ['POL.ITSEC.043'],
      }),
    ]);
    expect(out.annotations[0].placeholder).toMatch(/^<.*>$/);
    expect(out.snippet).toContain(`    ${gap.remediation.annotation}: "<`);
    await client.close();
  });

  it('records an attestation through the HTTP route, and refuses a caller without permission', async () => {
    const attestation = {
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.024',
      evidenceLink: 'https://docs.example/civil/access-review',
      statement: 'Joiner/mover/leaver process checked',
    };
    const stranger = await connect(STRANGER);
    const refused = await stranger.callTool({
      name: tool('record-attestation'),
      arguments: attestation,
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain(
      `${STRANGER} may not attestation.create for system:default/civil`,
    );
    await stranger.close();

    const owner = await connect(OWNER);
    const recorded = structured(
      await owner.callTool({
        name: tool('record-attestation'),
        arguments: attestation,
      }),
    );
    expect(recorded).toMatchObject({
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.024',
      attestedBy: OWNER,
      attestedOn: '2026-10-01',
    });
    const listed = (
      await http('/attestations?entityRef=system:default/civil', OWNER)
    ).body.items;
    expect(listed.map((a: any) => a.id)).toContain(recorded.id);

    // Invalid input is refused by the route's own validation.
    const invalid = await owner.callTool({
      name: tool('record-attestation'),
      arguments: { ...attestation, statementId: 'POL.ITSEC.043' },
    });
    expect(invalid.isError).toBe(true);
    expect(JSON.stringify(invalid.content)).toContain(
      'only attestation statements take attestations',
    );
    await owner.close();

    // The audit log has the denial and the write, as for the HTTP route.
    const audit = await request(server)
      .get('/api/itsec/audit?entityRef=system:default/civil')
      .set('Authorization', mockCredentials.service.header());
    const entries = (audit.body.items ?? []).map(
      (e: any) => `${e.actor} ${e.action} ${e.outcome}`,
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        `${STRANGER} attestation.create denied`,
        `${OWNER} attestation.create allowed`,
      ]),
    );
  });

  it('refuses a caller with no token', async () => {
    const res = await request(server)
      .post('/api/mcp-actions/v1')
      .set('Accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(res.status).toBe(401);
  });
});
