#!/usr/bin/env node
/*
 * Benchmark: what the itsec catalog module costs the catalog, end to end.
 *
 * Takes the demo catalog in examples/ (annotated Domains, Systems and their
 * parts, Users, Groups, CodeOfConnection entities) and scales it to
 * --entities by copying it as self-contained portfolios. A real catalog
 * backend (in-memory SQLite) ingests the same file in four arms (arms.js):
 * baseline (the CodeOfConnection kind accepted, nothing else), relations
 * replayed, relations and status items replayed, and the module itself.
 * Each arm runs --runs times, interleaved (the order rotates each round)
 * after one untimed warm-up run of the module that records what it emits;
 * every run is a fresh process (run.js), so no run inherits another's heap;
 * each run ends when the catalog is quiet (everything processed and
 * stitched). Prints medians and min–max spread of wall and process CPU time,
 * the stitches each arm made, the module's overhead (headline) and where it
 * goes, one figure per line:
 * `name: value unit (target …)`. No assertions, no exit code.
 *
 *   npm run bench                                 (10,000 entities, 3 runs per arm)
 *   npm run bench -- --entities 2000 --runs 3
 *   npm run bench -- --step                       (also the processing step alone)
 *   npm run bench -- --arms baseline,module --runs 5   (the headline only, more runs)
 */
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseAllDocuments } = require('yaml');
const { fork } = require('node:child_process');
const { writeCatalog } = require('./engine.js');

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : Number(args[i + 1]);
};
const TOTAL = arg('entities', 10000);
const RUNS = Math.max(1, arg('runs', 3));
const STEP = args.includes('--step');
const TARGET = 10; // % end to end

const EXAMPLES = path.resolve(__dirname, '../../../examples');

function readDemoCatalog() {
  const files = [];
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) files.push(full);
    }
  };
  walk(EXAMPLES);
  const entities = [];
  for (const file of files.sort()) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value = doc.toJS();
      if (
        !value ||
        typeof value !== 'object' ||
        !value.kind ||
        value.kind === 'Location' ||
        // Scaffolder templates need the scaffolder's processor: not ingested here.
        value.kind === 'Template'
      )
        continue;
      value.metadata.annotations = {
        ...value.metadata.annotations,
        'backstage.io/managed-by-location': `file:${file}`,
        'backstage.io/managed-by-origin-location': `file:${path.join(
          EXAMPLES,
          'all.yaml',
        )}`,
      };
      entities.push(value);
    }
  }
  return entities;
}

/**
 * Scales the demo catalog by copying it: copy N renames every entity to
 * `<name>-cN` and points every reference inside the copy (owners, systems,
 * domains, group membership, API and resource links, role holders in itsec
 * annotations, Code of Connection parties) at the renamed entities, so each
 * copy is a self-contained portfolio with its own people.
 */
function scale(demo, total) {
  const names = new Set(demo.map(e => e.metadata.name));
  const rename = (value, copy) => {
    if (typeof value === 'string') {
      if (!value || value.includes('\n')) return value;
      return value
        .split(',')
        .map(item => {
          const m =
            /^(\s*)((?:[A-Za-z]+:)?(?:[a-z0-9-]+\/)?)([A-Za-z0-9][\w.-]*)(\s*)$/.exec(
              item,
            );
          return m && names.has(m[3])
            ? `${m[1]}${m[2]}${m[3]}-c${copy}${m[4]}`
            : item;
        })
        .join(',');
    }
    if (Array.isArray(value)) return value.map(v => rename(v, copy));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = rename(v, copy);
      return out;
    }
    return value;
  };
  const out = [];
  for (let copy = 0; out.length < total; copy++) {
    for (const entity of demo) {
      if (out.length >= total) break;
      const clone = structuredClone(entity);
      if (copy > 0) {
        clone.metadata.name = `${entity.metadata.name}-c${copy}`;
        clone.spec = rename(clone.spec, copy);
        for (const [k, v] of Object.entries(clone.metadata.annotations)) {
          if (
            k.startsWith('itsec.justice.gov.uk/role-') ||
            k === 'itsec.justice.gov.uk/disposal-approver'
          ) {
            clone.metadata.annotations[k] = rename(v, copy);
          }
        }
      }
      out.push(clone);
    }
  }
  return out;
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function figure(name, value, unit, target) {
  let digits = 2;
  if (Number.isInteger(value) || Math.abs(value) >= 100) digits = 0;
  else if (Math.abs(value) >= 10) digits = 1;
  console.log(
    `${name}: ${value.toFixed(digits)} ${unit}${
      target ? ` (target ${target})` : ''
    }`,
  );
}

