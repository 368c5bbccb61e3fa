import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mojIctSecurityPolicy } from '@internal/plugin-itsec-common';
import { REPO, itsec } from './__testUtils__/itsec';
import packageJson from '../package.json';

/*
 * The formats for CI: SARIF 2.1.0 (validated by Microsoft's SARIF Multitool,
 * not only by our own types) and a Markdown summary; and the help a user
 * expects.
 */

jest.setTimeout(120_000);

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-formats-'));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** Microsoft's SARIF Multitool (npm does not run its postinstall chmod). */
function multitool(): string {
  const pkg = path.dirname(
    require.resolve('@microsoft/sarif-multitool-linux/package.json', {
      paths: [__dirname],
    }),
  );
  const bin = path.join(pkg, 'Sarif.Multitool');
  fs.chmodSync(bin, fs.statSync(bin).mode | 0o100);
  return bin;
}

/** Validates a SARIF file; returns the validator's error-level results. */
function validate(sarif: string, name: string): any[] {
  const file = path.join(TMP, `${name}.sarif`);
  const out = path.join(TMP, `${name}.validation.sarif`);
  fs.writeFileSync(file, sarif);
  const r = spawnSync(multitool(), ['validate', file, '-o', out], {
    encoding: 'utf8',
  });
  expect(r.stdout).toContain('Analysis completed successfully');
  const log = JSON.parse(fs.readFileSync(out, 'utf8'));
  const results = log.runs.flatMap((run: any) => run.results ?? []);
  // Warnings (e.g. advice) are allowed; nothing at error level is.
  return results.filter((x: any) => x.level === 'error');
}

function checkIndexes(run: any) {
  const ids = run.tool.driver.rules.map((x: any) => x.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const res of run.results) {
    expect(ids[res.ruleIndex]).toBe(res.ruleId);
    expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThan(
      0,
    );
  }
}

