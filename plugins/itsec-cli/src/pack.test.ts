import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { REPO } from './__testUtils__/itsec';

/*
 * The package a team installs, packed once with `npm pack`:
 * - scripts/pack-check.js installs the tarball into an empty folder outside
 *   the repository and compares lint and evaluate there with the
 *   in-repository command;
 * - the GitHub Action's and the pre-commit hook's scripts install it (never
 *   this repository) and run it. GitHub itself is not reachable here: the
 *   scripts get the environment the runner would give them.
 */

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-pack-test-'));
let tarball: string;
let manifest: string;

beforeAll(() => {
  manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const r = spawnSync('npm', ['pack', '--json', '--pack-destination', TMP], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
  tarball = path.join(TMP, JSON.parse(r.stdout)[0].filename);
});
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** The environment of a CI runner or a developer's shell: nothing from npm. */
function runnerEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD',
    ),
  );
}

function sh(script: string, args: string[], cwd: string, env = {}) {
  const r = spawnSync(script, args, {
    cwd,
    env: { ...runnerEnv(), ITSEC_PACKAGE: tarball, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A team's repository: a copy of examples/ (four deliberate lint errors). */
function teamRepository(name: string): string {
  const dir = path.join(TMP, name);
  fs.cpSync(path.join(REPO, 'examples'), path.join(dir, 'catalog'), {
    recursive: true,
  });
  return dir;
}

describe('the packed itsec package', () => {
  it('installs on its own, with no dependencies, and runs exactly like the repository\u2019s', () => {
    // postpack put the workspace manifest back.
    expect(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toBe(
      manifest,
    );
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts/pack-check.js'), '--tarball', tarball],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // Shown in the CI log: the tarball size and the install time.
    process.stdout.write(r.stdout);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^tarball: internal-itsec-cli-\S+\.tgz \d+ kB \(\d+ kB unpacked, 5 files: README\.md, bin\/itsec, dist\/itsec\.js, dist\/THIRD-PARTY-LICENSES\.txt, package\.json\)\n/,
    );
    expect(r.stdout).toMatch(
      /\ninstall: \d+\.\d\d s, 1 package in node_modules \(@internal\/itsec-cli\)\n/,
    );
    expect(r.stdout.match(/^same: itsec /gm)).toHaveLength(8);
    expect(r.stdout).not.toMatch(/FAIL/);
    expect(r.stdout).toMatch(/\npack-check: ok\n$/);
  });
});

describe('the GitHub Action', () => {
  const action = YAML.parse(
    fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8'),
  );
  const step = action.runs.steps[0];
  const script = path.join(REPO, 'plugins/itsec-cli/ci/action.sh');

  it('is a composite action running ci/action.sh with every input', () => {
    expect(action.runs.using).toBe('composite');
    expect(step.run).toBe(
      '"$GITHUB_ACTION_PATH/plugins/itsec-cli/ci/action.sh"',
    );
    fs.accessSync(script, fs.constants.X_OK);
    const passed = Object.values(step.env).map(String);
    for (const input of Object.keys(action.inputs)) {
      if (input === 'upload-sarif') continue; // the upload step's condition
      expect(passed).toContain(`\${{ inputs.${input} }}`);
    }
  });

  function runAction(repo: string, inputs: Record<string, string>) {
    const out = path.join(repo, 'out');
    fs.mkdirSync(out, { recursive: true });
    const env = {
      RUNNER_TEMP: path.join(repo, 'runner-temp'),
      GITHUB_STEP_SUMMARY: path.join(out, 'summary.md'),
      GITHUB_OUTPUT: path.join(out, 'output.txt'),
      ...inputs,
    };
    const r = sh(script, [], repo, env);
    const read = (f: string) =>
      fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
    return {
      ...r,
      summary: read(env.GITHUB_STEP_SUMMARY),
      output: read(env.GITHUB_OUTPUT),
    };
  }

  it('annotates lint problems, writes SARIF and a summary, and fails on problems', () => {
    const repo = teamRepository('action-problems');
    const r = runAction(repo, {
      INPUT_PATHS: 'catalog',
      INPUT_AS_OF: '2026-11-29',
      INPUT_SARIF_FILE: 'itsec.sarif',
    });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter(l => l.startsWith('::'));
    expect(annotations).toEqual([
      ...[85, 111].map(line =>
        expect.stringMatching(
          new RegExp(
            `^::error file=catalog/portfolio/codes-of-connection\\.yaml,line=${line}::spec\\.approvals\\.iao\\.by: the Information Asset Owner approval is by user:default/rachel\\.lloyd, a member of group:default/provider-payments-team`,
          ),
        ),
      ),
      expect.stringMatching(
        /^::error file=catalog\/portfolio\/codes-of-connection\.yaml,line=142::spec\.owner: "group:default\/probate-team"/,
      ),
      expect.stringMatching(
        /^::error file=catalog\/portfolio\/hmcts\.yaml,line=374::itsec\.justice\.gov\.uk\/classification: "OFFICIAL-SENSATIVE"/,
      ),
    ]);
    expect(r.output).toBe('sarif-file=itsec.sarif\n');
    const sarif = JSON.parse(
      fs.readFileSync(path.join(repo, 'itsec.sarif'), 'utf8'),
    );
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0].results.some((x: any) => x.ruleId === 'POL.ITSEC.043'),
    ).toBe(true);
    expect(r.summary).toMatch(/^### itsec: 60 entities scored against /);
    expect(r.summary).toContain('#### Problems (4)');
    // Installed into the runner's temporary folder, not the repository.
    expect(fs.existsSync(path.join(repo, 'node_modules'))).toBe(false);
    expect(
      fs.existsSync(
        path.join(repo, 'runner-temp/itsec-cli/node_modules/.bin/itsec'),
      ),
    ).toBe(true);
  });

  it('passes clean files, and fails them below --fail-below', () => {
    const repo = path.join(TMP, 'action-clean');
    fs.cpSync(path.resolve(__dirname, '__fixtures__/catalog'), repo, {
      recursive: true,
    });
    const inputs = {
      INPUT_PATHS: '.',
      INPUT_AS_OF: '2025-12-01',
      INPUT_EVALUATE: 'true',
    };
    const pass = runAction(repo, { ...inputs, INPUT_FAIL_BELOW: '0' });
    expect(pass.stderr).toBe(
      'itsec lint: 16 entities in 8 files, no problems\n',
    );
    expect(pass.code).toBe(0);
    expect(pass.stdout).not.toMatch(/::error/);
    const fail = runAction(repo, { ...inputs, INPUT_FAIL_BELOW: '100' });
    expect(fail.code).toBe(1);
    expect(fail.stderr).toMatch(/below 100/);
    const lintOnly = runAction(repo, {
      INPUT_PATHS: '.',
      INPUT_EVALUATE: 'false',
      INPUT_SARIF_FILE: 'lint.sarif',
    });
    expect(lintOnly.code).toBe(0);
    expect(lintOnly.summary).toMatch(/### itsec lint: no problems\n/);
    const sarif = JSON.parse(
      fs.readFileSync(path.join(repo, 'lint.sarif'), 'utf8'),
    );
    expect(sarif.runs[0].results).toEqual([]);
  });

  it('exits 2 on bad usage', () => {
    const repo = teamRepository('action-usage');
    const r = runAction(repo, {
      INPUT_PATHS: 'catalog',
      INPUT_AS_OF: '2026-02-30',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of must be a date/);
  });
});

describe('the pre-commit hook', () => {
  const hooks = YAML.parse(
    fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8'),
  );
  const hook = hooks.find((h: any) => h.id === 'itsec-lint');

  it('runs ci/pre-commit.sh on catalog files only', () => {
    expect(hook.language).toBe('script');
    fs.accessSync(path.join(REPO, hook.entry), fs.constants.X_OK);
    const files = new RegExp(hook.files);
    for (const f of [
      'catalog-info.yaml',
      'services/payments/catalog-info.yml',
      'catalog-info-prod.yaml',
      'catalog/systems.yaml',
    ])
      expect([f, files.test(f)]).toEqual([f, true]);
    for (const f of ['docs/mkdocs.yml', '.github/workflows/ci.yaml'])
      expect([f, files.test(f)]).toEqual([f, false]);
  });

  it('installs the package once into the cache and lints the files it is given', () => {
    const repo = teamRepository('pre-commit');
    const cache = path.join(TMP, 'pre-commit-cache');
    const hookScript = path.join(REPO, hook.entry);
    const env = { ITSEC_CACHE: cache };
    const bad = sh(
      hookScript,
      ['catalog/portfolio/hmcts.yaml', 'catalog/org.yaml'],
      repo,
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /^catalog\/portfolio\/hmcts\.yaml:374: itsec\.justice\.gov\.uk\/classification: "OFFICIAL-SENSATIVE"/,
    );
    expect(fs.readdirSync(cache)).toHaveLength(1);
    // A second run uses the installed package (removing npm from PATH proves it).
    const good = sh(hookScript, ['catalog/org.yaml'], repo, {
      ...env,
      PATH: path.dirname(process.execPath),
    });
    expect(good.stderr).toMatch(/no problems/);
    expect(good.code).toBe(0);
  });
});
