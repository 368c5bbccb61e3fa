// Accessibility (WCAG 2.2 AA) of our pages in the running demo: home,
// portfolio, an entity's Security tab, the scorecard card and the dialogs,
// scanned with axe-core (from npm, injected by Playwright). Any violation
// fails the test. The app's CSP forbids injected scripts, so these contexts
// bypass it (tests only). Each person lands on home after signing in and acts
// on a task from there.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { baseUrl, launch, personas, signIn, screenshot } = require('./browser');
const { assertAxeClean } = require('./axe');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const NO_CSP = { bypassCSP: true };
/** The screenshots of home, portfolio and a Security tab: 1440x900. */
const AT_1440_900 = { fullPage: false };

test(
  'home: a role holder lands on their tasks and acknowledges a role from there; the page scans clean',
  { timeout: 300_000 },
  async () => {
    // Amara Nwosu, business-group SIRO of the laa Domain, has roles to acknowledge.
    const page = await signIn(browser, personas.laaSiro, NO_CSP);
    // Signed in, the first screen is home, not a 404.
    assert.equal(new URL(page.url()).pathname, '/');
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    assert.equal(await page.getByText(/ERROR 404/).count(), 0);
    // The scorecards and tasks arrive once the first evaluation has run.
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        await page
          .getByRole('table', { name: 'My scorecards' })
          .waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await page.reload();
      }
    }
    await page.getByRole('list', { name: 'My tasks' }).waitFor();
    await screenshot(page, 'home', AT_1440_900);
    await assertAxeClean(page, 'home');

    // Open a task and act on it: acknowledge a role.
    const ack = page
      .getByRole('listitem')
      .filter({ hasText: /^Acknowledge your role/ })
      .first();
    const text = await ack.textContent();
    await ack.getByRole('button', { name: 'Acknowledge role' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Evidence link').waitFor();
    await assertAxeClean(page, 'acknowledge dialog', '[role="dialog"]');
    await dialog
      .getByLabel('Evidence link')
      .fill('https://evidence.example.justice.gov.uk/siro-role-e2e');
    await dialog
      .getByLabel('What you checked')
      .fill(
        'I have read the business-group SIRO role description and accept it (e2e)',
      );
    await dialog.getByRole('button', { name: 'Record attestation' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(
      t =>
        ![...document.querySelectorAll('[aria-label="My tasks"] li')].some(
          li => li.textContent === t,
        ),
      text,
      { timeout: 20_000 },
    );
    await page.close();
  },
);

test(
  'the ITSO: home with the week, the portfolio, a Security tab, the card and the dialogs scan clean',
  { timeout: 300_000 },
  async () => {
    const page = await signIn(browser, personas.itso, NO_CSP);
    await page.getByRole('table', { name: 'Portfolio this week' }).waitFor({
      timeout: 60_000,
    });
    await assertAxeClean(page, 'home (ITSO)');

    await page.goto(`${baseUrl}/itsec`);
    const heatmap = page.getByTestId('itsec-heatmap');
    await heatmap.getByRole('link').first().waitFor({ timeout: 120_000 });
    // The demo built a year of history on its first start, labelled as such
    // (itsec.demo.buildHistory; built right after the first evaluation).
    const demoHistory = page.getByText(
      "Demo history: built from the dates in the demo catalog's evidence",
    );
    for (let attempt = 0; ; attempt++) {
      try {
        await demoHistory.waitFor({ timeout: 15_000 });
        break;
      } catch (e) {
        if (attempt >= 4) throw e;
        await page.reload();
      }
    }
    await screenshot(page, 'portfolio', AT_1440_900);
    await assertAxeClean(page, 'portfolio');
    // The heatmap scrolls from the keyboard, sideways too. Its rows may still
    // be re-rendering (virtualised) when first focused, so focus and press
    // again until it moves, a bounded number of times.
    let scrolledLeft = 0;
    for (let attempt = 0; attempt < 20 && scrolledLeft === 0; attempt++) {
      await heatmap.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(250);
      scrolledLeft = await heatmap.evaluate(el => el.scrollLeft);
    }
    assert.ok(
      scrolledLeft > 0,
      'the heatmap did not scroll sideways from the keyboard',
    );
    await screenshot(page, 'a11y-portfolio');

    const entity = `${baseUrl}/catalog/default/system/provider-payments`;
    await page.goto(`${entity}/security`);
    await page.getByRole('heading', { name: 'Policy statements' }).waitFor();
    await page
      .getByText(/What needs doing/)
      .first()
      .waitFor();
    await screenshot(page, 'security-tab', AT_1440_900);
    await assertAxeClean(page, 'Security tab');

    // Every section opened, the full view too.
    await page.getByLabel('Show all statements in full').check();
    await page.getByRole('heading', { name: 'Policy statements' }).waitFor();
    await assertAxeClean(page, 'Security tab, full view');

    // The dialogs.
    const attest = page.getByRole('button', {
      name: /^Attest POL\.ITSEC\.\d+$/,
    });
    await attest.first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('button[aria-label^="Attest POL"]')].some(
        b => !b.disabled,
      ),
    );
    await page
      .locator('button[aria-label^="Attest POL"]:not([disabled])')
      .first()
      .click();
    await page.getByRole('dialog').getByLabel('Evidence link').waitFor();
    await assertAxeClean(page, 'attest dialog', '[role="dialog"]');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Cancel' })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await page
      .locator('button[aria-label^="Request exception for"]:not([disabled])')
      .first()
      .click();
    await page.getByRole('dialog').getByLabel('Justification').waitFor();
    await assertAxeClean(page, 'request exception dialog', '[role="dialog"]');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Cancel' })
      .click();

    await page.goto(entity);
    await page
      .getByText(/Top gaps|No gaps/)
      .first()
      .waitFor();
    const card = page
      .locator('.MuiCard-root')
      .filter({ hasText: 'Security scorecard' })
      .first();
    await card.evaluate(el => el.setAttribute('data-a11y-scan', 'card'));
    await assertAxeClean(page, 'scorecard card', '[data-a11y-scan="card"]');
    await page.close();
  },
);
