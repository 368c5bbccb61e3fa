#!/usr/bin/env node
/* eslint-disable no-console */
// Browser benchmark of the ITSO portfolio page with 10,000 entities.
//
// Drives Debian's headless Chromium (playwright-core) against a running portal
// (ITSEC_BENCH_URL, default http://localhost:7007; started with
// `scripts/start.js --skip-build` when nothing answers there) and answers
// /api/itsec/portfolio* from 10,000 synthetic rows with `page.route`, so the
// numbers measure the frontend, not the backend. Prints, never asserts.
//
//   npm run bench --workspace @internal/plugin-itsec
const { spawn } = require('node:child_process');
const path = require('node:path');
// playwright-core is the repository root's devDependency (the e2e browser driver).
// eslint-disable-next-line @backstage/no-undeclared-imports
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '../../..');
const BASE_URL = process.env.ITSEC_BENCH_URL ?? 'http://localhost:7007';
const ENTITIES = Number(process.env.ITSEC_BENCH_ENTITIES ?? 10_000);
const RUNS = Number(process.env.ITSEC_BENCH_RUNS ?? 5);
const TARGET_MS = 2000;

const STATUSES = [
  'met',
  'gap',
  'met',
  'due-soon',
  'excepted',
  'not-applicable',
  'met',
  'gap',
];
const STATEMENT_IDS = Array.from(
  { length: 47 },
  (_, i) => `POL.ITSEC.${String(i + 1).padStart(3, '0')}`,
);
const KINDS = ['Component', 'System', 'Resource', 'API'];

function emptyCounts() {
  return {
    met: 0,
    'due-soon': 0,
    gap: 0,
    excepted: 0,
    'not-applicable': 0,
    'not-scored': 0,
  };
}

function makeRows(n) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const statuses = {};
    const counts = emptyCounts();
    STATEMENT_IDS.forEach((id, j) => {
      const status = STATUSES[(i * 7 + j * 3 + (i % 11)) % STATUSES.length];
      statuses[id] = status;
      counts[status] += 1;
    });
    const scored =
      counts.met + counts['due-soon'] + counts.gap + counts.excepted;
    rows.push({
      entityRef: `${KINDS[i % 4].toLowerCase()}:default/bench-${String(
        i,
      ).padStart(5, '0')}`,
      kind: KINDS[i % 4],
      title: `Bench entity ${i}`,
      owner: `group:default/team-${i % 40}`,
      system: `system:default/system-${i % 300}`,
      domain: `domain:default/domain-${i % 6}`,
      classification: 'OFFICIAL',
      score: Math.round(
        (100 * (counts.met + counts['due-soon'] + 0.5 * counts.excepted)) /
          scored,
      ),
      counts,
      statuses,
      evaluatedAt: new Date().toISOString(),
    });
  }
  rows.sort(
    (a, b) =>
      b.counts.gap - a.counts.gap || a.entityRef.localeCompare(b.entityRef),
  );
  return rows;
}

function summaryOf(rows) {
  const counts = emptyCounts();
  const byStatement = new Map(STATEMENT_IDS.map(id => [id, emptyCounts()]));
  const byOwner = new Map();
  let scoreSum = 0;
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.counts)) counts[k] += v;
    for (const [id, s] of Object.entries(r.statuses))
      byStatement.get(id)[s] += 1;
    const o = byOwner.get(r.owner) ?? {
      owner: r.owner,
      entities: 0,
      sum: 0,
      counts: emptyCounts(),
    };
    o.entities += 1;
    o.sum += r.score;
    for (const [k, v] of Object.entries(r.counts)) o.counts[k] += v;
    byOwner.set(r.owner, o);
    scoreSum += r.score;
  }
  return {
    total: rows.length,
    score: rows.length ? Math.round(scoreSum / rows.length) : null,
    counts,
    byStatement: [...byStatement].map(([statementId, c]) => ({
      statementId,
      counts: c,
    })),
    byOwner: [...byOwner.values()].map(o => ({
      owner: o.owner,
      entities: o.entities,
      score: Math.round(o.sum / o.entities),
      counts: o.counts,
    })),
  };
}

function history() {
  const points = [];
  const today = new Date();
  for (let d = 364; d >= 0; d--) {
    const date = new Date(today.getTime() - d * 86_400_000)
      .toISOString()
      .slice(0, 10);
    points.push({
      date,
      score: 50 + Math.round(15 * Math.sin(d / 40)),
      counts: { ...emptyCounts(), gap: 40_000 + d * 10 },
      entities: ENTITIES,
    });
  }
  return { points };
}

