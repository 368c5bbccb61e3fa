// The security scorecards from an IT Security Officer's point of view: the
// portfolio, one owner's entities, one entity's gaps, and an attestation that
// closes one of them.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { baseUrl, launch, personas, signIn, screenshot } = require('./browser');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// A partly compliant team: its System has attestation gaps to close.
const OWNER = 'provider-payments-team';

test(
  'portfolio → one owner → an entity’s gaps → attestation changes the status',
  { timeout: 300_000 },
  async () => {
    // The ITSO may attest any entity.
    const page = await signIn(browser, personas.itso);

    // The portfolio page is in the sidebar.
    await page
      .getByRole('navigation')
      .getByText('Security', { exact: true })
      .first()
      .click();
    await page.waitForURL(/\/itsec/);
    const heatmap = page.getByTestId('itsec-heatmap');
    // The backend evaluates the portfolio on a schedule shortly after start-up:
    // wait (reloading) until the demo owner's entities have been evaluated.
    const ownerButton = page.getByRole('button', {
      name: `Filter to owner ${OWNER}`,
    });
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        await ownerButton.waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await page.reload();
      }
    }
    await heatmap.getByRole('link').first().waitFor();
    await screenshot(page, 'itsec-portfolio');

    // Filter to one owner from the owner counts; the filter is in the URL.
    await ownerButton.click();
    await page.waitForURL(
      new RegExp(`owner=(group%3Adefault%2F|group:default/)${OWNER}`),
    );
    await page.waitForFunction(
      () =>
        /Heatmap of \d+ entities/.test(
          document
            .querySelector('[data-testid="itsec-heatmap"]')
            ?.getAttribute('aria-label') ?? '',
        ) &&
        document.querySelectorAll(
          '[data-testid="itsec-heatmap"] [data-entity-ref]',
        ).length > 0,
    );
    const owners = await heatmap
      .locator('[data-entity-ref]')
      .evaluateAll(rows =>
        rows.map(r => r.querySelector('[role="rowheader"]')?.textContent ?? ''),
      );
    assert.ok(owners.length > 0, 'the owner has entities');
    for (const text of owners) {
      assert.match(
        text,
        new RegExp(OWNER),
        `every row belongs to ${OWNER}: ${text}`,
      );
    }
    await screenshot(page, 'itsec-portfolio-owner');

    // Open the System from the heatmap.
    const systemRow = heatmap.locator('[data-entity-ref^="system:"]').first();
    const entityRef = await systemRow.getAttribute('data-entity-ref');
    assert.ok(entityRef, 'the owner has a System');
    await systemRow.getByRole('link').click();
    await page.waitForURL(/\/security$/);
    await page.getByRole('heading', { name: 'Policy statements' }).waitFor();
    // Every statement, in full (the tab opens on what needs doing).
    await page.getByLabel('Show all statements in full').check();

    // Its gaps are listed with status text.
    const gapRows = page.locator('tr[data-testid^="statement-"]', {
      has: page.locator('[data-status="gap"]'),
    });
    await gapRows.first().waitFor();
    assert.ok((await gapRows.count()) > 0, 'the entity shows its gaps');
    await screenshot(page, 'itsec-entity-security');

    // Record an attestation for an attestation gap.
    const attestable = gapRows
      .filter({
        has: page.getByRole('button', { name: /^Attest POL\.ITSEC\.\d+$/ }),
      })
      .first();
    const testId = await attestable.getAttribute('data-testid');
    const statementId = testId.replace('statement-', '');
    const attestButton = attestable.getByRole('button', {
      name: `Attest ${statementId}`,
    });
    await page.waitForFunction(
      id =>
        !document.querySelector(
          `[data-testid="statement-${id}"] button[aria-label="Attest ${id}"]`,
        )?.disabled,
      statementId,
    );
    await attestButton.click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Evidence link')
      .fill(`https://evidence.example.justice.gov.uk/${statementId}`);
    await dialog
      .getByLabel('What you checked')
      .fill(
        `Reviewed the ${statementId} evidence with the service owner (e2e)`,
      );
    await screenshot(page, 'itsec-attest-dialog');
    await dialog.getByRole('button', { name: 'Record attestation' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The status changes from gap.
    const row = page.getByTestId(`statement-${statementId}`);
    await page.waitForFunction(
      id => {
        const el = document.querySelector(
          `[data-testid="statement-${id}"] [data-status]`,
        );
        return el && el.getAttribute('data-status') !== 'gap';
      },
      statementId,
      { timeout: 20_000 },
    );
    const status = await row
      .locator('[data-status]')
      .first()
      .getAttribute('data-status');
    assert.ok(
      ['met', 'due-soon'].includes(status),
      `${statementId} is now ${status}`,
    );
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'itsec-entity-after-attestation');

    // The overview card shows the score and the top gaps.
    const [kind, rest] = entityRef.split(':');
    const [namespace, name] = rest.split('/');
    await page.goto(`${baseUrl}/catalog/${namespace}/${kind}/${name}`);
    await page.getByText('Security scorecard').first().waitFor();
    await page
      .getByText(/Top gaps|No gaps/)
      .first()
      .waitFor();
    await screenshot(page, 'itsec-entity-card');
    await page.close();
  },
);

