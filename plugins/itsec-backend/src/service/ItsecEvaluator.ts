import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotImplementedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CODE_OF_CONNECTION_KIND,
  DEFAULT_ITSO_GROUP,
  PolicyCatalogue,
  STATEMENT_STATUSES,
  addDays,
  entityRefOf,
  indexCodesOfConnection,
  indexGroupMembership,
  isoDay,
} from '@internal/plugin-itsec-common';
import type {
  ItsecClock,
  ItsecEntityResource,
} from '@internal/plugin-itsec-node';
import {
  ItsecStore,
  RunRecord,
  StoredResultWithProfile,
  SummaryHistoryRow,
  WriteResultsOutcome,
} from '../database/types';
import type { ItsecNotifier } from '../notifications/ItsecNotifier';
import {
  ItsoOrganisation,
  ProfileResolver,
  groupByEntity,
  ownerRefOf,
  parentRefOf,
  toStoredResult,
} from './profiles';
import { addCountsInto, countsFromArray, packCounts } from './statusCodec';
import {
  DemoEntity,
  buildDemoHistoryRows,
  demoHistoryDays,
} from './demoHistory';

/** How long a write's Idempotency-Key response is kept for replay. */
const IDEMPOTENCY_KEY_RETENTION_HOURS = 24;
/** The actor recorded in the audit log for the backend's own writes. */
export const SYSTEM_ACTOR = 'plugin:itsec';

/** Scope key of an owner's summary history. */
export function ownerScope(owner: string): string {
  return `owner:${owner}`;
}

export const PORTFOLIO_SCOPE = 'portfolio';

/**
 * How long a single-entity refresh reuses the organisation (the ITSO group's
 * members, every Group's members and which Users exist) last read from the catalog: 60 seconds
 * by the itsec clock. Each full evaluation reads it afresh. So a person just
 * added to an owning team (or removed from the ITSO group) is seen by every
 * evaluation that starts this long or more after the catalog shows the
 * change: no evaluation counts their Accreditor or IAO approval for longer
 * than this bound (plus the catalog's own processing delay).
 */
export const ORGANISATION_MAX_AGE_MS = 60_000;

/**
 * Reads entities from the catalog, builds their profiles with the portal's
 * attestations and exceptions, evaluates and stores them.
 */
export class ItsecEvaluator {
  private readonly kinds: ReadonlySet<string>;
  /** The last organisation read (or the one in flight), by clock time of its start. */
  private organisationRead?: {
    startedAt: number;
    value: Promise<ItsoOrganisation>;
  };
  private readonly fullEvaluationListeners: Array<
    (results: readonly StoredResultWithProfile[]) => void
  > = [];

  constructor(
    private readonly options: {
      store: ItsecStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      clock: ItsecClock;
      policy: PolicyCatalogue;
      kinds: string[];
      dueSoonWindow: string;
      historyRetentionDays: number;
      /** Told about every write of results, to notify transitions. */
      notifier?: ItsecNotifier;
      /** `itsec.itsoGroup`; default group:default/itso. */
      itsoGroup?: string;
    },
  ) {
    this.kinds = new Set(options.kinds.map(k => k.toLocaleLowerCase('en-US')));
  }

  isScoredKind(kind: string): boolean {
    return this.kinds.has(kind.toLocaleLowerCase('en-US'));
  }

  private async credentials() {
    return { credentials: await this.options.auth.getOwnServiceCredentials() };
  }

  /** Every entity of the given kinds, in pages when the catalog supports it. */
  private async fetchEntities(
    kinds: string[],
    fields?: string[],
  ): Promise<Entity[]> {
    const { catalog } = this.options;
    const opts = await this.credentials();
    const filter = { kind: kinds };
    try {
      const out: Entity[] = [];
      for await (const page of catalog.streamEntities(
        { filter, fields, pageSize: 2000 },
        opts,
      )) {
        out.push(...page);
      }
      return out;
    } catch (error) {
      if (
        !(error instanceof NotImplementedError) &&
        (error as Error)?.name !== 'NotImplementedError'
      ) {
        throw error;
      }
      // Catalogs without cursor queries (e.g. the in-memory test catalog).
      const { items } = await catalog.getEntities({ filter, fields }, opts);
      return items;
    }
  }