async function reachable(url) {
  try {
    const res = await fetch(`${url}/.backstage/health/v1/readiness`);
    return res.ok;
  } catch {
    return false;
  }
}

async function ensurePortal() {
  if (await reachable(BASE_URL)) return undefined;
  console.log(
    `No portal at ${BASE_URL}: starting one (scripts/start.js --skip-build)...`,
  );
  const portal = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts/start.js'), '--skip-build'],
    {
      cwd: ROOT,
      stdio: 'ignore',
      detached: true,
    },
  );
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (await reachable(BASE_URL)) return portal;
    await new Promise(r => setTimeout(r, 1000));
  }
  process.kill(-portal.pid, 'SIGTERM');
  throw new Error(`The portal did not become ready at ${BASE_URL}`);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const rows = makeRows(ENTITIES);
  const summary = summaryOf(rows);
  const hist = history();
  const portal = await ensurePortal();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const results = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    let pageRequests = 0;
    await page.route('**/api/itsec/portfolio**', async route => {
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('/portfolio/summary')) {
        return route.fulfill({ json: summary });
      }
      if (url.pathname.endsWith('/portfolio/history')) {
        return route.fulfill({ json: hist });
      }
      if (url.pathname.endsWith('/portfolio')) {
        pageRequests += 1;
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        return route.fulfill({
          json: {
            total: rows.length,
            offset,
            limit,
            items: rows.slice(offset, offset + limit),
          },
        });
      }
      return route.continue();
    });

    await page.goto(BASE_URL);
    // The demo personas' sign-in page (there is no guest): the ITSO.
    await page
      .getByRole('button', { name: 'Sign in as Priya Shah' })
      .click({ timeout: 120_000 });
    await page.getByRole('navigation').getByText('Catalog').first().waitFor();

    for (let run = 0; run < RUNS + 1; run++) {
      // Leave the page, then come back via client-side navigation: the app is
      // loaded once, as a user switching to the portfolio would see it.
      await page.goto(`${BASE_URL}/catalog`);
      await page.getByRole('navigation').getByText('Catalog').first().waitFor();
      pageRequests = 0;
      const t0 = Date.now();
      await page.evaluate(() => {
        window.history.pushState({}, '', '/itsec');
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      await page.waitForSelector(
        '[data-testid="itsec-heatmap"] [data-entity-ref]',
        { timeout: 30_000 },
      );
      const firstRows = Date.now() - t0;
      // Interactive: a deep scroll renders the rows there.
      const t1 = Date.now();
      await page.evaluate(() => {
        const el = document.querySelector('[data-testid="itsec-heatmap"]');
        el.scrollTop = el.scrollHeight / 2;
      });
      await page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="itsec-heatmap"]');
          const rendered = [...el.querySelectorAll('[data-entity-ref]')];
          const top = el.scrollTop;
          return rendered.some(r => Math.abs(r.offsetTop - top) < 200);
        },
        undefined,
        { timeout: 30_000 },
      );
      const scroll = Date.now() - t1;
      const dom = await page.evaluate(
        () =>
          document.querySelectorAll(
            '[data-testid="itsec-heatmap"] [role="row"]',
          ).length,
      );
      if (run > 0) results.push({ firstRows, scroll, dom, pageRequests });
      else console.log(`warm-up: first rows ${firstRows} ms`);
    }

    // Cold: a full page load straight onto the portfolio.
    const t2 = Date.now();
    await page.goto(`${BASE_URL}/itsec`);
    await page.waitForSelector(
      '[data-testid="itsec-heatmap"] [data-entity-ref]',
      { timeout: 60_000 },
    );
    const cold = Date.now() - t2;

    const firsts = results.map(r => r.firstRows);
    const scrolls = results.map(r => r.scroll);
    console.log(
      `\nPortfolio page, ${rows.length.toLocaleString(
        'en-GB',
      )} entities, ${RUNS} runs (headless Chromium):`,
    );
    console.log(
      `  time to first interactive heatmap (client navigation): median ${median(
        firsts,
      )} ms, max ${Math.max(...firsts)} ms (target < ${TARGET_MS} ms)`,
    );
    console.log(
      `  deep scroll to the middle (page fetch + render): median ${median(
        scrolls,
      )} ms`,
    );
    console.log(
      `  full page load onto /itsec (app bundle + sign-in refresh + heatmap): ${cold} ms`,
    );
    console.log(
      `  rows in the DOM: ${results[results.length - 1].dom} of ${
        rows.length
      }; portfolio page requests per visit: ${
        results[results.length - 1].pageRequests
      }`,
    );
  } finally {
    await browser.close();
    if (portal) process.kill(-portal.pid, 'SIGTERM');
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
