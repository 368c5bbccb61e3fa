import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/*
 * The package a team installs: scripts/pack-check.js packs it, installs the
 * tarball into an empty folder outside the repository and compares lint and
 * evaluate there with the in-repository command.
 */

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..');

describe('the packed itsec package', () => {
  it('installs on its own, with no dependencies, and runs exactly like the repository\u2019s', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts/pack-check.js')],
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
    // postpack put the workspace manifest back.
    expect(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toBe(
      manifest,
    );
  });
});