  /** The ITSO group and its members (its `hasMember` relations), from the catalog. */
  private async organisation(): Promise<ItsoOrganisation> {
    const itsoGroup = (
      this.options.itsoGroup ?? DEFAULT_ITSO_GROUP
    ).toLocaleLowerCase('en-US');
    const [[group], groups, users] = await Promise.all([
      this.fetchByRefs([itsoGroup]),
      // Owning groups' members, for the Accreditor's and IAO's independence.
      this.fetchEntities(['group']),
      // Only the refs: a role holder who is not a User does not count.
      this.fetchEntities(
        ['user'],
        ['kind', 'metadata.name', 'metadata.namespace'],
      ),
    ]);
    return {
      itsoGroup,
      itsoGroupMembers: group?.relations
        ?.filter(r => r.type === 'hasMember')
        .map(r => r.targetRef.toLocaleLowerCase('en-US')),
      groupMembership: indexGroupMembership(groups, { authoritative: true }),
      // A catalog without any User has no directory loaded: who exists is
      // then not known (as offline), rather than nobody.
      users: users.length
        ? new Set(users.map(u => entityRefOf(u).toLocaleLowerCase('en-US')))
        : undefined,
    };
  }

  /**
   * The organisation, read at most once per {@link ORGANISATION_MAX_AGE_MS}:
   * `fresh` (a full evaluation) always starts a new read. Concurrent callers
   * share one read; a failed read is forgotten, so the next caller retries.
   */
  private sharedOrganisation(fresh: boolean): Promise<ItsoOrganisation> {
    const now = this.options.clock.now().getTime();
    const last = this.organisationRead;
    const age = last ? now - last.startedAt : Infinity;
    // A clock set back (age < 0) does not extend the bound.
    if (last && !fresh && age >= 0 && age < ORGANISATION_MAX_AGE_MS)
      return last.value;
    const read = { startedAt: now, value: this.organisation() };
    this.organisationRead = read;
    read.value.catch(() => {
      if (this.organisationRead === read) this.organisationRead = undefined;
    });
    return read.value;
  }

  /**
   * Calls `listener` with the results of each full evaluation once they are
   * stored (the listener starts its own work; the evaluation does not wait
   * for it).
   */
  onFullEvaluation(
    listener: (results: readonly StoredResultWithProfile[]) => void,
  ): void {
    this.fullEvaluationListeners.push(listener);
  }

