#!/usr/bin/env node
/* eslint-disable no-console */
// `npm start`: builds the app once, then runs the backend, which serves the
// built app and the API on one port with the demo catalog on SQLite, then
// loads the demo's attestations and exceptions through the itsec API.
// The SQLite files live in .itsec-demo/ (app-config.yaml `backend.database`),
// so what people record survives a restart; `--reset` deletes them first.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { seed } = require('./seed-demo');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.itsec-demo');
const baseUrl = process.env.ITSEC_BASE_URL ?? 'http://localhost:7007';
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(0);

if (process.argv.includes('--reset')) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`--reset: deleted the demo database (${dataDir}).`);
} else if (fs.existsSync(dataDir)) {
  console.log(
    `Keeping the demo database in ${dataDir} (npm start -- --reset starts again from the catalog).`,
  );
}

if (!process.argv.includes('--skip-build')) {
  console.log('Building the app (about 30 s on 2 cores)...');
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'app'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('The app build failed; see the output above.');
    process.exit(build.status ?? 1);
  }
}

console.log(`App built after ${seconds()} s. Starting the backend...`);
// Its own process group, stopped as a whole: npm does not pass a signal on
// to the backend, which would otherwise keep the port and the database open.
const backend = spawn('npm', ['run', 'start', '--workspace', 'backend'], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.kill(-backend.pid, signal));
}
backend.on('exit', code => process.exit(code ?? 0));

async function waitForReadiness() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  return false;
}

waitForReadiness().then(async ready => {
  if (ready) {
    console.log(
      `\nThe portal is ready after ${seconds()} s: open ${baseUrl} and sign in as one of the demo personas.\n`,
    );
    if (!process.argv.includes('--no-demo-records')) {
      try {
        const { attested, requested, approved } = await seed();
        console.log(
          `Demo records loaded after ${seconds()} s: ${attested} attestations, ${requested} exceptions requested, ${approved} approved (records already in the kept database are not added again).`,
        );
      } catch (error) {
        console.error(`Loading the demo records failed: ${error.message}`);
      }
    }
  } else {
    console.error(
      `The backend did not become ready at ${baseUrl} within 3 minutes.`,
    );
  }
});
