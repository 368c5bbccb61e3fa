// axe-core scan for the e2e tests (WCAG 2.0/2.1 A and AA, 2.2 AA), injected
// with Playwright. The page's context must bypass the app's CSP.
const assert = require('node:assert/strict');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Backstage's own parts left out (README.md, "Accessibility"). */
const UPSTREAM_EXCLUDE = ['nav a[href="/notifications"]'];

/** Fails with every violation axe finds on the page (or inside `selector`). */
async function assertAxeClean(page, what, selector) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(
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
        help: v.help,
        nodes: v.nodes.map(
          n => `${n.target.join(' ')} ${n.html.slice(0, 200)}`,
        ),
      }));
    },
    { tags: AXE_TAGS, sel: selector, exclude: UPSTREAM_EXCLUDE },
  );
  const count = violations.reduce((n, v) => n + v.nodes.length, 0);
  console.log(`# axe ${what}: ${count} nodes in violation`);
  assert.equal(
    count,
    0,
    `${what}:\n${violations
      .map(v => `${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`)
      .join('\n')}`,
  );
}

module.exports = { assertAxeClean };