  private async fetchByRefs(refs: string[]): Promise<Entity[]> {
    if (refs.length === 0) return [];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      await this.credentials(),
    );
    return items.filter((e): e is Entity => Boolean(e));
  }

  private async portalRecords(refs?: Iterable<string>) {
    const { store } = this.options;
    if (!refs) {
      const [attestations, exceptions] = await Promise.all([
        store.listAttestations({}),
        store.listExceptions({}),
      ]);
      return {
        attestations: groupByEntity(attestations),
        exceptions: groupByEntity(exceptions),
      };
    }
    const attestations = [];
    const exceptions = [];
    for (const ref of new Set(refs)) {
      attestations.push(...(await store.listAttestations({ entityRef: ref })));
      exceptions.push(...(await store.listExceptions({ entityRef: ref })));
    }
    return {
      attestations: groupByEntity(attestations),
      exceptions: groupByEntity(exceptions),
    };
  }

  /**
   * Notifies the transitions of results just written (against the statuses
   * the write replaced). A failure is logged: it never fails the evaluation.
   */
  private async notifyTransitions(
    results: StoredResultWithProfile[],
    outcome: WriteResultsOutcome,
    asOf: string,
  ): Promise<void> {
    const { notifier, logger } = this.options;
    if (!notifier?.enabled) return;
    try {
      const sent = await notifier.afterWrite({
        asOf,
        results,
        previous: outcome.previous,
      });
      if (sent > 0) logger.info(`itsec notifications: ${sent} sent`);
    } catch (error) {
      logger.error('itsec notifications failed', error as Error);
    }
  }

  /** Marks requested and approved exceptions past their expiry as expired (audited). */
  async expireExceptions(asOf: string): Promise<number> {
    const { store } = this.options;
    let expired = 0;
    for (const state of ['requested', 'approved'] as const) {
      for (const e of await store.listExceptions({ state })) {
        if (e.expiresOn >= asOf) continue;
        const done = await store.transitionException(
          { id: e.id, from: [state], to: 'expired' },
          {
            actor: SYSTEM_ACTOR,
            action: 'exception.expire',
            outcome: 'allowed',
            entityRef: e.entityRef,
            subjectId: e.id,
          },
        );
        if (done) expired++;
      }
    }
    return expired;
  }

  /**
   * The catalog entities a full evaluation reads, and their profiles with
   * every portal record; with `freshOrganisation`, a new organisation read.
   */
  private async loadPortfolio(freshOrganisation: boolean) {
    const fetchKinds = new Set([...this.kinds, 'system', 'domain']);
    const entities = await this.fetchEntities([
      ...[...fetchKinds],
      CODE_OF_CONNECTION_KIND.toLocaleLowerCase('en-US'),
    ]);
    const cocs = indexCodesOfConnection(entities);
    const records = await this.portalRecords();
    const resolver = new ProfileResolver(
      entities,
      cocs,
      records,
      this.options.policy,
      await this.sharedOrganisation(freshOrganisation),
    );
    return { entities, resolver };
  }

  /**
   * Demo only (`itsec.demo.buildHistory`): builds weekly history for the
   * year before the first day of recorded history, by evaluating today's
   * catalog and portal records as they stood on each of those days. Does
   * nothing when every entity with a stored result already has demo history,
   * so it runs once per catalog; when the catalog has grown since (it was
   * still loading on the first run), the demo history is built again.
   * Returns the rows written.
   */
  async buildDemoHistory(): Promise<number> {
    const { store, clock, policy, dueSoonWindow, logger } = this.options;
    // Cheap check first: the stored results are the scored entities.
    const covered = await store.getDemoHistoryEntities();
    const stored = await store.listResults();
    if (stored.every(r => covered.has(r.entityRef))) return 0;
    const { entities, resolver } = await this.loadPortfolio(false);
    const scored = new Map<string, DemoEntity>();
    for (const entity of entities) {
      if (!this.isScoredKind(String(entity.kind ?? ''))) continue;
      const profile = resolver.profile(entityRefOf(entity));
      if (profile && !scored.has(profile.entityRef))
        scored.set(profile.entityRef, { profile, owner: ownerRefOf(entity) });
    }
    const firstDay =
      (await store.getFirstRecordedHistoryDay()) ?? isoDay(clock.now());
    const days = demoHistoryDays(firstDay);
    const written = await store.replaceDemoHistory(
      buildDemoHistoryRows({
        entities: [...scored.values()],
        days,
        policy,
        dueSoonWindow,
      }),
    );
    logger.info(
      `itsec demo history: ${written} rows for ${
        scored.size
      } entities, weekly from ${days[0]} to ${
        days[days.length - 1]
      } (itsec.demo.buildHistory)`,
    );
    return written;
  }

  /** The scheduled job: evaluates every entity of the configured kinds. */
  async runFull(): Promise<RunRecord> {
    const { store, logger, clock, policy, dueSoonWindow } = this.options;
    const startedAt = clock.now();
    const asOf = isoDay(startedAt);
    const evaluatedAt = startedAt.toISOString();
    await this.expireExceptions(asOf);

    const { entities, resolver } = await this.loadPortfolio(true);

    const results: StoredResultWithProfile[] = [];
    const seen = new Set<string>();
    for (const entity of entities) {
      const kind = String(entity.kind ?? '').toLocaleLowerCase('en-US');
      if (!this.kinds.has(kind)) continue;
      const ref = entityRefOf(entity);
      if (seen.has(ref)) continue;
      seen.add(ref);
      const built = toStoredResult({
        entity,
        resolver,
        policy,
        asOf,
        dueSoonWindow,
        evaluatedAt,
      });
      if (built) results.push(built.result);
    }

    const outcome = await store.writeResults({
      results,
      day: asOf,
      keepOnly: seen,
    });
    await this.notifyTransitions(results, outcome, asOf);
    if (this.options.notifier?.enabled) {
      try {
        await this.options.notifier.afterRun();
      } catch (error) {
        logger.error('itsec notification retries failed', error as Error);
      }
    }
    await store.writeSummaries(
      summariesOf(results, asOf),
      scope => scope === PORTFOLIO_SCOPE,
    );
    const cutoffDay = addDays(asOf, -this.options.historyRetentionDays);
    const pruned = await store.pruneHistory(cutoffDay);
    // A client retries a write with its Idempotency-Key within hours; a key
    // kept forever would only grow the table.
    await store.pruneIdempotentResponses(
      new Date(
        clock.now().getTime() - IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000,
      ).toISOString(),
    );

    const run: RunRecord = {
      startedAt: evaluatedAt,
      finishedAt: clock.now().toISOString(),
      asOf,
      entities: results.length,
      written: outcome.written,
      removed: outcome.removed,
      historyRows: outcome.historyRows,
    };
    await store.recordRun(run);
    logger.info(
      `itsec evaluation: ${results.length} entities as of ${asOf}, ${outcome.written} written, ` +
        `${outcome.removed} removed, ${outcome.historyRows} history rows, ${pruned} pruned`,
    );
    for (const listener of this.fullEvaluationListeners) {
      try {
        listener(results);
      } catch (error) {
        logger.error(
          'itsec: a full evaluation listener failed',
          error as Error,
        );
      }
    }
    return run;
  }

  /**
   * The entities with their ancestors (System, Domain, parent Domains), by
   * lowercase ref. The walk up stops after 8 levels, which also cuts cycles.
   */
  private async fetchWithAncestors(
    refs: string[],
  ): Promise<Map<string, Entity>> {
    const entities = await this.fetchByRefs(refs);
    const byRef = new Map(entities.map(e => [entityRefOf(e), e]));
    let frontier = entities;
    for (let depth = 0; depth < 8 && frontier.length > 0; depth++) {
      const parents = frontier
        .map(parentRefOf)
        .filter((r): r is string => Boolean(r) && !byRef.has(r!));
      const fetched = await this.fetchByRefs([...new Set(parents)]);
      for (const e of fetched) byRef.set(entityRefOf(e), e);
      frontier = fetched;
    }
    return byRef;
  }

  /**
   * Re-evaluates the given entities now, with the entities that inherit from
   * them. Returns the refs that were found in the catalog.
   */
  async refresh(
    refs: string[],
    descendants: string[] = [],
  ): Promise<Set<string>> {
    const { store, clock, policy, dueSoonWindow } = this.options;
    const now = clock.now();
    const asOf = isoDay(now);
    const targets = [...new Set([...refs, ...descendants])];
    const byRef = await this.fetchWithAncestors(targets);
    const cocEntities = (
      await this.options.catalog.getEntities(
        { filter: { kind: CODE_OF_CONNECTION_KIND } },
        await this.credentials(),
      )
    ).items;
    const cocs = indexCodesOfConnection(cocEntities);
    const records = await this.portalRecords(byRef.keys());
    const resolver = new ProfileResolver(
      byRef.values(),
      cocs,
      records,
      this.options.policy,
      await this.sharedOrganisation(false),
    );
    const results: StoredResultWithProfile[] = [];
    for (const ref of targets) {
      const entity = byRef.get(ref);
      if (!entity || !this.isScoredKind(String(entity.kind))) continue;
      const built = toStoredResult({
        entity,
        resolver,
        policy,
        asOf,
        dueSoonWindow,
        evaluatedAt: now.toISOString(),
      });
      if (built) results.push(built.result);
    }
    const outcome = await store.writeResults({ results, day: asOf });
    await this.notifyTransitions(results, outcome, asOf);
    return new Set(refs.filter(r => byRef.has(r)));
  }

  /**
   * The permission resource of an entity: its owner and resolved profile,
   * straight from the catalog (also for kinds that are not scored).
   */
  async loadResources(
    refs: string[],
  ): Promise<Array<ItsecEntityResource | undefined>> {
    const byRef = await this.fetchWithAncestors(refs);
    const resolver = new ProfileResolver(
      byRef.values(),
      new Map(),
      { attestations: new Map(), exceptions: new Map() },
      this.options.policy,
    );
    return refs.map(ref => {
      const key = ref.toLocaleLowerCase('en-US');
      const entity = byRef.get(key);
      const profile = resolver.profile(key);
      if (!entity || !profile) return undefined;
      const lineage = [key, ...resolver.ancestors(key)].flatMap(r => {
        const p = resolver.profile(r);
        return p
          ? [{ entityRef: p.entityRef, kind: p.kind, roles: p.roles }]
          : [];
      });
      return { entityRef: key, owner: ownerRefOf(entity), profile, lineage };
    });
  }
}

