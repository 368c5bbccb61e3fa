// Shared browser set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download is possible here), and sign-in as the
// demo personas (auth.providers.demo-personas in app-config.yaml).
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const path = require('node:path');

const baseUrl = process.env.ITSEC_E2E_URL ?? 'http://localhost:7007';
const screenshotDir = path.resolve(__dirname, '..', 'screenshots');

/** The demo personas: Users of examples/org.yaml, by the role they play. */
const personas = {
  itso: { ref: 'user:default/priya.shah', name: 'Priya Shah' },
  delivery: { ref: 'user:default/sam.taylor', name: 'Sam Taylor' }, // probate-team
  hmctsSiro: { ref: 'user:default/sarah.whitfield', name: 'Sarah Whitfield' },
  iao: { ref: 'user:default/thomas.green', name: 'Thomas Green' }, // civil-money-claims, probate
  laaIao: { ref: 'user:default/rachel.lloyd', name: 'Rachel Lloyd' },
  laaSiro: { ref: 'user:default/amara.nwosu', name: 'Amara Nwosu' },
};

async function launch() {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the portal in a new browser context and signs in as the persona from
 * the sign-in page. Right after start-up the catalog may not have the User
 * yet: the page is reloaded until signing in works.
 */
async function signIn(browser, persona = personas.itso, contextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    ...contextOptions,
  });
  const page = await context.newPage();
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await page.goto(baseUrl);
      await page
        .getByRole('button', { name: `Sign in as ${persona.name}` })
        .click({
          timeout: 15_000,
        });
      await page.getByRole('navigation').getByText('Catalog').first().waitFor({
        timeout: 15_000,
      });
      return page;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * Opens the sign-in page in a new context, reloading until it lists the
 * personas by name (the catalog may still be loading right after start-up).
 */
async function openSignInPage(browser, wanted) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const deadline = Date.now() + 120_000;
  for (;;) {
    await page.goto(baseUrl);
    try {
      for (const persona of wanted) {
        await page
          .getByRole('button', { name: `Sign in as ${persona.name}` })
          .waitFor({ timeout: 10_000 });
      }
      return page;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/** An API token for the persona, as the sign-in page gets it. */
async function tokenFor(persona) {
  const res = await fetch(`${baseUrl}/api/auth/demo-personas/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-itsec-demo-persona': persona.ref,
    },
  });
  if (!res.ok)
    throw new Error(
      `sign-in as ${persona.ref}: ${res.status} ${await res.text()}`,
    );
  return (await res.json()).backstageIdentity.token;
}

/**
 * Saves e2e/screenshots/<name>.png: the whole page, or with
 * `{ fullPage: false }` just the viewport (1440x900 as signIn opens it).
 */
async function screenshot(page, name, { fullPage = true } = {}) {
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
    fullPage,
  });
}

module.exports = {
  baseUrl,
  launch,
  openSignInPage,
  personas,
  signIn,
  tokenFor,
  screenshot,
};
