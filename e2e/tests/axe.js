// axe-core scan for the e2e tests (WCAG 2.0/2.1 A and AA, 2.2 AA), injected
// with Playwright. The page's context must bypass the app's CSP.
const assert = require('node:assert/strict');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * Parts of the page that are Backstage's own, not ours, left out of the scan
 * (listed with the upstream reason in README.md, "Accessibility").
 */
const UPSTREAM_EXCLUDE = [
  // label-content-name-mismatch: core-components' SidebarItem sets
  // aria-label to its text ("Notifications") while the notifications
  // plugin's NotificationsSidebarItem shows the unread count inside it.
  'nav a[href="/notifications"]',
];

/** Runs axe on the page (or inside `selector`) and returns the violations. */
async function scan(page, selector) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(
    async ({ tags, sel, exclude }) => {
      const result = await window.axe.run(
        {
          include: sel ? [[sel]] : [['body']],
          exclude: exclude.map(e => [e]),
        },
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      );
      return result.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map(n => ({
          target: n.target.join(' '),
          html: n.html.slice(0, 300),
          summary: n.failureSummary,
        })),
      }));
    },
    { tags: AXE_TAGS, sel: selector, exclude: UPSTREAM_EXCLUDE },
  );
}

function describe(violations) {
  return violations
    .map(
      v =>
        `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(n => `    ${n.target} ${n.html}: ${n.summary}`)
          .join('\n')}`,
    )
    .join('\n');
}

/**
 * Fails with every violation axe finds on the page (or inside `selector`),
 * and logs how many nodes are in violation (the README quotes the figures).
 */
async function assertAxeClean(page, what, selector) {
  const violations = await scan(page, selector);
  const count = violations.reduce((n, v) => n + v.nodes.length, 0);
  console.log(`# axe ${what}: ${count} nodes in violation`);
  assert.equal(count, 0, `${what}:\n${describe(violations)}`);
}

module.exports = { assertAxeClean };