/** Daily portfolio summary and per-owner summaries of a set of results. */
export function summariesOf(
  results: Array<{ owner?: string; score: number | null; statuses: string }>,
  day: string,
): SummaryHistoryRow[] {
  type Acc = {
    entities: number;
    scoreSum: number;
    scored: number;
    counts: number[];
  };
  const make = (): Acc => ({
    entities: 0,
    scoreSum: 0,
    scored: 0,
    counts: new Array(STATEMENT_STATUSES.length).fill(0),
  });
  const all = make();
  const byOwner = new Map<string, Acc>();
  const add = (acc: Acc, r: { score: number | null; statuses: string }) => {
    acc.entities++;
    if (r.score !== null) {
      acc.scoreSum += r.score;
      acc.scored++;
    }
    addCountsInto(r.statuses, acc.counts);
  };
  for (const r of results) {
    add(all, r);
    const owner = r.owner ?? 'unowned';
    let acc = byOwner.get(owner);
    if (!acc) {
      acc = make();
      byOwner.set(owner, acc);
    }
    add(acc, r);
  }
  const row = (scope: string, acc: Acc): SummaryHistoryRow => ({
    scope,
    day,
    entities: acc.entities,
    score: acc.scored ? Math.round(acc.scoreSum / acc.scored) : null,
    counts: packCounts(countsFromArray(acc.counts)),
  });
  return [
    row(PORTFOLIO_SCOPE, all),
    ...[...byOwner.entries()].map(([owner, acc]) =>
      row(ownerScope(owner), acc),
    ),
  ];
}
