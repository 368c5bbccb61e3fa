import {
  History,
  HistoryPoint,
  PolicyCatalogue,
  PortfolioGroups,
  PortfolioPage,
  PortfolioRow,
  PortfolioSort,
  PortfolioSummary,
  STATEMENT_STATUSES,
  StatementStatus,
  addDays,
  isScoredKind,
} from '@internal/plugin-itsec-common';
import { ItsecStore, StoredResult } from '../database/types';
import { PORTFOLIO_SCOPE, ownerScope } from './ItsecEvaluator';
import { markDemo } from './demoHistory';
import { groupPortfolio } from './PortfolioIndexGroups';
import {
  addCountsInto,
  countsFromArray,
  countsOf,
  statusChar,
  statusIndexOfCode,
  unpackCounts,
  unpackStatuses,
} from './statusCodec';

/** One row of the in-memory index: a stored result without its profile. */
interface IndexedRow extends StoredResult {
  /** Lowercase entity ref and title, for free-text search. */
  search: string;
}

/**
 * Normalised filter: every list lowercased (except statement ids), empty lists
 * dropped. In `system` and `domain`, '' stands for "none".
 */
export interface NormalisedFilter {
  owner?: Set<string>;
  system?: Set<string>;
  domain?: Set<string>;
  kind?: Set<string>;
  classification?: Set<string>;
  statement?: string[];
  status?: StatementStatus[];
  q?: string;
  /**
   * The lens's statement ids: statement and status filters, counts and
   * statuses only look at these. Absent: every statement.
   */
  lens?: string[];
}

const GAP_CHAR = statusChar('gap');
const N_STATUSES = STATEMENT_STATUSES.length;

function mean(sum: number, n: number): number | null {
  return n > 0 ? Math.round(sum / n) : null;
}

/**
 * The latest results of the whole portfolio, held in memory and reloaded when
 * any instance writes results (the store's generation changes). Filtering,
 * sorting and aggregation run over packed status strings.
 */
export class PortfolioIndex {
  private rows: IndexedRow[] = [];
  private byRef = new Map<string, IndexedRow>();
  private generation?: string;
  private loading?: Promise<void>;
  private readonly summaryCache = new Map<string, PortfolioSummary>();
  private readonly statementIndex: Map<string, number>;
  private readonly statementIds: string[];

  constructor(private readonly store: ItsecStore, policy: PolicyCatalogue) {
    this.statementIds = policy.statements.map(s => s.id);
    this.statementIndex = new Map(this.statementIds.map((id, i) => [id, i]));
  }

  /** Drops the cache (e.g. after this instance wrote). */
  invalidate(): void {
    this.generation = undefined;
  }

  private async ensureFresh(): Promise<void> {
    // A load already under way may be of an older generation than the one
    // this caller saw (a write landed meanwhile): wait for it, then load again
    // rather than answer from rows that miss the write.
    for (let attempt = 0; attempt < 3; attempt++) {
      const generation = await this.store.getResultsGeneration();
      if (generation === this.generation) return;
      if (!this.loading) {
        this.loading = (async () => {
          const rows = await this.store.listResults();
          this.rows = rows.map(r => ({
            ...r,
            search: `${r.entityRef} ${r.title ?? ''}`.toLocaleLowerCase(
              'en-US',
            ),
          }));
          this.byRef = new Map(this.rows.map(r => [r.entityRef, r]));
          this.summaryCache.clear();
          this.generation = generation;
        })().finally(() => {
          this.loading = undefined;
        });
      }
      await this.loading;
    }
  }

  async has(entityRef: string): Promise<boolean> {
    await this.ensureFresh();
    return this.byRef.has(entityRef);
  }

  /** Refs of entities that inherit from `ref` (its components, a domain's systems...). */
  async descendantsOf(ref: string): Promise<string[]> {
    await this.ensureFresh();
    return this.rows
      .filter(r => r.system === ref || r.domain === ref)
      .map(r => r.entityRef);
  }

  statementIdsOf(): string[] {
    return this.statementIds;
  }

  /** Positions of the lens's statements; undefined for every statement. */
  private scopeOf(filter: NormalisedFilter): number[] | undefined {
    return filter.lens
      ?.map(id => this.statementIndex.get(id))
      .filter((i): i is number => i !== undefined);
  }

