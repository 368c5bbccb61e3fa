// The portal as deployed: the backend bundle (`npm run build:backend`) run
// with NODE_ENV=production on a fresh PostgreSQL database, with
// app-config.production.yaml, config/auth/oidc.yaml and an operator's file
// (app-config.e2e.yaml: the test catalog), signing in through a real OpenID
// Connect provider on 127.0.0.1.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const tar = require('tar');
const { launch } = require('../tests/browser');

const root = path.resolve(__dirname, '../..');
const bundleDir = path.join(os.tmpdir(), `itsec-e2e-production-${process.pid}`);
const port = Number(process.env.ITSEC_E2E_PRODUCTION_PORT ?? 7017);
const baseUrl = `http://localhost:${port}`;
const databasePrefix = `itsec_e2e_${process.pid}_`;
const client = { id: 'itsec-portal', secret: 'e2e-client-secret' };
// The person who signs in: a User of e2e/production/catalog.yaml by e-mail.
const person = {
  login: 'alex',
  email: 'alex.morgan@e2e.justice.example',
  name: 'Alex Morgan',
};

let oidc;
let backend;
const backendLogs = [];
let browser;

function postgres() {
  const name = Object.keys(process.env).find(key =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
  );
  if (!name) {
    throw new Error(
      'The production e2e test needs PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ' +
        '(a user who may create databases), as .ci/run does',
    );
  }
  return new URL(process.env[name]);
}

/** Drops this run's databases, and any left by an earlier run that was killed. */
async function dropTestDatabases(server, pattern) {
  const pg = new Client({
    host: server.hostname,
    port: Number(server.port || 5432),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database: 'postgres',
  });
  await pg.connect();
  try {
    const { rows } = await pg.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${pattern}%`],
    );
    for (const { datname } of rows) {
      await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await pg.end();
  }
}

/**
 * The bundle unpacked outside the repository, with a node_modules that links
 * each of the repository's installed packages (what `npm install --omit=dev`
 * installs from the same lockfile, minutes faster) but the workspace
 * packages to the bundle's own built ones. The backend runs with
 * --preserve-symlinks, so a package resolves its dependencies from there:
 * nothing resolves into the repository's sources.
 */
async function unpackBundle() {
  const bundle = path.join(root, 'packages/backend/dist/bundle.tar.gz');
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run npm run build:backend first`);
  }
  fs.mkdirSync(bundleDir, { recursive: true });
  await tar.extract({ file: bundle, cwd: bundleDir });
  const installed = path.join(root, 'node_modules');
  const modules = path.join(bundleDir, 'node_modules');
  for (const entry of fs.readdirSync(installed)) {
    const names = entry.startsWith('@')
      ? fs.readdirSync(path.join(installed, entry)).map(n => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      const source = path.join(installed, name);
      const link = path.join(modules, name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      // npm's workspace links are relative (app -> ../packages/app): copied
      // as they are, they point at the bundle's packages.
      const target = fs.lstatSync(source).isSymbolicLink()
        ? fs.readlinkSync(source)
        : source;
      fs.symlinkSync(target, link);
    }
  }
}

async function waitForReadiness(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(
    `The production backend did not become ready:\n${Buffer.concat(backendLogs)
      .toString()
      .slice(-6000)}`,
  );
}

before(async () => {
  const server = postgres();
  await dropTestDatabases(server, 'itsec_e2e_');
  const { startOidcProvider } = await import('./oidcProvider.mjs');
  oidc = await startOidcProvider({
    clientId: client.id,
    clientSecret: client.secret,
    redirectUri: `${baseUrl}/api/auth/oidc/handler/frame`,
    accounts: { [person.login]: { email: person.email, name: person.name } },
  });
  await unpackBundle();

  backend = spawn(
    process.execPath,
    [
      '--preserve-symlinks',
      'packages/backend',
      '--config',
      'app-config.production.yaml',
      '--config',
      'config/auth/oidc.yaml',
      '--config',
      path.join(__dirname, 'app-config.e2e.yaml'),
    ],
    {
      cwd: bundleDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        APP_BASE_URL: baseUrl,
        POSTGRES_HOST: server.hostname,
        POSTGRES_PORT: server.port || '5432',
        POSTGRES_USER: decodeURIComponent(server.username),
        POSTGRES_PASSWORD: decodeURIComponent(server.password),
        AUTH_SESSION_SECRET: 'e2e-session-secret-e2e-session-secret',
        AUTH_OIDC_METADATA_URL: oidc.metadataUrl,
        AUTH_OIDC_CLIENT_ID: client.id,
        AUTH_OIDC_CLIENT_SECRET: client.secret,
        ITSEC_E2E_PORT: String(port),
        ITSEC_E2E_DATABASE_PREFIX: databasePrefix,
        ITSEC_E2E_CATALOG: path.join(__dirname, 'catalog.yaml'),
      },
    },
  );
  backend.stdout.on('data', d => backendLogs.push(d));
  backend.stderr.on('data', d => backendLogs.push(d));
  await waitForReadiness(180_000);
});

