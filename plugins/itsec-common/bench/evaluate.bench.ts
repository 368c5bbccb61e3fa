/* eslint-disable no-console */
/*
 * [BENCH_COUNT=10000] [BENCH_PASSES=3] npm run bench
 *
 * Evaluates one synthetic portfolio (bench/profiles.ts) two ways in the same
 * run, single-threaded, passes interleaved (ours, peer, ours, peer, …):
 *   - ours: `evaluate` against the default catalogue (47 statements, every
 *     status, reasons, due dates, score);
 *   - peer: Tech Insights' JsonRulesEngineFactChecker with equivalent checks
 *     over an in-memory fact store (bench/techInsights.ts says what is not
 *     equivalent); fact extraction (a fact retriever's job there) is timed
 *     apart from the checker.
 * Prints per-entity medians and spread (min–max of passes) and the ratio, one
 * figure per line `name: value unit (target …)`. No assertions.
 */
import os from 'node:os';
import { evaluate, mojIctSecurityPolicy, prepareEvaluation } from '../src';
import { AS_OF, makeProfile } from './profiles';
import { InMemoryFactStore, peerChecker, profileFacts } from './techInsights';

const COUNT = Number(process.env.BENCH_COUNT ?? 10_000);
const PASSES = Math.max(1, Number(process.env.BENCH_PASSES ?? 3));
const gc = (globalThis as { gc?: () => void }).gc;

interface Pass {
  wallMs: number;
  cpuMs: number;
}

async function timed(run: () => void | Promise<void>): Promise<Pass> {
  gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const c = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (c.user + c.system) / 1e3 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function figure(name: string, value: number, unit: string, target?: string) {
  let digits = 2;
  if (value >= 100) digits = 0;
  else if (value >= 10) digits = 1;
  console.log(
    `${name}: ${value.toFixed(digits)} ${unit}${
      target ? ` (target ${target})` : ''
    }`,
  );
}

/** Median and spread of per-entity times (µs) of a set of passes. */
function report(name: string, passes: Pass[], target?: string) {
  const per = (ms: number) => (ms * 1000) / COUNT;
  const wall = passes.map(p => per(p.wallMs));
  const cpu = passes.map(p => per(p.cpuMs));
  figure(`${name}.wall_per_entity`, median(wall), 'µs', target);
  figure(`${name}.wall_per_entity_min`, Math.min(...wall), 'µs');
  figure(`${name}.wall_per_entity_max`, Math.max(...wall), 'µs');
  figure(`${name}.cpu_per_entity`, median(cpu), 'µs');
  return { wall: median(wall), cpu: median(cpu) };
}

async function main() {
  const [l1, l5] = os.loadavg();
  console.log(
    `# ${new Date().toISOString()} node ${process.version}, ${
      os.cpus().length
    } CPUs, load average ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min)`,
  );
  const profiles = Array.from({ length: COUNT }, (_, i) => makeProfile(i));
  console.log(
    `# ${COUNT.toLocaleString('en-GB')} synthetic profiles, ${
      mojIctSecurityPolicy.statements.length
    } statements; ${PASSES} interleaved passes per arm after one warm-up each`,
  );

  prepareEvaluation(mojIctSecurityPolicy);
  const options = { asOf: AS_OF, dueSoonWindow: 'P30D' };
  const ours = () => {
    for (const p of profiles) evaluate(p, mojIctSecurityPolicy, options);
  };

  const store = new InMemoryFactStore();
  const extract = () => {
    for (const p of profiles) store.put(p.entityRef, profileFacts(p));
  };
  extract();
  const { checker, warnings } = peerChecker(AS_OF, store);
  let peerPassed = 0;
  let peerChecks = 0;
  const peer = async () => {
    peerPassed = 0;
    peerChecks = 0;
    for (const p of profiles) {
      for (const r of await checker.runChecks(p.entityRef)) {
        peerChecks++;
        if (r.result) peerPassed++;
      }
    }
  };

  // Warm-up (JIT), then interleaved passes so load changes hit both arms.
  await timed(ours);
  await timed(peer);
  const oursPasses: Pass[] = [];
  const peerPasses: Pass[] = [];
  const extractPasses: Pass[] = [];
  for (let i = 0; i < PASSES; i++) {
    oursPasses.push(await timed(ours));
    extractPasses.push(await timed(extract));
    peerPasses.push(await timed(peer));
  }

  let oursMet = 0;
  let oursScored = 0;
  for (const p of profiles) {
    for (const r of evaluate(p, mojIctSecurityPolicy, options).results) {
      if (r.status === 'not-applicable' || r.status === 'not-scored') continue;
      oursScored++;
      if (
        r.status === 'met' ||
        r.status === 'due-soon' ||
        r.status === 'excepted'
      )
        oursMet++;
    }
  }

  const o = report('itsec.evaluate', oursPasses, '< 20 µs');
  const f = report('techinsights.fact_extraction', extractPasses);
  const c = report('techinsights.jsonfc_run_checks', peerPasses);
  figure('ratio.jsonfc_checker_over_itsec.wall', c.wall / o.wall, 'x');
  figure(
    'ratio.jsonfc_with_extraction_over_itsec.wall',
    (c.wall + f.wall) / o.wall,
    'x',
  );
  figure('ratio.jsonfc_checker_over_itsec.cpu', c.cpu / o.cpu, 'x');
  console.log(
    `# itsec: ${oursScored / COUNT} applicable statements per entity, ${(
      (100 * oursMet) /
      oursScored
    ).toFixed(1)}% met, due soon or excepted`,
  );
  console.log(
    `# jsonfc: ${peerChecks / COUNT} checks per entity, ${(
      (100 * peerPassed) /
      peerChecks
    ).toFixed(1)}% passed (statements that do not apply pass)`,
  );
  if (warnings.length)
    console.log(
      `# jsonfc logged ${warnings.length} warnings, first: ${warnings[0]}`,
    );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
