import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { itsec } from './__testUtils__/itsec';

jest.setTimeout(60_000);

const P = 'itsec.justice.gov.uk/';
const FILE = [
  '# Payments',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: payments',
  '  annotations:',
  `    ${P}classification: 'OFFICIAL' # checked by the IAO`,
  'spec:',
  '  type: service',
  '  owner: team-a',
  '',
].join('\n');

describe('itsec fix (spawned)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-fix-'));
    fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), FILE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = () =>
    fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8');

  it('sets and updates annotations in place, changing nothing else', () => {
    const r = itsec(
      [
        'fix',
        'catalog-info.yaml',
        '--entity',
        'payments',
        '--set',
        'dr-plan-last-test=2026-11-02 pass',
        '--set',
        `${P}classification=OFFICIAL-SENSITIVE`,
        '--as-of',
        '2026-11-30',
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read()).toBe(
      FILE.replace(
        `    ${P}classification: 'OFFICIAL' # checked by the IAO\n`,
        `    ${P}classification: 'OFFICIAL-SENSITIVE' # checked by the IAO\n    ${P}dr-plan-last-test: 2026-11-02 pass\n`,
      ),
    );
    expect(r.stdout).toBe(
      [
        `catalog-info.yaml: component:default/payments: added ${P}dr-plan-last-test`,
        `catalog-info.yaml: component:default/payments: updated ${P}classification`,
        '',
      ].join('\n'),
    );
  });

  it.each([
    [
      ['--entity', 'payments', '--set', 'dr-plan-last-test=2026-11-02 passed'],
      `itsec fix: catalog-info.yaml: ${P}dr-plan-last-test: "2026-11-02 passed"`,
    ],
    [
      [
        '--entity',
        'payments',
        '--set',
        'dr-plan-last-test=2026-12-02 pass',
        '--as-of',
        '2026-11-30',
      ],
      `${P}dr-plan-last-test`,
    ],
    [
      ['--entity', 'billing', '--set', 'classification=OFFICIAL'],
      'itsec fix: catalog-info.yaml: entity: no entity billing in the file (it holds component:default/payments)',
    ],
    [
      ['--set', 'classification=OFFICIAL'],
      'itsec fix: --entity NAME is needed',
    ],
    [['--entity', 'payments'], 'itsec fix: give at least one --set key=value'],
    [
      ['--entity', 'payments', '--set', 'classification'],
      'itsec fix: --set classification: write it as key=value',
    ],
    [
      ['--entity', 'payments', '--set', 'drplan=x'],
      `${P}drplan: unknown itsec annotation`,
    ],
  ])('refuses %j (exit 2, file unchanged)', (args, message) => {
    const r = itsec(['fix', 'catalog-info.yaml', ...args], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(read()).toBe(FILE);
  });

  it('says which file it cannot read', () => {
    const r = itsec(
      ['fix', 'nope.yaml', '--entity', 'x', '--set', 'classification=OFFICIAL'],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^itsec fix: nope.yaml: ENOENT/);
  });

  it('is in the help, and its options belong to it', () => {
    expect(itsec(['--help'], dir).stdout).toContain(
      'itsec fix <file> [--entity NAME] [--kind KIND] [--set KEY=VALUE]',
    );
    expect(itsec(['fix', '--help'], dir).stdout).toContain(
      '--set dr-plan-last-test="2026-11-02 pass"',
    );
    const r = itsec(['lint', '.', '--set', 'a=b'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option --set applies to fix only, not lint');
  });
});
