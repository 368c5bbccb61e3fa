// The portal from a person's point of view: guest sign-in, the catalog page
// listing the demo portfolio, and one demo entity's page.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { baseUrl, launch, signIn, screenshot } = require('./browser');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('guest sign-in lands on the catalog with the demo portfolio', async () => {
  const page = await signIn(browser);
  await page.goto(`${baseUrl}/catalog?filters[kind]=system&filters[user]=all`);
  await page.getByRole('link', { name: 'Civil Money Claims', exact: true }).waitFor();
  await screenshot(page, 'catalog-systems');
  for (const system of ['Apply for Probate', 'Courtroom Listing', 'Supervision']) {
    assert.ok(
      await page.getByRole('link', { name: system, exact: true }).first().isVisible(),
      `system ${system} is listed`,
    );
  }
  await page.close();
});

test('a demo component page shows its about card, owner and system', async () => {
  const page = await signIn(browser);
  await page.goto(`${baseUrl}/catalog/default/component/cmc-claim-store`);
  await page.getByRole('heading', { name: 'Money Claims Claim Store' }).waitFor();
  await page.getByRole('heading', { name: 'About' }).waitFor();
  await screenshot(page, 'entity-cmc-claim-store');
  assert.ok(
    await page.getByRole('link', { name: 'Civil Money Claims Team' }).first().isVisible(),
    'owner link is shown',
  );
  assert.equal(await page.getByText('App context is not available').count(), 0);
  await page.close();
});
