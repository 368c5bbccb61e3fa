#!/usr/bin/env node
/*
 * Bundles the CLI and everything it imports (itsec-common, the catalog model,
 * yaml, zod...) into one file, dist/itsec.js, which bin/itsec runs when the
 * TypeScript sources are not there (an installed package). No runtime
 * dependencies, so installing the package is unpacking one tarball.
 * Also writes the licences of the bundled packages beside it.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(DIST, 'itsec.js');
const NOTICES = path.join(DIST, 'THIRD-PARTY-LICENSES.txt');

/** The package (folder and package.json) a bundled node_modules file belongs to. */
function packageOf(file) {
  const abs = path.resolve(ROOT, file);
  const at = abs.lastIndexOf(`node_modules${path.sep}`);
  const rest = abs.slice(at + 'node_modules/'.length).split(path.sep);
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  const dir = path.join(abs.slice(0, at), 'node_modules', name);
  return {
    dir,
    pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
  };
}

function notices(inputs) {
  const seen = new Map();
  for (const file of Object.keys(inputs)) {
    if (!file.includes('node_modules')) continue;
    const found = packageOf(file);
    const id = `${found.pkg.name}@${found.pkg.version}`;
    if (seen.has(id)) continue;
    const licenceFile = fs
      .readdirSync(found.dir)
      .find(f => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    seen.set(id, {
      license: found.pkg.license ?? 'see the package',
      text: licenceFile
        ? fs.readFileSync(path.join(found.dir, licenceFile), 'utf8').trim()
        : undefined,
    });
  }
  const parts = [
    'itsec bundles the following packages in dist/itsec.js, under their own licences.',
  ];
  for (const [id, p] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    parts.push(
      `${'-'.repeat(72)}\n${id} (${p.license})${p.text ? `\n\n${p.text}` : ''}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

async function build() {
  fs.mkdirSync(DIST, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/index.ts')],
    outfile: OUT,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minifySyntax: true,
    minifyWhitespace: true,
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  fs.writeFileSync(NOTICES, notices(result.metafile.inputs));
  return OUT;
}

module.exports = { build };

if (require.main === module) {
  build().then(
    out =>
      process.stdout.write(
        `${path.relative(process.cwd(), out)}: ${Math.round(
          fs.statSync(out).size / 1024,
        )} kB\n`,
      ),
    error => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