  private matcher(filter: NormalisedFilter): (r: IndexedRow) => boolean {
    const { owner, system, domain, kind, classification, q } = filter;
    const scope = this.scopeOf(filter);
    const inScope = scope ? new Set(scope) : undefined;
    const positions = (filter.statement ?? [])
      .map(id => this.statementIndex.get(id))
      .filter((i): i is number => i !== undefined)
      .filter(i => !inScope || inScope.has(i));
    const statusChars = new Set((filter.status ?? []).map(statusChar));
    const byStatement = (filter.statement ?? []).length > 0;
    const anyStatus = statusChars.size > 0;
    if (byStatement && positions.length === 0) return () => false;
    return r => {
      if (owner && !owner.has(r.owner ?? 'unowned')) return false;
      if (system && !(system.has(systemOf(r)) || system.has(r.entityRef)))
        return false;
      if (domain && !(domain.has(r.domain ?? '') || domain.has(r.entityRef)))
        return false;
      if (kind && !kind.has(r.kind)) return false;
      if (classification) {
        const c = classificationKey(r);
        const tier = r.classification?.toLocaleLowerCase('en-US') ?? 'none';
        if (!classification.has(c) && !classification.has(tier)) return false;
      }
      if (q && !r.search.includes(q)) return false;
      if (byStatement) {
        let ok = false;
        for (const p of positions) {
          const c = r.statuses[p];
          if (anyStatus ? statusChars.has(c) : c === GAP_CHAR) {
            ok = true;
            break;
          }
        }
        if (!ok) return false;
      } else if (anyStatus && scope) {
        let ok = false;
        for (const p of scope) {
          if (statusChars.has(r.statuses[p])) {
            ok = true;
            break;
          }
        }
        if (!ok) return false;
      } else if (anyStatus) {
        let ok = false;
        for (let i = 0; i < r.statuses.length; i++) {
          if (statusChars.has(r.statuses[i])) {
            ok = true;
            break;
          }
        }
        if (!ok) return false;
      }
      return true;
    };
  }

  private async filtered(filter: NormalisedFilter): Promise<IndexedRow[]> {
    await this.ensureFresh();
    const match = this.matcher(filter);
    return this.rows.filter(match);
  }

  /**
   * A row as the API sends it; with `scope` (lens positions), its counts and
   * statuses are those of the lens's statements only.
   */
  toPortfolioRow(
    r: StoredResult,
    evaluatedAtFloor?: string,
    scope?: number[],
  ): PortfolioRow {
    const statuses = scope ? pick(r.statuses, scope) : r.statuses;
    return {
      entityRef: r.entityRef,
      kind: r.kind,
      ...(r.title ? { title: r.title } : {}),
      ...(r.owner ? { owner: r.owner } : {}),
      ...(r.system ? { system: r.system } : {}),
      ...(r.domain ? { domain: r.domain } : {}),
      ...(r.classification ? { classification: r.classification } : {}),
      score: r.score,
      counts: countsOf(statuses),
      statuses: scope
        ? unpackStatuses(
            statuses,
            scope.map(i => this.statementIds[i]),
          )
        : unpackStatuses(statuses, this.statementIds),
      evaluatedAt:
        evaluatedAtFloor && evaluatedAtFloor > r.evaluatedAt
          ? evaluatedAtFloor
          : r.evaluatedAt,
    };
  }

