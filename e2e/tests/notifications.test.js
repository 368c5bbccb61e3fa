// The itsec reminders in the portal's notifications: the sidebar item opens
// /notifications, a reminder links to the entity's Security tab, and the
// weekly digest links to the portfolio filtered to it.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  baseUrl,
  launch,
  personas,
  signIn,
  tokenFor,
  screenshot,
} = require('./browser');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Reloads /notifications until a notification link matching `selector` shows. */
async function waitForLink(page, selector, prepare, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  const link = page.locator(selector).first();
  for (;;) {
    try {
      if (prepare) await prepare();
      await link.waitFor({ timeout: 10_000 });
      return link;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await page.reload();
    }
  }
}

/** Shows read notifications too (a link opened before is marked read). */
async function showAll(page, text) {
  const view = page.getByText('Unread notifications', { exact: true }).first();
  await view.waitFor();
  await view.click();
  await page.getByRole('option', { name: 'All', exact: true }).click();
  if (text) await page.getByPlaceholder('Filter').fill(text);
}

/** Calls the portal's API as the ITSO persona. */
async function api(path, init = {}) {
  if (!api.token) api.token = await tokenFor(personas.itso);
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${api.token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
  return res.json();
}

/**
 * Makes a reminder for the IAO persona: the ITSO attests, on a System whose
 * IAO they are, evidence whose review date is 10 days away, which is
 * "due soon" at once and notifies the owner team and the IAO.
 */
async function attestDueSoon() {
  const entityRef = 'system:default/civil-money-claims';
  const system = await api(
    '/api/catalog/entities/by-name/system/default/civil-money-claims',
  );
  assert.equal(
    system.metadata.annotations['itsec.justice.gov.uk/role-iao'],
    personas.iao.ref,
  );
  const validUntil = new Date(Date.now() + 10 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await api('/api/itsec/attestations', {
    method: 'POST',
    body: JSON.stringify({
      entityRef,
      statementId: 'POL.ITSEC.005',
      evidenceLink: 'https://evidence.example.justice.gov.uk/sso-review',
      statement: 'SSO and MFA reviewed (e2e, review due in 10 days)',
      validUntil,
    }),
  });
  return { entityRef, title: system.metadata.title ?? system.metadata.name };
}

test(
  'notifications: a reminder opens the Security tab, the digest opens the filtered portfolio',
  { timeout: 300_000 },
  async () => {
    // The ITSO gets the weekly digest.
    const page = await signIn(browser, personas.itso);
    const { entityRef, title } = await attestDueSoon();
    const [kind, rest] = entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const securityPath = `/catalog/${namespace}/${kind}/${name}/security`;

    // The notifications page is in the sidebar.
    await page
      .getByRole('navigation')
      .getByText('Notifications', { exact: true })
      .first()
      .click();
    await page.waitForURL(/\/notifications/);

    // The ITSO group's digest of the week (its sections link to the
    // filtered portfolio; the demo portfolio always has gaps).
    await waitForLink(page, 'a[href^="/itsec?"]', () =>
      showAll(page, 'ITSEC weekly digest'),
    );
    await screenshot(page, 'notifications');

    // The attestation's re-evaluation notified the System's IAO. The
    // System's descendants inherit the attestation (and are notified too):
    // find the System's own reminder with the table's filter.
    const iaoPage = await signIn(browser, personas.iao);
    await iaoPage.goto(`${baseUrl}/notifications`);
    const filter = () => showAll(iaoPage, title);
    const reminder = await waitForLink(
      iaoPage,
      `a[href="${securityPath}"]`,
      filter,
    );
    await screenshot(iaoPage, 'notifications-reminder');

    const href = await reminder.getAttribute('href');
    assert.match(href, /^\/catalog\/[^/]+\/[^/]+\/[^/]+\/security$/);
    await reminder.click();
    await iaoPage.waitForURL(
      new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    await iaoPage.getByRole('heading', { name: 'Policy statements' }).waitFor();
    await screenshot(iaoPage, 'notifications-entity-security');
    await iaoPage.close();

    // The digest's link: the portfolio with the filters of the query string.
    await page.goto(`${baseUrl}/notifications`);
    const digest = await waitForLink(page, 'a[href^="/itsec?"]', () =>
      showAll(page, 'ITSEC weekly digest'),
    );
    const digestHref = await digest.getAttribute('href');
    await digest.click();
    await page.waitForURL(/\/itsec/);
    const url = new URL(page.url());
    const expected = new URL(digestHref, baseUrl);
    for (const key of ['status', 'statement']) {
      assert.deepEqual(
        url.searchParams.getAll(key),
        expected.searchParams.getAll(key),
        `the portfolio keeps the ${key} filter`,
      );
    }
    // The page applied the filters it read from the link.
    if (expected.search) {
      await page.getByRole('button', { name: /clear all filters/i }).waitFor();
    }
    await page.getByTestId('itsec-heatmap').waitFor();
    await screenshot(page, 'notifications-digest-portfolio');
    await page.close();
  },
);