after(async () => {
  await browser?.close();
  if (backend && backend.exitCode === null) {
    const exited = new Promise(resolve => backend.once('exit', resolve));
    backend.kill('SIGTERM');
    await exited;
  }
  await oidc?.close();
  fs.rmSync(bundleDir, { recursive: true, force: true });
  // Kept for a failed run (e2e/output is git-ignored).
  const logFile = path.join(root, 'e2e/output/production/backend.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, Buffer.concat(backendLogs));
  await dropTestDatabases(postgres(), databasePrefix);
});

test('the guest sign-in does not exist in production', async () => {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  assert.equal(res.status, 404);
  const body = await res.text();
  assert.doesNotMatch(body, /token/i);

  const options = await (await fetch(`${baseUrl}/api/sign-in/options`)).json();
  assert.deepEqual(options.providers, ['oidc']);
  assert.equal(options.demoPersonas, undefined);
});

/** Asserts an error response in Backstage's shape, without a stack trace. */
async function assertErrorWithoutStack(res, status) {
  assert.equal(res.status, status);
  const body = await res.json();
  assert.equal(body.response?.statusCode, status, JSON.stringify(body));
  assert.ok(body.error?.message, JSON.stringify(body));
  assert.equal(body.error.stack, undefined, JSON.stringify(body));
  assert.doesNotMatch(JSON.stringify(body), /\.(js|ts):\d+/);
  return body;
}

test('an error answered in production carries no stack', async () => {
  // Thrown by the itsec plugin's credentials barrier: no token.
  await assertErrorWithoutStack(
    await fetch(`${baseUrl}/api/itsec/portfolio`),
    401,
  );
});

test(
  'signs in through OpenID Connect and opens the Security tab of their team’s System',
  { timeout: 240_000 },
  async () => {
    browser = await launch();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    // connect-src 'self' must be all the app needs (the API, the signals
    // WebSocket): the browser reports anything the policy blocks.
    const blocked = [];
    page.on('console', message => {
      if (/Content Security Policy/i.test(message.text())) {
        blocked.push(message.text());
      }
    });
    await page.goto(baseUrl);
    // Only the configured provider is offered: no guest "Enter", no personas.
    const signIn = page.getByRole('button', { name: /sign in/i });
    await signIn.first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Enter' }).count(), 0);
    assert.equal(await page.getByText('Single sign-on').count(), 1);

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      signIn.first().click(),
    ]);
    await popup.locator('input[name="login"]').fill(person.login);
    await popup.locator('input[name="password"]').fill('any password');
    await popup.getByRole('button', { name: 'Sign-in' }).click();
    await popup.getByRole('button', { name: 'Continue' }).click();
    await popup.waitForEvent('close');

    await page.getByRole('navigation').getByText('Catalog').first().waitFor();
    // Signed in as their User entity, with their team's ownership.
    const { token, identity } = await page.evaluate(async () => {
      const res = await fetch(
        '/api/auth/oidc/refresh?optional&env=production',
        {
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        },
      );
      return (await res.json()).backstageIdentity;
    });
    assert.equal(identity.userEntityRef, 'user:default/alex.morgan');
    assert.ok(identity.ownershipEntityRefs.includes('group:default/e2e-team'));
    // A bad request from a signed-in person: a 400 naming the field, no stack.
    const bad = await assertErrorWithoutStack(
      await fetch(`${baseUrl}/api/itsec/portfolio?limit=many`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
      400,
    );
    assert.match(bad.error.message, /limit/);

    await page.goto(
      `${baseUrl}/catalog/default/system/e2e-case-tracker/security`,
    );
    // The scheduled evaluation (every 10 s in app-config.e2e.yaml) may not
    // have scored the System yet: reload until its scorecard shows.
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        await page.getByText('POL.ITSEC.', { exact: false }).first().waitFor({
          timeout: 10_000,
        });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await page.reload();
      }
    }
    assert.match(await page.title(), /E2E Case Tracker|e2e-case-tracker/i);
    assert.deepEqual(blocked, []);
    await page.screenshot({
      path: path.join(root, 'e2e/screenshots/production-security-tab.png'),
      fullPage: true,
    });
    await context.close();
  },
);
