import { ROLE_IDS, SecurityProfile } from '@internal/plugin-itsec-common';
import type {
  ItsecStore,
  StoredResult,
  StoredResultWithProfile,
} from '../database/types';
import type { MyIdentity } from './myWork';

/** Profiles read per query while building. */
const CHUNK = 1000;

interface Snapshot {
  /** Entity refs by lowercase owner ref. */
  byOwner: Map<string, string[]>;
  /** Entity refs by lowercase ref of a user holding a role on them. */
  byHolder: Map<string, string[]>;
  titles: Map<string, string>;
  /** How many stored results it was built from. */
  results: number;
}

function lower(v: string) {
  return v.toLocaleLowerCase('en-US');
}

function add(map: Map<string, string[]>, key: string, ref: string) {
  const list = map.get(key);
  if (!list) map.set(key, [ref]);
  else if (list[list.length - 1] !== ref) list.push(ref);
}

function emptySnapshot(results: number): Snapshot {
  return {
    byOwner: new Map(),
    byHolder: new Map(),
    titles: new Map(),
    results,
  };
}

function addResult(snapshot: Snapshot, row: StoredResult) {
  if (row.owner) add(snapshot.byOwner, lower(row.owner), row.entityRef);
  if (row.title) snapshot.titles.set(row.entityRef, row.title);
}

function addRoles(snapshot: Snapshot, ref: string, profile: SecurityProfile) {
  for (const role of ROLE_IDS) {
    for (const holder of profile.roles[role] ?? [])
      add(snapshot.byHolder, lower(holder.ref), ref);
  }
}

/**
 * Who relates to which entity, for the "my" views: the entities each owner
 * owns and those on which each user holds a security role (own or
 * inherited), with their titles. Built from the stored profiles once per
 * results generation (which any instance's write changes), so that a request
 * reads the caller's few entities instead of every profile. {@link warm}
 * builds it ahead of requests (at start-up and after each full evaluation);
 * a request arriving mid-build shares that build, and while a newer
 * generation is being built, the previous index answers (unless it was
 * built from no results at all).
 */
export class MyWorkIndex {
  private snapshot?: { generation: string; value: Snapshot };
  private loading?: {
    generation: string;
    id: symbol;
    value: Promise<Snapshot>;
  };

  constructor(private readonly store: ItsecStore) {}

  private async current(): Promise<Snapshot> {
    const generation = await this.store.getResultsGeneration();
    if (this.snapshot?.generation === generation) return this.snapshot.value;
    const building = this.rebuild(generation);
    // Until it is built, the previous snapshot answers: who owns or holds a
    // role on what rarely changes between runs, and each entity's data is
    // read fresh. An index of no results (before the first evaluation) would
    // only tell everyone they have nothing, so then the request waits.
    const previous = this.snapshot?.value;
    if (!previous || previous.results === 0) return building;
    // Nobody waits for this build: a failure is for the next request to retry.
    building.catch(() => undefined);
    return previous;
  }

  /**
   * Builds the index of the latest results generation now, unless it is
   * built or being built: called in the background so that requests do not
   * wait. Rejects when the build fails (the next request tries again).
   * `evaluated` (a full evaluation's results, just written) is used instead
   * of reading every profile back when the stored results are still exactly
   * those (same refs and hashes).
   */
  async warm(evaluated?: readonly StoredResultWithProfile[]): Promise<void> {
    const generation = await this.store.getResultsGeneration();
    if (this.snapshot?.generation === generation) return;
    await this.rebuild(
      generation,
      evaluated && (() => this.fromEvaluated(generation, evaluated)),
    );
  }

  /** The index of `evaluated` if the store holds just them at `generation`. */
  private async fromEvaluated(
    generation: string,
    evaluated: readonly StoredResultWithProfile[],
  ): Promise<Snapshot> {
    const stored = await this.store.getResultHashes();
    // A write since `generation` was read: what is stored may be newer.
    const unchanged =
      stored.size === evaluated.length &&
      evaluated.every(r => stored.get(r.entityRef) === r.hash) &&
      (await this.store.getResultsGeneration()) === generation;
    if (!unchanged) return this.build();
    const snapshot = emptySnapshot(evaluated.length);
    const sorted = [...evaluated].sort((a, b) =>
      a.entityRef < b.entityRef ? -1 : 1,
    );
    for (const r of sorted) {
      addResult(snapshot, r);
      addRoles(snapshot, r.entityRef, r.profile);
    }
    return snapshot;
  }

  private rebuild(
    generation: string,
    build: () => Promise<Snapshot> = () => this.build(),
  ): Promise<Snapshot> {
    if (this.loading?.generation === generation) return this.loading.value;
    // Settled before any caller sees the outcome, so that a failed build is
    // never handed to the next caller.
    const id = Symbol(generation);
    const settle = (built?: { generation: string; value: Snapshot }) => {
      // A build started later (for a newer generation) wins.
      if (this.loading?.id !== id) return;
      this.loading = undefined;
      if (built) this.snapshot = built;
    };
    this.loading = {
      generation,
      id,
      value: build().then(
        built => {
          settle({ generation, value: built });
          return built;
        },
        error => {
          settle();
          throw error;
        },
      ),
    };
    return this.loading.value;
  }

  private async build(): Promise<Snapshot> {
    const rows = await this.store.listResults();
    const snapshot = emptySnapshot(rows.length);
    for (const row of rows) addResult(snapshot, row);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const refs = rows.slice(i, i + CHUNK).map(r => r.entityRef);
      for (const r of await this.store.getResultsWithProfile(refs))
        addRoles(snapshot, r.entityRef, r.profile);
    }
    return snapshot;
  }

  /**
   * The entities the caller owns (through any of their ownership refs) or
   * holds a role on, as of the latest stored results.
   */
  async entityRefsOf(me: MyIdentity): Promise<string[]> {
    const { byOwner, byHolder } = await this.current();
    const refs = new Set(byHolder.get(lower(me.userEntityRef)) ?? []);
    for (const owner of me.ownershipEntityRefs) {
      for (const ref of byOwner.get(lower(owner)) ?? []) refs.add(ref);
    }
    return [...refs];
  }

  /** The titles of those of `refs` that have one. */
  async titles(refs: string[]): Promise<Map<string, string>> {
    const { titles } = await this.current();
    const out = new Map<string, string>();
    for (const ref of refs) {
      const title = titles.get(ref);
      if (title) out.set(ref, title);
    }
    return out;
  }
}
