#!/usr/bin/env node
/*
 * npm pack / npm publish: `prepack` bundles the CLI (scripts/build.js) and
 * writes the manifest of the published package: dist/itsec.js is its entry
 * point and, everything being bundled, it has no dependencies (the monorepo's
 * @internal/plugin-itsec-common is not on any registry). `postpack`
 * (`--restore`) puts the workspace's package.json back. The same dance as
 * `backstage-cli package prepack`.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { build } = require('./build');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'package.json');
// In dist/ (ignored by git, not in the package's files).
const BACKUP = path.join(ROOT, 'dist', 'package.json.workspace');

/** Replaces the manifest in one step: commands running meanwhile never read half a file. */
function replaceManifest(text) {
  const tmp = `${MANIFEST}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, MANIFEST);
}

function restore() {
  if (!fs.existsSync(BACKUP)) return false;
  replaceManifest(fs.readFileSync(BACKUP, 'utf8'));
  fs.rmSync(BACKUP);
  return true;
}

/** The published manifest of the workspace manifest `pkg`. */
function publishedManifest(pkg) {
  const out = {};
  for (const [key, value] of Object.entries(pkg)) {
    if (
      [
        'dependencies',
        'devDependencies',
        'scripts',
        'types',
        'backstage',
        'private',
      ].includes(key)
    )
      continue;
    out[key] = key === 'main' ? 'dist/itsec.js' : value;
  }
  out.engines = { node: '>=18' };
  return out;
}

async function prepack() {
  // A pack interrupted before its postpack left the published manifest.
  restore();
  const text = fs.readFileSync(MANIFEST, 'utf8');
  await build();
  fs.writeFileSync(BACKUP, text);
  replaceManifest(
    `${JSON.stringify(publishedManifest(JSON.parse(text)), null, 2)}\n`,
  );
}

module.exports = { publishedManifest };

if (require.main === module) {
  if (process.argv.includes('--restore')) {
    restore();
  } else {
    prepack().catch(error => {
      restore();
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exitCode = 1;
    });
  }
}