describe('itsec --format sarif', () => {
  it('lint: one rule per problem kind, each problem at its file and line', () => {
    const text = itsec(['lint', 'examples/'], REPO);
    const r = itsec(['lint', 'examples/', '--format', 'sarif'], REPO);
    expect(r.code).toBe(1);
    expect(validate(r.stdout, 'lint')).toEqual([]);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    checkIndexes(run);
    expect(run.tool.driver).toMatchObject({
      name: 'itsec',
      version: packageJson.version,
    });
    // The same problems as the text output, at the same places.
    expect(
      run.results.map(
        (x: any) =>
          `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}: ${x.message.text}`,
      ),
    ).toEqual(text.stdout.split('\n').filter(Boolean));
    expect(run.results.map((x: any) => x.ruleId)).toEqual([
      'code-of-connection-not-counted',
      'code-of-connection-not-counted',
      'code-of-connection-not-counted',
      'itsec.justice.gov.uk/classification',
    ]);
    const classification = run.tool.driver.rules.find(
      (x: any) => x.id === 'itsec.justice.gov.uk/classification',
    );
    expect(classification.help.text).toMatch(
      /^itsec\.justice\.gov\.uk\/classification: .* For example: itsec\.justice\.gov\.uk\/classification: OFFICIAL/,
    );
    expect(
      run.results[0].locations[0].physicalLocation.artifactLocation,
    ).toEqual({
      uri: 'examples/portfolio/codes-of-connection.yaml',
      uriBaseId: 'SRCROOT',
    });
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(
      `file://${REPO.split(path.sep).map(encodeURIComponent).join('/')}/`,
    );
  });

  it('lint: broken YAML, non-entities and catalog errors are rules too', () => {
    const dir = path.join(TMP, 'broken');
    fs.cpSync(path.resolve(__dirname, '__fixtures__/broken'), dir, {
      recursive: true,
    });
    fs.writeFileSync(path.join(dir, 'broken yaml.yaml'), 'a: [1\n');
    const r = itsec(['lint', '.', '--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    expect(validate(r.stdout, 'broken')).toEqual([]);
    const run = JSON.parse(r.stdout).runs[0];
    checkIndexes(run);
    const rules = new Set(run.results.map((x: any) => x.ruleId));
    for (const rule of ['yaml-syntax', 'not-an-entity', 'catalog-rejects'])
      expect(rules).toContain(rule);
    // A space in a file name is escaped in the URI.
    expect(
      run.results.some(
        (x: any) =>
          x.locations[0].physicalLocation.artifactLocation.uri ===
          'broken%20yaml.yaml',
      ),
    ).toBe(true);
  });

  it('evaluate: one rule per scored statement, a result per gap at the entity', () => {
    const r = itsec(
      ['evaluate', 'examples/', '--as-of', '2026-11-29', '--format', 'sarif'],
      REPO,
    );
    expect(r.code).toBe(1);
    expect(validate(r.stdout, 'evaluate')).toEqual([]);
    const run = JSON.parse(r.stdout).runs[0];
    checkIndexes(run);
    const scored = mojIctSecurityPolicy.statements.filter(
      s => s.kind === 'record' || s.kind === 'attestation',
    );
    const ruleIds = run.tool.driver.rules.map((x: any) => x.id);
    expect(ruleIds.slice(0, scored.length)).toEqual(scored.map(s => s.id));
    // The DR plan rule names the annotations that record it.
    const dr = run.tool.driver.rules.find((x: any) => x.id === 'POL.ITSEC.043');
    expect(dr.help.text).toContain('itsec.justice.gov.uk/dr-plan-last-test');
    expect(dr.properties['security-severity']).toMatch(/^\d\.\d$/);
    // probate has no DR plan: a gap at its annotations in hmcts.yaml.
    const probate = run.results.find(
      (x: any) =>
        x.ruleId === 'POL.ITSEC.043' &&
        x.locations[0].logicalLocations[0].fullyQualifiedName ===
          'system:default/probate',
    );
    expect(probate).toMatchObject({
      level: 'error',
      message: {
        text: expect.stringMatching(
          /^system:default\/probate: gap: .*itsec\.justice\.gov\.uk\/dr-plan/,
        ),
      },
    });
    const where = probate.locations[0].physicalLocation;
    expect(where.artifactLocation.uri).toBe('examples/portfolio/hmcts.yaml');
    const lines = fs
      .readFileSync(path.join(REPO, 'examples/portfolio/hmcts.yaml'), 'utf8')
      .split('\n');
    expect(lines[where.region.startLine - 1].trim()).toBe('annotations:');
    // Due soon is a warning; statements attested in the portal are not results.
    expect(
      run.results.some(
        (x: any) => x.level === 'warning' && x.properties.status === 'due-soon',
      ),
    ).toBe(true);
    expect(
      run.results.filter((x: any) =>
        x.properties?.reasons?.includes('attested-in-portal'),
      ),
    ).toEqual([]);
    // The lint problems come along.
    expect(
      run.results.filter((x: any) => !x.ruleId.startsWith('POL.')),
    ).toHaveLength(4);
  });
});

describe('itsec --format markdown', () => {
  it('summarises evaluate: scores, gaps and problems', () => {
    const r = itsec(
      [
        'evaluate',
        'examples/',
        '--as-of',
        '2026-11-29',
        '--format',
        'markdown',
      ],
      REPO,
    );
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md).toMatch(
      /^### itsec: 60 entities scored against MoJ ICT Security Policy \S+, lowest score \d+\n\nAs of 2026-11-29\. Scored from the catalog files only: \d+ statements proven by an attestation in the portal are not scored/,
    );
    expect(md).toContain(
      '| Entity | Score | Met | Due soon | Gaps | Excepted | Not scored |',
    );
    expect(md).toMatch(/\n\| system:default\/civil-money-claims \| 100 \| /);
    expect(md).toMatch(/\n#### Top gaps \(\d+ in all\)\n\n- \*\*/);
    expect(md).toContain('#### Problems (4)');
    expect(md).toMatch(/OFFICIAL-SENSATIVE/);
    // Every table row has the header's seven cells.
    for (const line of md.split('\n').filter(l => l.startsWith('| ')))
      expect(line.split(' | ')).toHaveLength(7);
  });

  it('summarises lint', () => {
    const r = itsec(['lint', 'examples/', '--format', 'markdown'], REPO);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^### itsec lint: 4 problems\n\n\d+ entities in \d+ files\.\n\n- `examples\/portfolio\/codes-of-connection\.yaml:\d+: /,
    );
  });
});

describe('itsec help', () => {
  it('--version prints the package version', () => {
    const r = itsec(['--version'], REPO);
    expect(r).toEqual({
      code: 0,
      stdout: `${packageJson.version}\n`,
      stderr: '',
    });
  });

  it('<command> --help prints that command\u2019s options only', () => {
    const lint = itsec(['lint', '--help'], REPO);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(
      /^Usage:\n {2}itsec lint <files or folders\.\.\.>/,
    );
    expect(lint.stdout).toContain('--format FORMAT');
    expect(lint.stdout).not.toContain('--policy');
    const evaluate = itsec(['evaluate', '--help'], REPO);
    for (const option of ['--policy', '--fail-below', '--portal', 'sarif'])
      expect(evaluate.stdout).toContain(option);
    expect(itsec(['help', 'evaluate'], REPO).stdout).toBe(evaluate.stdout);
  });

  it.each<[string[], string]>([
    [
      ['evaluate', '.', '--fail-bellow', '60'],
      'itsec evaluate: unknown option --fail-bellow (did you mean --fail-below?)',
    ],
    [
      ['lint', '.', '--formt', 'sarif'],
      'itsec lint: unknown option --formt (did you mean --format?)',
    ],
    [
      ['lint', '.', '--fail-below', '60'],
      'itsec lint: option --fail-below applies to evaluate only, not lint',
    ],
    [
      ['lint', '.', '--polcy', 'p.yaml'],
      'itsec lint: unknown option --polcy (did you mean --policy, which applies to evaluate only?)',
    ],
    [
      ['evalute', '.'],
      'itsec: unknown command "evalute" (did you mean evaluate?)',
    ],
    [['lint', '.', '--zzzzzz'], 'itsec lint: unknown option --zzzzzz\n'],
  ])('%j: %s', (args, message) => {
    const r = itsec(args, REPO);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
