import {
  PortfolioDomainGroup,
  PortfolioGroupRollup,
  PortfolioGroups,
  PortfolioSystemGroup,
  STATEMENT_STATUSES,
  STATEMENT_STATUSES_WORST_FIRST,
  StatementStatus,
} from '@internal/plugin-itsec-common';
import type { StoredResult } from '../database/types';
import { countsFromArray, statusIndexOfCode } from './statusCodec';

type Row = Pick<
  StoredResult,
  'entityRef' | 'kind' | 'system' | 'domain' | 'score' | 'statuses'
>;

const N_STATUSES = STATEMENT_STATUSES.length;
/** Rank in worst-first order of each status, by its index in STATEMENT_STATUSES. */
const RANK = STATEMENT_STATUSES.map(s =>
  STATEMENT_STATUSES_WORST_FIRST.indexOf(s),
);
const GAP = STATEMENT_STATUSES.indexOf('gap');

/** Running totals of one group while the rows are read. */
class Accumulator {
  entities = 0;
  scoreSum = 0;
  scored = 0;
  readonly counts = new Float64Array(N_STATUSES);
  /** Per scope position: the worst status index seen (-1: none). */
  readonly worst: Int8Array;
  readonly gapsAt: Uint32Array;

  constructor(readonly size: number) {
    this.worst = new Int8Array(size).fill(-1);
    this.gapsAt = new Uint32Array(size);
  }

  add(r: Row, scope: readonly number[]): void {
    this.entities++;
    if (r.score !== null) {
      this.scoreSum += r.score;
      this.scored++;
    }
    const s = r.statuses;
    for (let k = 0; k < scope.length; k++) {
      const idx = statusIndexOfCode(s.charCodeAt(scope[k]));
      if (idx < 0) continue;
      this.counts[idx]++;
      if (idx === GAP) this.gapsAt[k]++;
      const w = this.worst[k];
      if (w < 0 || RANK[idx] < RANK[w]) this.worst[k] = idx;
    }
  }

  rollup(ids: readonly string[]): PortfolioGroupRollup {
    const statuses: Record<string, StatementStatus> = {};
    const gapsByStatement: Record<string, number> = {};
    for (let k = 0; k < ids.length; k++) {
      if (this.worst[k] >= 0)
        statuses[ids[k]] = STATEMENT_STATUSES[this.worst[k]];
      if (this.gapsAt[k] > 0) gapsByStatement[ids[k]] = this.gapsAt[k];
    }
    return {
      entities: this.entities,
      score: this.scored > 0 ? Math.round(this.scoreSum / this.scored) : null,
      gaps: this.counts[GAP],
      counts: countsFromArray(this.counts),
      statuses,
      gapsByStatement,
    };
  }
}

/** Named groups first, by ref; the "none" group last. */
function byRef(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return a < b ? -1 : 1;
}

/**
 * Groups rows Domain → System → the System's parts, rolling each group up
 * over its members: entities, mean score over those with one, and per status
 * and statement over the `scope` positions (the lens). A System is a member
 * of its own group; a Domain is never a member (only scored kinds are passed
 * in), so its row is the roll-up of its Systems' members. Entities without a
 * System or Domain are grouped under `null`. Only groups with members appear.
 */
export function groupPortfolio(
  rows: readonly Row[],
  options: {
    statementIds: readonly string[];
    scope: readonly number[];
    titleOf: (ref: string) => string | undefined;
  },
): PortfolioGroups {
  const { scope, statementIds, titleOf } = options;
  const ids = scope.map(i => statementIds[i]);
  const domains = new Map<
    string,
    { acc: Accumulator; systems: Map<string, Accumulator> }
  >();
  for (const r of rows) {
    const system =
      r.system ??
      (r.kind.toLocaleLowerCase('en-US') === 'system' ? r.entityRef : '');
    const domainKey = r.domain ?? '';
    let d = domains.get(domainKey);
    if (!d) {
      d = { acc: new Accumulator(scope.length), systems: new Map() };
      domains.set(domainKey, d);
    }
    let sys = d.systems.get(system);
    if (!sys) {
      sys = new Accumulator(scope.length);
      d.systems.set(system, sys);
    }
    d.acc.add(r, scope);
    sys.add(r, scope);
  }
  const out: PortfolioDomainGroup[] = [...domains.entries()]
    .sort(([a], [b]) => byRef(a, b))
    .map(([domain, d]) => ({
      domain: domain || null,
      ...d.acc.rollup(ids),
      systems: [...d.systems.entries()]
        .sort(([a], [b]) => byRef(a, b))
        .map(([system, acc]): PortfolioSystemGroup => {
          const title = system ? titleOf(system) : undefined;
          return {
            system: system || null,
            ...(title ? { title } : {}),
            ...acc.rollup(ids),
          };
        }),
    }));
  return { total: rows.length, domains: out };
}