  async page(options: {
    filter: NormalisedFilter;
    sort: PortfolioSort;
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
    evaluatedAtFloor?: string;
  }): Promise<PortfolioPage> {
    const rows = await this.filtered(options.filter);
    const scope = this.scopeOf(options.filter);
    const dir = options.order === 'asc' ? 1 : -1;
    const byName = (a: IndexedRow, b: IndexedRow) =>
      compareText(a.entityRef, b.entityRef);
    let compare: (a: IndexedRow, b: IndexedRow) => number;
    switch (options.sort) {
      case 'score':
        // Entities without a score sort after every scored one either way.
        compare = (a, b) => {
          if (a.score === b.score) return byName(a, b);
          if (a.score === null) return 1;
          if (b.score === null) return -1;
          return dir * (a.score - b.score);
        };
        break;
      case 'name':
        compare = (a, b) => dir * byName(a, b);
        break;
      case 'owner':
        compare = (a, b) => {
          const x = a.owner ?? '';
          const y = b.owner ?? '';
          return x === y ? byName(a, b) : dir * (x < y ? -1 : 1);
        };
        break;
      case 'evaluatedAt':
        compare = (a, b) =>
          a.evaluatedAt === b.evaluatedAt
            ? byName(a, b)
            : dir * (a.evaluatedAt < b.evaluatedAt ? -1 : 1);
        break;
      case 'gaps':
      default: {
        // Under a lens, the gaps among its statements, counted once per row.
        const gapsOf = scope
          ? new Map(rows.map(r => [r, countGaps(r.statuses, scope)]))
          : undefined;
        const gaps = (r: IndexedRow) => gapsOf?.get(r) ?? r.gaps;
        compare = (a, b) => {
          const x = gaps(a);
          const y = gaps(b);
          return x === y ? byName(a, b) : dir * (x - y);
        };
        break;
      }
    }
    const end = options.offset + options.limit;
    // Partial selection would be faster for small pages; a full sort of 50k rows is ~20 ms.
    const sorted = rows.slice().sort(compare);
    return {
      total: rows.length,
      offset: options.offset,
      limit: options.limit,
      items: sorted
        .slice(options.offset, end)
        .map(r => this.toPortfolioRow(r, options.evaluatedAtFloor, scope)),
    };
  }

  /** Every row of the filtered portfolio (exports), sorted by entity ref. */
  async all(filter: NormalisedFilter): Promise<StoredResult[]> {
    return this.filtered(filter);
  }

  /** Refs of the filtered portfolio. */
  async refs(filter: NormalisedFilter): Promise<string[]> {
    return (await this.filtered(filter)).map(r => r.entityRef);
  }

  async summary(filter: NormalisedFilter): Promise<PortfolioSummary> {
    await this.ensureFresh();
    const key = JSON.stringify(filter, (_k, v) =>
      v instanceof Set ? [...v].sort() : v,
    );
    const cached = this.summaryCache.get(key);
    if (cached) return cached;
    const rows = await this.filtered(filter);
    const nStatements = this.statementIds.length;
    const scope = this.scopeOf(filter) ?? this.statementIds.map((_id, i) => i);
    const perStatement = new Float64Array(nStatements * N_STATUSES);
    const total = new Float64Array(N_STATUSES);
    let scoreSum = 0;
    let scored = 0;
    const owners = new Map<
      string,
      {
        entities: number;
        scoreSum: number;
        scored: number;
        counts: Float64Array;
      }
    >();
    for (const r of rows) {
      const s = r.statuses;
      let o = owners.get(r.owner ?? 'unowned');
      if (!o) {
        o = {
          entities: 0,
          scoreSum: 0,
          scored: 0,
          counts: new Float64Array(N_STATUSES),
        };
        owners.set(r.owner ?? 'unowned', o);
      }
      o.entities++;
      for (let k = 0; k < scope.length; k++) {
        const i = scope[k];
        if (i >= s.length) continue;
        const idx = statusIndexOfCode(s.charCodeAt(i));
        if (idx < 0) continue;
        perStatement[i * N_STATUSES + idx]++;
        total[idx]++;
        o.counts[idx]++;
      }
      if (r.score !== null) {
        scoreSum += r.score;
        scored++;
        o.scoreSum += r.score;
        o.scored++;
      }
    }
    const summary: PortfolioSummary = {
      total: rows.length,
      score: mean(scoreSum, scored),
      counts: countsFromArray(total),
      byStatement: scope.map(i => ({
        statementId: this.statementIds[i],
        counts: countsFromArray(
          perStatement.subarray(i * N_STATUSES, (i + 1) * N_STATUSES),
        ),
      })),
      byOwner: [...owners.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([owner, o]) => ({
          owner,
          entities: o.entities,
          score: mean(o.scoreSum, o.scored),
          counts: countsFromArray(o.counts),
        })),
    };
    if (this.summaryCache.size > 100) this.summaryCache.clear();
    this.summaryCache.set(key, summary);
    return summary;
  }

