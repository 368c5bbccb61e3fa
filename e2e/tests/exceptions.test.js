// Separation of duties with two demo personas: a delivery-team member
// requests an exception in the UI and cannot approve it; the business-group
// SIRO of the entity's Domain approves it, and the gap becomes "excepted".
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

// Probate (partly compliant) is owned by probate-team, Sam Taylor's team; its
// hmcts Domain's business-group SIRO is Sarah Whitfield.
// Every statement in full: an excepted one is not among what needs doing.
const SECURITY_TAB = `${baseUrl}/catalog/default/system/probate/security?statements=all`;
const REQUESTER = personas.delivery;
const SIRO = personas.hmctsSiro;

function inDays(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Exceptions table's row for the statement. */
function exceptionRow(page, statementId) {
  return page
    .getByRole('table', { name: 'Exceptions' })
    .getByRole('row')
    .filter({
      has: page.getByRole('cell', { name: statementId, exact: true }),
    });
}

test(
  'a delivery-team member requests an exception; they cannot approve it, the SIRO does',
  { timeout: 300_000 },
  async () => {
    // The requester, from the Security tab of their team's System.
    const page = await signIn(browser, REQUESTER);
    await page.goto(SECURITY_TAB);
    await page.getByRole('heading', { name: 'Policy statements' }).waitFor();
    // A gap with no exception yet (the e2e database starts clean, but a
    // rerun on a kept one must not ask twice).
    const buttons = page.getByRole('button', {
      name: /^Request exception for POL\.ITSEC\.\d+$/,
    });
    await buttons.first().waitFor();
    // The Exceptions card has loaded: its table, or its empty state.
    await page
      .locator(
        'table[aria-label="Exceptions"], :text("No exceptions requested for this entity.")',
      )
      .first()
      .waitFor();
    const taken = await page
      .locator('table[aria-label="Exceptions"] tbody tr td:first-child')
      .allTextContents();
    const offered = (
      await buttons.evaluateAll(els =>
        els.map(el => el.getAttribute('aria-label')),
      )
    ).map(label => label.replace('Request exception for ', ''));
    const statementId = offered.find(id => !taken.includes(id));
    assert.ok(statementId, `a gap without an exception among ${offered}`);
    const request = page.getByRole('button', {
      name: `Request exception for ${statementId}`,
    });
    await page.waitForFunction(
      id =>
        !document.querySelector(
          `button[aria-label="Request exception for ${id}"]`,
        )?.disabled,
      statementId,
    );
    await request.click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Justification')
      .fill(
        `The ${statementId} evidence is being re-done after a supplier change (e2e)`,
      );
    await dialog
      .getByLabel('Compensating controls')
      .fill(
        'Weekly review by the service owner until the evidence is filed (e2e)',
      );
    await dialog.getByLabel('Ends on').fill(inDays(60));
    await screenshot(page, 'exception-request-dialog');
    await dialog.getByRole('button', { name: 'Request exception' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The request waits for the SIRO; the requester is offered no decision.
    const requested = exceptionRow(page, statementId);
    await requested.getByText('Awaiting SIRO decision').waitFor();
    await requested
      .getByText(REQUESTER.ref)
      .or(requested.getByText(REQUESTER.name))
      .first()
      .waitFor();
    assert.equal(
      await requested.getByRole('button', { name: 'Approve' }).count(),
      0,
    );
    await page
      .getByText(
        /^Only this entity's business-group SIRO, declared on its Domain, can approve/,
      )
      .waitFor();
    await requested.scrollIntoViewIfNeeded();
    await screenshot(page, 'exception-requested');

    // Nor through the API: the requester approving their own request is refused.
    const token = await tokenFor(REQUESTER);
    const { items } = await (
      await fetch(
        `${baseUrl}/api/itsec/exceptions?entityRef=${encodeURIComponent(
          'system:default/probate',
        )}`,
        { headers: { authorization: `Bearer ${token}` } },
      )
    ).json();
    const exception = items.find(
      e => e.statementId === statementId && e.state === 'requested',
    );
    assert.ok(exception, `the request for ${statementId} is stored`);
    assert.equal(exception.requestedBy, REQUESTER.ref);
    const selfApproval = await fetch(
      `${baseUrl}/api/itsec/exceptions/${exception.id}/approve`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ comment: 'approving my own request (e2e)' }),
      },
    );
    assert.equal(selfApproval.status, 403);
    await page.close();

    // The business-group SIRO approves it.
    const siroPage = await signIn(browser, SIRO);
    await siroPage.goto(SECURITY_TAB);
    const pending = exceptionRow(siroPage, statementId);
    await pending.getByText('Awaiting SIRO decision').waitFor();
    await pending.getByRole('button', { name: 'Approve' }).click();
    const decision = siroPage.getByRole('dialog');
    await decision
      .getByText(`requested by ${REQUESTER.ref}`, { exact: false })
      .waitFor();
    await decision
      .getByLabel('Comment (optional)')
      .fill('Accepted: compensating controls are adequate for 60 days (e2e)');
    await decision.getByRole('button', { name: 'Approve' }).click();
    await decision.waitFor({ state: 'detached' });
    await exceptionRow(siroPage, statementId).getByText('Approved').waitFor();

    // The statement is excepted, never met.
    await siroPage.waitForFunction(
      id =>
        document
          .querySelector(`[data-testid="statement-${id}"] [data-status]`)
          ?.getAttribute('data-status') === 'excepted',
      statementId,
      { timeout: 20_000 },
    );
    await exceptionRow(siroPage, statementId).scrollIntoViewIfNeeded();
    await screenshot(siroPage, 'exception-approved');
    await siroPage.close();
  },
);
