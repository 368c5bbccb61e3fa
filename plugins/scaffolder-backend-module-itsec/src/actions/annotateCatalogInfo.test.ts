import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createAnnotateCatalogInfoAction } from './annotateCatalogInfo';

const P = 'itsec.justice.gov.uk/';

const CATALOG_INFO = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: payments',
  '  annotations:',
  '    # who to ask',
  "    github.com/project-slug: 'ministryofjustice/payments'",
  `    ${P}classification: OFFICIAL`,
  'spec:',
  '  type: service',
  '  owner: team-a',
  '',
].join('\n');

describe('itsec:catalog-info:annotate', () => {
  let workspacePath: string;
  beforeEach(() => {
    workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-annotate-'));
    fs.writeFileSync(
      path.join(workspacePath, 'catalog-info.yaml'),
      CATALOG_INFO,
    );
  });
  afterEach(() => fs.rmSync(workspacePath, { recursive: true, force: true }));

  const action = createAnnotateCatalogInfoAction({
    now: () => new Date('2026-11-30T12:00:00Z'),
  });
  const read = (file = 'catalog-info.yaml') =>
    fs.readFileSync(path.join(workspacePath, file), 'utf8');

  it('sets the given values in the checked-out file and outputs what changed', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        entity: 'component:default/payments',
        annotations: {
          'dr-plan-last-test': '2026-11-02 pass',
          classification: 'OFFICIAL-SENSITIVE',
          'risk-assessment-date': '',
        },
      },
    });
    await action.handler(ctx as any);
    expect(read()).toBe(
      CATALOG_INFO.replace(
        `${P}classification: OFFICIAL\n`,
        `${P}classification: OFFICIAL-SENSITIVE\n    ${P}dr-plan-last-test: 2026-11-02 pass\n`,
      ),
    );
    expect(ctx.output).toHaveBeenCalledWith('path', 'catalog-info.yaml');
    expect(ctx.output).toHaveBeenCalledWith('added', [`${P}dr-plan-last-test`]);
    expect(ctx.output).toHaveBeenCalledWith('updated', [`${P}classification`]);
    expect(ctx.output).toHaveBeenCalledWith('skipped', [
      'risk-assessment-date',
    ]);
  });

  it('writes a pull request body naming the statements and what the reviewer must check', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        entity: 'payments',
        statements: ['POL.ITSEC.043'],
        annotations: { 'dr-plan-last-test': '2026-11-02 pass' },
      },
    });
    await action.handler(ctx as any);
    const body = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'pullRequestBody',
    )![1] as string;
    expect(body).toContain(
      '`component:default/payments` in `catalog-info.yaml`',
    );
    expect(body).toMatch(
      /## Statements this addresses\n\n- \*\*POL\.ITSEC\.043\*\* Disaster recovery plan tested — evidence: An ICT Disaster Recovery plan/,
    );
    expect(body).toMatch(
      new RegExp(
        `\\| \`${P}dr-plan-last-test\` \\| \`2026-11-02 pass\` \\| \\S`,
      ),
    );
  });

  it('refuses a statement the policy does not have', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        entity: 'payments',
        statements: ['POL.ITSEC.999'],
        annotations: { 'dr-plan-last-test': '2026-11-02 pass' },
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'statements: POL.ITSEC.999 is not a statement of the policy',
    );
    expect(read()).toBe(CATALOG_INFO);
  });

  it('edits a file at another path in the workspace', async () => {
    fs.mkdirSync(path.join(workspacePath, '.backstage'));
    fs.writeFileSync(
      path.join(workspacePath, '.backstage/catalog-info.yaml'),
      CATALOG_INFO,
    );
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        path: '.backstage/catalog-info.yaml',
        entity: 'payments',
        annotations: { [`${P}handles-personal-data`]: 'false' },
      },
    });
    await action.handler(ctx as any);
    expect(read('.backstage/catalog-info.yaml')).toContain(
      `    ${P}handles-personal-data: "false"\n`,
    );
    expect(read()).toBe(CATALOG_INFO);
  });

  it.each([
    [
      { 'dr-plan-last-test': '2026-11-02 passed' },
      `catalog-info.yaml: ${P}dr-plan-last-test: "2026-11-02 passed"`,
    ],
    [{ 'dr-plan-last-test': '2027-01-04 pass' }, `${P}dr-plan-last-test`],
    [{ 'no-such-thing': 'x' }, `${P}no-such-thing: unknown itsec annotation`],
    [{ 'risk-assessment-date': '  ' }, 'annotations: no value given'],
  ])(
    'fails the step on %j, naming the annotation, and leaves the file',
    async (annotations, message) => {
      const ctx = createMockActionContext({
        workspacePath,
        input: { entity: 'payments', annotations },
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(message);
      await expect(action.handler(ctx as any)).rejects.toMatchObject({
        name: 'InputError',
      });
      expect(read()).toBe(CATALOG_INFO);
    },
  );

  it('refuses a path outside the workspace', async () => {
    const outside = path.join(path.dirname(workspacePath), 'catalog-info.yaml');
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        path: '../catalog-info.yaml',
        entity: 'payments',
        annotations: { classification: 'OFFICIAL' },
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'path: ../catalog-info.yaml is outside the workspace',
    );
    expect(fs.existsSync(outside) && fs.readFileSync(outside, 'utf8')).not.toBe(
      CATALOG_INFO,
    );
  });

  it('says so when the file is not in the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        path: 'missing.yaml',
        entity: 'payments',
        annotations: { classification: 'OFFICIAL' },
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'path: missing.yaml is not in the workspace',
    );
  });

  it('refuses an entity the file does not hold', async () => {
    const ctx = createMockActionContext({
      workspacePath,
      input: { entity: 'billing', annotations: { classification: 'OFFICIAL' } },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'catalog-info.yaml: entity: no entity billing in the file (it holds component:default/payments)',
    );
  });
});
