#!/usr/bin/env node
/* eslint-disable no-console */
// `npm run build:backend`: the deployable backend bundle, as
// `backstage-cli package build` makes it for a backend package, but for npm
// workspaces: that command copies `yarn.lock` into the bundle and fails
// without one. `npm run build:backend` runs `npm run build` first (type
// declarations, then every package's dist/, the app included). Writes
// packages/backend/dist/bundle.tar.gz:
// the backend and the workspace packages it needs (built), the app's static
// files, app-config.production.yaml, config/, a root package.json with the
// workspaces and pinned overrides (no devDependencies) and package-lock.json.
// README "Deploying" installs it with `npm install --omit=dev`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const tar = require('tar');
const { PackageGraph } = require('@backstage/cli-node');

// The Backstage CLI's own packager (no public API for it).
const lib = '@backstage/cli-module-build/dist/lib';
const { buildPackage } = require(`${lib}/builder/packager.cjs.js`);
const { Output } = require(`${lib}/builder/types.cjs.js`);
const {
  createDistWorkspace,
} = require(`${lib}/packager/createDistWorkspace.cjs.js`);

const root = path.resolve(__dirname, '..');
const backendDir = path.join(root, 'packages', 'backend');

async function main() {
  const rootPkg = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  const pkg = JSON.parse(
    fs.readFileSync(path.join(backendDir, 'package.json'), 'utf8'),
  );
  for (const dir of ['packages/app/dist', 'plugins/itsec-backend/dist']) {
    if (!fs.existsSync(path.join(root, dir))) {
      throw new Error(`${dir} is missing: run \`npm run build\` first`);
    }
  }
  // The CLI resolves the workspace from the working directory.
  process.chdir(backendDir);
  await buildPackage({
    targetDir: backendDir,
    packageJson: pkg,
    outputs: new Set([Output.cjs]),
    workspacePackages: await PackageGraph.listTargetPackages(),
  });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-bundle-'));
  try {
    await createDistWorkspace([pkg.name], {
      targetDir: tmp,
      buildDependencies: false,
      // Not the repository's .npmrc: its legacy-peer-deps (for the app's
      // MUI v4 peers, which the bundled app no longer needs) would leave out
      // peer dependencies the backend loads, e.g. keyv for @keyv/redis.
      files: [
        'package-lock.json',
        'app-config.production.yaml',
        'config',
      ].filter(file => fs.existsSync(path.join(root, file))),
      skeleton: 'skeleton.tar.gz',
    });
    // Only the workspaces in the bundle, and nothing for development.
    const bundlePkg = {
      name: `${rootPkg.name}-backend-bundle`,
      version: rootPkg.version,
      private: true,
      engines: rootPkg.engines,
      workspaces: rootPkg.workspaces,
      overrides: rootPkg.overrides,
    };
    fs.writeFileSync(
      path.join(tmp, 'package.json'),
      `${JSON.stringify(bundlePkg, null, 2)}\n`,
    );
    const dist = path.join(backendDir, 'dist');
    for (const file of ['bundle.tar.gz', 'skeleton.tar.gz']) {
      fs.rmSync(path.join(dist, file), { force: true });
    }
    fs.renameSync(
      path.join(tmp, 'skeleton.tar.gz'),
      path.join(dist, 'skeleton.tar.gz'),
    );
    await tar.create(
      {
        file: path.join(dist, 'bundle.tar.gz'),
        cwd: tmp,
        portable: true,
        noMtime: true,
        gzip: true,
      },
      [''],
    );
    console.log(
      `Wrote ${path.relative(root, path.join(dist, 'bundle.tar.gz'))}`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
