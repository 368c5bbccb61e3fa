// The portfolio's group rows and lenses in the running demo: the ITSO opens
// the portfolio, groups it by organisation, expands a Domain and a System,
// switches lens, and the page scans clean with axe at each step.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { launch, personas, signIn, screenshot } = require('./browser');
const { assertAxeClean } = require('./axe');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The heatmap's column labels (statement numbers), header row only. */
async function columnLabels(heatmap) {
  return heatmap
    .locator('[role="row"][aria-rowindex="1"] [role="columnheader"] button')
    .allTextContents();
}

test(
  'portfolio: group by organisation, expand a Domain and a System, switch lens',
  { timeout: 300_000 },
  async () => {
    const page = await signIn(browser, personas.itso, { bypassCSP: true });
    await page.goto(new URL('/itsec', page.url()).toString());
    const heatmap = page.getByTestId('itsec-heatmap');
    // The first evaluation runs shortly after start-up: reload until it has.
    const deadline = Date.now() + 180_000;
    for (;;) {
      try {
        await heatmap.getByRole('link').first().waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await page.reload();
      }
    }
    const allColumns = await columnLabels(heatmap);

    await page.getByRole('button', { name: 'Group by organisation' }).click();
    await page.waitForURL(/group=organisation/);
    const hmcts = heatmap.getByRole('button', { name: /^hmcts domain · / });
    await hmcts.waitFor();
    assert.equal(await hmcts.getAttribute('aria-expanded'), 'false');
    // A Domain is a header: no entity rows until it is opened.
    assert.equal(await heatmap.locator('[data-entity-ref]').count(), 0);

    // Open the Domain from the keyboard, then one of its Systems.
    await hmcts.focus();
    await page.keyboard.press('Enter');
    assert.equal(await hmcts.getAttribute('aria-expanded'), 'true');
    const system = heatmap.getByRole('button', {
      name: /^Civil Money Claims system · \d+ entit(y|ies) · \d+ gaps?$/,
    });
    await system.waitFor();
    const label = await system.textContent();
    const members = Number(/· (\d+) entit/.exec(label)[1]);
    await system.focus();
    await page.keyboard.press('Space');
    assert.equal(await system.getAttribute('aria-expanded'), 'true');
    await heatmap
      .locator('[data-entity-ref="system:default/civil-money-claims"]')
      .waitFor();
    assert.equal(
      await heatmap.locator('[data-entity-ref]').count(),
      members,
      `the System's group holds its ${members} entities`,
    );
    await screenshot(page, 'itsec-portfolio-groups');
    await assertAxeClean(page, 'portfolio grouped by organisation');

    // The lens: only the statements proven by documents in catalog-info.
    await page.getByRole('button', { name: 'Evidence in catalog' }).click();
    await page.waitForURL(/lens=catalog/);
    // Until the lens's columns are there: the DR plan (043) in, access control (005) out.
    await page.waitForFunction(() => {
      const labels = [
        ...document.querySelectorAll(
          '[data-testid="itsec-heatmap"] [aria-rowindex="1"] [role="columnheader"] button',
        ),
      ].map(b => b.textContent);
      return labels.includes('043') && !labels.includes('005');
    });
    const catalogColumns = await columnLabels(heatmap);
    assert.ok(catalogColumns.includes('043'), 'the DR plan is a document');
    assert.ok(!catalogColumns.includes('005'), 'access control is a sign-off');
    // The groups stay open under the new lens.
    await hmcts.waitFor();
    assert.equal(await hmcts.getAttribute('aria-expanded'), 'true');
    await assertAxeClean(page, 'portfolio, evidence in catalog lens');

    await page.getByRole('button', { name: 'Attestations' }).click();
    await page.waitForURL(/lens=attestations/);
    await page.waitForFunction(() => {
      const labels = [
        ...document.querySelectorAll(
          '[data-testid="itsec-heatmap"] [aria-rowindex="1"] [role="columnheader"] button',
        ),
      ].map(b => b.textContent);
      return labels.includes('005') && !labels.includes('043');
    });
    const attestationColumns = await columnLabels(heatmap);
    assert.ok(!attestationColumns.includes('043'));
    assert.equal(
      catalogColumns.length + attestationColumns.length,
      allColumns.length,
      'every column is a document or a sign-off',
    );
    await assertAxeClean(page, 'portfolio, attestations lens');
    await page.close();
  },
);