test(
  'the demo’s fully compliant system has no gaps; its role acknowledgements are declared in the catalog',
  { timeout: 300_000 },
  async () => {
    const page = await signIn(browser, personas.iao);
    // Every statement, in full (the tab opens on what needs doing).
    const fullView = `${baseUrl}/catalog/default/system/civil-money-claims/security?statements=all`;
    await page.goto(fullView);
    await page.getByRole('heading', { name: 'Policy statements' }).waitFor();
    // npm start records the demo's portal-side attestations shortly after start-up.
    const acknowledgements = page.getByTestId('statement-POL.ITSEC.023');
    const gapRows = page.locator('tr[data-testid^="statement-"]', {
      has: page.locator('[data-status="gap"]'),
    });
    const deadline = Date.now() + 180_000;
    for (;;) {
      await acknowledgements.waitFor();
      if ((await gapRows.count()) === 0) break;
      assert.ok(Date.now() < deadline, 'civil-money-claims still has gaps');
      await page.waitForTimeout(5_000);
      await page.goto(fullView);
    }
    assert.equal(
      await acknowledgements
        .locator('[data-status]')
        .first()
        .getAttribute('data-status'),
      'met',
    );
    await acknowledgements
      .getByText(
        /Acknowledged by user:default\/sarah\.whitfield \(declared in catalog-info\.yaml\)/,
      )
      .waitFor();
    await acknowledgements.scrollIntoViewIfNeeded();
    await screenshot(page, 'itsec-entity-role-acknowledgements');
    await page.close();
  },
);

test(
  'a role holder acknowledges their own role from the Security tab',
  { timeout: 300_000 },
  async () => {
    // Amara Nwosu is the business-group SIRO of provider-payments (and its laa Domain).
    const page = await signIn(browser, personas.laaSiro);
    await page.goto(
      `${baseUrl}/catalog/default/system/provider-payments/security`,
    );
    await page.getByLabel('Show all statements in full').check();
    const row = page.getByTestId('statement-POL.ITSEC.023');
    await row.waitFor();
    const acknowledge = row.getByRole('button', {
      name: 'Acknowledge my role for POL.ITSEC.023',
    });
    await page.waitForFunction(
      () =>
        !document.querySelector(
          'button[aria-label="Acknowledge my role for POL.ITSEC.023"]',
        )?.disabled,
    );
    await acknowledge.click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(/every role holder acknowledges their own role/)
      .waitFor();
    await dialog
      .getByLabel('Evidence link')
      .fill('https://evidence.example.justice.gov.uk/siro-role-description');
    await dialog
      .getByLabel('What you checked')
      .fill(
        'I have read the business-group SIRO role description and accept it (e2e)',
      );
    await dialog.getByRole('button', { name: 'Record attestation' }).click();
    await dialog.waitFor({ state: 'detached' });

    const roles = page.getByRole('table', { name: 'Security roles' });
    const siro = roles.getByRole('row', { name: /business-group SIRO/ });
    await siro
      .getByText(/^Acknowledged \d{4}-\d{2}-\d{2}$/)
      .waitFor({ timeout: 20_000 });
    const message = await row.locator('td').nth(2).textContent();
    assert.ok(
      !message.includes(personas.laaSiro.ref),
      `the SIRO's acknowledgement counts: ${message}`,
    );
    await roles.scrollIntoViewIfNeeded();
    await screenshot(page, 'itsec-role-acknowledged');
    await page.close();
  },
);