const ALL_ARMS = ['baseline', 'relations', 'status', 'module'];
// The headline needs baseline and module; the breakdown needs all four.
const ARMS = (() => {
  const i = args.indexOf('--arms');
  if (i === -1) return ALL_ARMS;
  const chosen = String(args[i + 1] ?? '').split(',');
  const unknown = chosen.filter(a => !ALL_ARMS.includes(a));
  if (
    unknown.length ||
    !chosen.includes('baseline') ||
    !chosen.includes('module')
  )
    throw new Error(
      `--arms takes baseline,module and any of relations,status (got ${
        args[i + 1]
      })`,
    );
  return ALL_ARMS.filter(a => chosen.includes(a));
})();

async function main() {
  const [l1, l5] = os.loadavg();
  console.log(
    `# ${new Date().toISOString()} node ${process.version}, ${
      os.cpus().length
    } CPUs, load average ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min)`,
  );
  const demo = readDemoCatalog();
  const entities = scale(demo, TOTAL);
  const cocs = entities.filter(e => e.kind === 'CodeOfConnection').length;
  const annotated = entities.filter(e =>
    Object.keys(e.metadata.annotations).some(k =>
      k.startsWith('itsec.justice.gov.uk/'),
    ),
  ).length;
  // Every entity plus the Location the config registers, in every arm.
  const expected = entities.length + 1;
  console.log(
    `# demo catalog (examples/, ${demo.length} entities) scaled to ${entities.length} ` +
      `(${annotated} with itsec annotations, ${cocs} CodeOfConnection); ` +
      `${RUNS} interleaved runs per arm after a warm-up`,
  );

  const { file, cleanup } = writeCatalog(entities);
  const recordFile = path.join(path.dirname(file), 'record.json');
  const results = Object.fromEntries(ARMS.map(a => [a, []]));
  const inside = [];
  try {
    // The warm-up run records what the module emits, for the replay arms.
    await runInChild({ arm: 'record', file, expected, recordFile });
    for (let round = 0; round < RUNS; round++) {
      for (let k = 0; k < ARMS.length; k++) {
        const arm = ARMS[(k + round) % ARMS.length];
        const load = os.loadavg()[0];
        const r = await runInChild({ arm, file, expected, recordFile });
        results[arm].push(r);
        if (arm === 'module') inside.push(r.clock);
        console.log(
          `# round ${round + 1} ${arm.padEnd(9)} ${(r.wallMs / 1000).toFixed(
            1,
          )} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU, ${
            r.relations
          } relations, ${r.errorItems} status items, ${r.stitches} stitches (${(
            r.stitchMs / 1000
          ).toFixed(1)} s summed); load ${load.toFixed(2)} before, ${os
            .loadavg()[0]
            .toFixed(2)} after`,
        );
      }
    }
  } finally {
    cleanup();
  }

  const med = {};
  for (const arm of ARMS) {
    const wall = results[arm].map(r => r.wallMs / 1000);
    const cpu = results[arm].map(r => r.cpuMs / 1000);
    med[arm] = { wall: median(wall), cpu: median(cpu) };
    figure(`e2e.${arm}.wall`, med[arm].wall, 's');
    figure(`e2e.${arm}.wall_min`, Math.min(...wall), 's');
    figure(`e2e.${arm}.wall_max`, Math.max(...wall), 's');
    figure(`e2e.${arm}.cpu`, med[arm].cpu, 's');
    figure(`e2e.${arm}.cpu_min`, Math.min(...cpu), 's');
    figure(`e2e.${arm}.cpu_max`, Math.max(...cpu), 's');
    figure(`e2e.${arm}.relations`, results[arm][0].relations, 'rows');
    figure(`e2e.${arm}.status_items`, results[arm][0].errorItems, 'items');
    figure(
      `e2e.${arm}.stitches`,
      median(results[arm].map(r => r.stitches)),
      'stitches',
    );
    figure(
      `e2e.${arm}.stitch_wall_summed`,
      median(results[arm].map(r => r.stitchMs / 1000)),
      's',
    );
  }
  const base = med.baseline;
  const pct = (a, b, k) => ((med[a][k] - med[b][k]) / base[k]) * 100;
  console.log(
    `# headline: the module's end-to-end overhead over the same entities without it (medians)`,
  );
  figure(
    'overhead.module.wall',
    pct('module', 'baseline', 'wall'),
    '%',
    `< ${TARGET}%`,
  );
  figure(
    'overhead.module.cpu',
    pct('module', 'baseline', 'cpu'),
    '%',
    `< ${TARGET}%`,
  );
  console.log(
    '# where it goes (differences of medians, % of the baseline; small parts are within the noise)',
  );
  if (ARMS.length === ALL_ARMS.length) {
    for (const k of ['wall', 'cpu']) {
      figure(`breakdown.relations.${k}`, pct('relations', 'baseline', k), '%');
      figure(`breakdown.status_items.${k}`, pct('status', 'relations', k), '%');
      figure(`breakdown.processor.${k}`, pct('module', 'status', k), '%');
    }
  }
  // Stitching is inside the relations part: an entity is stitched again when
  // a relation to it arrives. Its count is exact; its time is summed over
  // concurrent stitches, so it is an upper bound on their share of the wall.
  const stitchMed = arm => median(results[arm].map(r => r.stitches));
  figure(
    'breakdown.stitching.extra_stitches',
    ((stitchMed('module') - stitchMed('baseline')) / stitchMed('baseline')) *
      100,
    '%',
  );
  const stitchS = arm => median(results[arm].map(r => r.stitchMs / 1000));
  figure(
    'breakdown.stitching.extra_wall_summed',
    ((stitchS('module') - stitchS('baseline')) / base.wall) * 100,
    '%',
  );
  const insideMs = median(inside.map(c => c.ms));
  figure('processor.inside', insideMs / 1000, 's');
  figure(
    'processor.inside_share_of_module_cpu',
    insideMs / 10 / med.module.cpu,
    '%',
  );
  figure('processor.lookups', median(inside.map(c => c.lookups)), 'calls');
  figure(
    'processor.lookup_wall',
    median(inside.map(c => c.lookupMs)) / 1000,
    's',
  );

  if (STEP) {
    const { benchOrchestrator } = require('./step.js');
    await benchOrchestrator(entities, 5);
  }
}

/**
 * Each run is a fresh process: runs in one process drift (its heap and the
 * catalog's caches grow run after run), which made the last arm look slower
 * whatever it was.
 */
function runInChild(task) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'run.js'), [], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result;
    child.on('message', m => {
      result = m;
    });
    child.on('error', reject);
    child.on('exit', code =>
      result && code === 0
        ? resolve(result)
        : reject(new Error(`${task.arm} run exited with ${code}`)),
    );
    child.send(task);
  });
}

if (require.main === module) {
  main()
    .then(() => process.exit())
    .catch(e => {
      console.error(e);
      process.exit(2);
    });
}

module.exports = { readDemoCatalog, scale };
