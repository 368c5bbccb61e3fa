#!/usr/bin/env node
/* eslint-disable no-console */
// `npm run test:e2e`: starts the portal from a clean demo database
// (`--reset`) unless ITSEC_E2E_URL points at a running one, waits until it is
// ready, runs the browser tests with node's test runner and stops the portal.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const external = process.env.ITSEC_E2E_URL;
const baseUrl = external ?? 'http://localhost:7007';

async function ready(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  return false;
}

function runTests() {
  return new Promise(resolve => {
    const child = spawn(
      process.execPath,
      ['--test', '--test-concurrency=1', path.join(__dirname, 'tests')],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, ITSEC_E2E_URL: baseUrl },
      },
    );
    child.on('exit', code => resolve(code ?? 1));
  });
}

async function main() {
  let portal;
  if (!external) {
    portal = spawn(
      process.execPath,
      [path.join(root, 'scripts/start.js'), '--reset'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const logs = [];
    portal.stdout.on('data', d => logs.push(d));
    portal.stderr.on('data', d => logs.push(d));
    if (!(await ready(baseUrl, 300_000))) {
      console.error(Buffer.concat(logs).toString().slice(-5000));
      console.error('# fail 1\nThe portal did not become ready in 5 minutes.');
      process.kill(-portal.pid, 'SIGTERM');
      process.exit(1);
    }
  }
  const code = await runTests();
  if (portal) process.kill(-portal.pid, 'SIGTERM');
  process.exit(code);
}

main();