  /**
   * The filtered portfolio grouped Domain → System → parts, each group with
   * the roll-up of its members (see {@link groupPortfolio}).
   */
  async groups(filter: NormalisedFilter): Promise<PortfolioGroups> {
    const rows = (await this.filtered(filter)).filter(r =>
      isScoredKind(r.kind),
    );
    const scope = this.scopeOf(filter) ?? this.statementIds.map((_id, i) => i);
    return groupPortfolio(rows, {
      statementIds: this.statementIds,
      scope,
      titleOf: ref => this.byRef.get(ref)?.title,
    });
  }

  // ------------------------------------------------------------------ history

  async entityHistory(
    entityRef: string,
    from: string,
    to: string,
  ): Promise<History> {
    const [baseline] = await this.store.getEntityHistoryBaseline(
      [entityRef],
      addDays(from, -1),
    );
    const rows = await this.store.getEntityHistory([entityRef], from, to);
    const points: HistoryPoint[] = [];
    if (baseline && (rows.length === 0 || rows[0].day > from)) {
      points.push({
        date: from,
        score: baseline.score,
        counts: countsOf(baseline.statuses),
      });
    }
    for (const r of rows) {
      points.push({
        date: r.day,
        score: r.score,
        counts: countsOf(r.statuses),
      });
    }
    return markDemo({ points }, rows, baseline ? [baseline] : []);
  }

  /**
   * History of the filtered portfolio: the stored daily summaries for the
   * whole portfolio or one owner, otherwise rebuilt from the entity history of
   * the entities that match the filter today.
   */
  async portfolioHistory(
    filter: NormalisedFilter,
    from: string,
    to: string,
  ): Promise<History> {
    const keys = Object.keys(filter);
    let scope: string | undefined;
    if (keys.length === 0) scope = PORTFOLIO_SCOPE;
    else if (keys.length === 1 && filter.owner?.size === 1) {
      scope = ownerScope([...filter.owner][0]);
    }
    if (scope) {
      const rows = await this.store.getSummaryHistory(scope, from, to);
      return markDemo(
        {
          points: rows.map(r => ({
            date: r.day < from ? from : r.day,
            score: r.score,
            counts: unpackCounts(r.counts),
            entities: r.entities,
          })),
        },
        rows,
      );
    }
    const refs = await this.refs(filter);
    const baseline = await this.store.getEntityHistoryBaseline(
      refs,
      addDays(from, -1),
    );
    const rows = await this.store.getEntityHistory(refs, from, to);
    const current = new Map<
      string,
      { score: number | null; statuses: string }
    >();
    for (const b of baseline) current.set(b.entityRef, b);
    const points: HistoryPoint[] = [];
    const emit = (date: string) => {
      const counts = new Float64Array(N_STATUSES);
      let sum = 0;
      let n = 0;
      for (const v of current.values()) {
        addCountsInto(v.statuses, counts);
        if (v.score !== null) {
          sum += v.score;
          n++;
        }
      }
      points.push({
        date,
        score: mean(sum, n),
        counts: countsFromArray(counts),
        entities: current.size,
      });
    };
    if (current.size > 0 && (rows.length === 0 || rows[0].day > from))
      emit(from);
    let i = 0;
    while (i < rows.length) {
      const day = rows[i].day;
      while (i < rows.length && rows[i].day === day) {
        current.set(rows[i].entityRef, rows[i]);
        i++;
      }
      emit(day);
    }
    return markDemo({ points }, rows, baseline);
  }
}

/** The System an entity belongs to: its own ref for a System, '' for none. */
export function systemOf(
  r: Pick<StoredResult, 'kind' | 'system' | 'entityRef'>,
): string {
  if (r.system) return r.system;
  return r.kind.toLocaleLowerCase('en-US') === 'system' ? r.entityRef : '';
}

/** The characters of a packed status string at `positions`. */
function pick(packed: string, positions: number[]): string {
  let out = '';
  for (const p of positions) out += packed[p] ?? ' ';
  return out;
}

function countGaps(packed: string, positions: number[]): number {
  let n = 0;
  for (const p of positions) if (packed[p] === GAP_CHAR) n++;
  return n;
}

function classificationKey(r: StoredResult): string {
  if (!r.classification) return 'none';
  if (r.sensitive) return 'official-sensitive';
  return r.classification.toLocaleLowerCase('en-US');
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
