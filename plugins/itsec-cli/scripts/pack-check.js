#!/usr/bin/env node
/*
 * Proves the package installs on its own: `npm pack` this package, install
 * the tarball into an empty temporary folder outside the repository (so the
 * repository's node_modules cannot help), run lint and evaluate there on a
 * copy of examples/ and compare with the in-repository command on the same
 * copy. Prints the tarball size and the install time; exits 1 on any
 * difference.
 *
 * Usage: node scripts/pack-check.js [--keep] [--tarball FILE]
 *   --keep: leave the temporary folder; --tarball: check a tarball already
 *   packed (with `npm pack`) instead of packing.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const REPO = path.resolve(ROOT, '../..');
const IN_REPO_BIN = path.join(ROOT, 'bin/itsec');
const AS_OF = '2026-11-29';

/** The runs compared, on the copy of examples/. */
const RUNS = [
  ['lint', 'examples/'],
  ['lint', 'examples/', '--format', 'sarif'],
  ['evaluate', 'examples/', '--as-of', AS_OF],
  ['evaluate', 'examples/', '--as-of', AS_OF, '--format', 'json'],
  ['evaluate', 'examples/', '--as-of', AS_OF, '--format', 'csv'],
  ['evaluate', 'examples/', '--as-of', AS_OF, '--format', 'sarif'],
  ['evaluate', 'examples/', '--as-of', AS_OF, '--format', 'markdown'],
  ['--version'],
];

/** The environment without what npm adds when a script runs under it. */
function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      /^npm_/i.test(k) &&
      !/^npm_config_(cache|registry|userconfig)$/i.test(k)
    )
      continue;
    if (k === 'INIT_CWD' || k === 'NODE_PATH') continue;
    env[k] = v;
  }
  return env;
}

function run(command, args, cwd) {
  const r = spawnSync(command, args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function must(r, what) {
  if (r.code !== 0)
    throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
  return r;
}

function kB(bytes) {
  return `${(bytes / 1024).toFixed(0)} kB`;
}

function main() {
  const keep = process.argv.includes('--keep');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-pack-'));
  const lines = [];
  const say = line => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  let failures = 0;
  try {
    // 1. Pack (prepack bundles and writes the published manifest).
    const given = process.argv.indexOf('--tarball');
    const packed = JSON.parse(
      must(
        given === -1
          ? run('npm', ['pack', '--json', '--pack-destination', dir], ROOT)
          : run(
              'npm',
              [
                'pack',
                '--json',
                '--dry-run',
                path.resolve(process.argv[given + 1]),
              ],
              dir,
            ),
        'npm pack',
      ).stdout,
    )[0];
    const tarball =
      given === -1
        ? path.join(dir, packed.filename)
        : path.resolve(process.argv[given + 1]);
    say(
      `tarball: ${packed.filename} ${kB(packed.size)} (${kB(
        packed.unpackedSize,
      )} unpacked, ${packed.entryCount} files: ${packed.files
        .map(f => f.path)
        .join(', ')})`,
    );
    const native = packed.files.filter(f => /\.node$/.test(f.path));
    if (native.length) {
      failures++;
      say(`FAIL native files in the package: ${native.join(', ')}`);
    }

    // 2. Install it into an empty folder outside the repository.
    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      '{ "name": "a-team-repository", "private": true }\n',
    );
    const started = process.hrtime.bigint();
    must(
      run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball],
        app,
      ),
      'npm install',
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const installed = [];
    const modules = path.join(app, 'node_modules');
    for (const name of fs.readdirSync(modules)) {
      if (name.startsWith('.')) continue;
      if (name.startsWith('@')) {
        for (const sub of fs.readdirSync(path.join(modules, name)))
          installed.push(`${name}/${sub}`);
      } else installed.push(name);
    }
    say(
      `install: ${(ms / 1000).toFixed(2)} s, ${installed.length} package${
        installed.length === 1 ? '' : 's'
      } in node_modules (${installed.join(', ')})`,
    );
    if (installed.length !== 1 || installed[0] !== packed.name) {
      failures++;
      say(`FAIL expected only ${packed.name} in node_modules`);
    }

    // 3. The same output as in the repository, on the same files.
    fs.cpSync(path.join(REPO, 'examples'), path.join(app, 'examples'), {
      recursive: true,
    });
    const installedBin = path.join(modules, '.bin', 'itsec');
    for (const args of RUNS) {
      const expected = run(process.execPath, [IN_REPO_BIN, ...args], app);
      const actual = run(installedBin, args, app);
      const same =
        expected.code === actual.code &&
        expected.stdout === actual.stdout &&
        expected.stderr === actual.stderr;
      if (!same) failures++;
      say(
        `${same ? 'same' : 'FAIL differs'}: itsec ${args.join(' ')} (exit ${
          actual.code
        }, ${actual.stdout.length} characters)`,
      );
      if (!same) {
        say(`  in the repository: exit ${expected.code}\n${expected.stderr}`);
        say(`  installed: exit ${actual.code}\n${actual.stderr}`);
      }
    }
  } finally {
    if (keep) say(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  say(failures === 0 ? 'pack-check: ok' : `pack-check: ${failures} failures`);
  return failures === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`pack-check: ${error.message}\n`);
  process.exitCode = 1;
}
