// Shared browser set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download is possible here).
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const path = require('node:path');

const baseUrl = process.env.ITSEC_E2E_URL ?? 'http://localhost:7007';
const screenshotDir = path.resolve(__dirname, '..', 'screenshots');

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

/** Opens the portal and signs in through the guest provider's "Enter" button. */
async function signIn(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('navigation').getByText('Catalog').first().waitFor();
  return page;
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

module.exports = { baseUrl, launch, signIn, screenshot };
