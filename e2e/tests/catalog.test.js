// The portal from a person's point of view: the demo personas' sign-in, the
// catalog page listing the demo portfolio, and one demo entity's page.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  baseUrl,
  launch,
  openSignInPage,
  personas,
  signIn,
  screenshot,
} = require('./browser');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the sign-in page offers the demo personas, and no guest', async () => {
  const page = await openSignInPage(browser, [
    personas.itso,
    personas.delivery,
    personas.hmctsSiro,
    personas.iao,
  ]);
  await screenshot(page, 'sign-in-personas');
  assert.equal(await page.getByRole('button', { name: 'Enter' }).count(), 0);
  const guest = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(guest.status, 404, 'the guest provider is not there');
  // A User who is not a persona cannot sign in through the personas provider.
  const outsider = await fetch(`${baseUrl}/api/auth/demo-personas/refresh`, {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-itsec-demo-persona': 'user:default/jonathan.hale',
    },
  });
  assert.equal(outsider.status, 403);
  await page.context().close();
});

test('a persona lands on the catalog with the demo portfolio', async () => {
  const page = await signIn(browser, personas.delivery);
  await page.goto(`${baseUrl}/catalog?filters[kind]=system&filters[user]=all`);
  await page
    .getByRole('link', { name: 'Civil Money Claims', exact: true })
    .waitFor();
  await screenshot(page, 'catalog-systems');
  for (const system of [
    'Apply for Probate',
    'Courtroom Listing',
    'Supervision',
  ]) {
    assert.ok(
      await page
        .getByRole('link', { name: system, exact: true })
        .first()
        .isVisible(),
      `system ${system} is listed`,
    );
  }
  await page.close();
});

test('a demo component page shows its about card, owner and system', async () => {
  const page = await signIn(browser);
  await page.goto(`${baseUrl}/catalog/default/component/cmc-claim-store`);
  await page
    .getByRole('heading', { name: 'Money Claims Claim Store' })
    .waitFor();
  await page.getByRole('heading', { name: 'About' }).waitFor();
  await screenshot(page, 'entity-cmc-claim-store');
  assert.ok(
    await page
      .getByRole('link', { name: 'Civil Money Claims Team' })
      .first()
      .isVisible(),
    'owner link is shown',
  );
  assert.equal(await page.getByText('App context is not available').count(), 0);
  await page.close();
});
