import type {
  AttestationRecord,
  AuditEntry,
  Classification,
  ExceptionRecord,
  ExceptionState,
  SecurityProfile,
} from '@internal/plugin-itsec-common';

/**
 * The latest evaluation of one entity, as stored: statuses packed one
 * character per statement in catalogue order (see `statusCodec`), plus the
 * resolved profile the evaluation was computed from.
 */
export interface StoredResult {
  entityRef: string;
  kind: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
  classification?: Classification;
  sensitive: boolean;
  score: number | null;
  gaps: number;
  statuses: string;
  /** `policyId@version` of the catalogue the statuses are packed against. */
  policyKey: string;
  asOf: string;
  evaluatedAt: string;
  /** Content hash (everything but the dates): unchanged results are not rewritten. */
  hash: string;
}

/** {@link StoredResult} with its profile. */
export interface StoredResultWithProfile extends StoredResult {
  profile: SecurityProfile;
  /** `JSON.stringify(profile)`, when already computed. */
  profileJson?: string;
}

/** One day of one entity's history: written only on days it changed. */
export interface EntityHistoryRow {
  entityRef: string;
  day: string;
  score: number | null;
  statuses: string;
  /** Built by the demo from the demo catalog's evidence dates (`itsec.demo.buildHistory`). */
  demo?: boolean;
}

/** One day of an aggregate's history (`portfolio` or `owner:<ref>`). */
export interface SummaryHistoryRow {
  scope: string;
  day: string;
  entities: number;
  score: number | null;
  /** Counts per status, packed as in `statusCodec.packCounts`. */
  counts: string;
  /** Built by the demo (see {@link EntityHistoryRow.demo}). */
  demo?: boolean;
}

/** What a write of results did. */
export interface WriteResultsOutcome {
  written: number;
  removed: number;
  historyRows: number;
  /**
   * The stored statuses the written results replaced, by entity ref (`null`
   * for entities that had no result): what transitions are detected against.
   */
  previous?: ReadonlyMap<
    string,
    { statuses: string; policyKey: string } | null
  >;
}

/** The last full evaluation run. */
export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  asOf: string;
  entities: number;
  written: number;
  removed: number;
  historyRows: number;
}

/**
 * An audit entry as read back: a denied attempt repeated within the hour by
 * the same actor on the same entity and action is one entry with the number
 * of attempts and the last one (see `recordDenial`).
 */
export type StoredAuditEntry = AuditEntry & {
  /** All attempts this entry stands for, itself included (only when more than 1). */
  attempts?: number;
  /** When the last of them was made. */
  lastAt?: string;
  /** The record the last of them was about (e.g. the exception id). */
  lastSubjectId?: string;
  /** What the last of them attempted (its `after`). */
  lastAttempt?: unknown;
};

/** The evaluation runs' health: the last full run, and failures since. */
export interface RunStatus {
  lastRun?: RunRecord;
  /** Set while scheduled evaluations fail: since when, how often, the last error. */
  failing?: {
    since: string;
    lastAt: string;
    failures: number;
    message: string;
  };
}

/** The stored response to a POST made with an Idempotency-Key. */
export interface IdempotentResponse {
  actor: string;
  key: string;
  /** The route, e.g. 'attestation.create'. */
  operation: string;
  /** Hash of the request body: a retry must send the same. */
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: string;
}

/** Audit entry as given to the store (id and time assigned on write unless given). */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

/** Filter of the audit log. */
export interface AuditQuery {
  entityRef?: string;
  actor?: string;
  action?: string;
  outcome?: 'allowed' | 'denied';
  offset: number;
  limit: number;
}

/** A change of an exception's state, applied only when it is still in `from`. */
export interface ExceptionTransition {
  id: string;
  from: ExceptionState[];
  to: ExceptionState;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
}

/**
 * Persistence of the itsec backend. Every method is safe to call from several
 * backend instances sharing one database.
 */
export interface ItsecStore {
  // results
  /** Changes whenever results change, on any instance: cache key of in-memory indexes. */
  getResultsGeneration(): Promise<string>;
  listResults(): Promise<StoredResult[]>;
  getResult(entityRef: string): Promise<StoredResultWithProfile | undefined>;
  getResultHashes(): Promise<Map<string, string>>;
  /** Results with profiles of the given entities (unknown refs are left out). */
  getResultsWithProfile(
    entityRefs: string[],
  ): Promise<StoredResultWithProfile[]>;
  /**
   * Upserts results whose hash changed, appends entity history for those whose
   * score or statuses changed (one row per entity per day), and, when
   * `keepOnly` is given, removes results of entities not in it.
   */
  writeResults(options: {
    results: StoredResultWithProfile[];
    day: string;
    keepOnly?: ReadonlySet<string>;
  }): Promise<WriteResultsOutcome>;

  // history
  getEntityHistory(
    entityRefs: string[],
    from: string,
    to: string,
  ): Promise<EntityHistoryRow[]>;
  /** The latest history row of each entity on or before `day`. */
  getEntityHistoryBaseline(
    entityRefs: string[],
    day: string,
  ): Promise<EntityHistoryRow[]>;
  /** Writes summaries; rows equal to the scope's previous row are skipped unless `always`. */
  writeSummaries(
    rows: SummaryHistoryRow[],
    always?: (scope: string) => boolean,
  ): Promise<number>;
  getSummaryHistory(
    scope: string,
    from: string,
    to: string,
  ): Promise<SummaryHistoryRow[]>;
  /** Deletes history older than `beforeDay`, keeping each series' last row before it as baseline. */
  pruneHistory(beforeDay: string): Promise<number>;
  /**
   * Replaces the demo history with these rows (stored as demo rows) in one
   * transaction; a row on a day that already has recorded history is skipped.
   * Returns the rows written.
   */
  replaceDemoHistory(rows: {
    entities: EntityHistoryRow[];
    summaries: SummaryHistoryRow[];
  }): Promise<number>;
  /** The entities that have demo history. */
  getDemoHistoryEntities(): Promise<Set<string>>;
  /** The first day of recorded (not demo) history, if any. */
  getFirstRecordedHistoryDay(): Promise<string | undefined>;

  // runs
  /** Records a successful full run; clears the failure record. */
  recordRun(run: RunRecord): Promise<void>;
  /** Records a failed full run (the first failure since the last success is kept). */
  recordRunFailure(failure: { at: string; message: string }): Promise<void>;
  getRunStatus(): Promise<RunStatus>;
  getLastRun(): Promise<RunRecord | undefined>;
  countRuns(): Promise<number>;

  // attestations
  /**
   * Stores the attestation and its audit entry in one transaction (with the
   * Idempotency-Key's response, when given: a second use of the key fails).
   */
  createAttestation(
    record: AttestationRecord,
    audit: NewAuditEntry,
    idempotency?: IdempotentResponse,
  ): Promise<void>;
  listAttestations(filter: {
    entityRef?: string;
    statementId?: string;
  }): Promise<AttestationRecord[]>;

  // exceptions
  /**
   * Stores the exception and its audit entry in one transaction (with the
   * Idempotency-Key's response, when given: a second use of the key fails).
   */
  createException(
    record: ExceptionRecord,
    audit: NewAuditEntry,
    idempotency?: IdempotentResponse,
  ): Promise<void>;
  getIdempotentResponse(
    actor: string,
    key: string,
  ): Promise<IdempotentResponse | undefined>;
  /** Forgets Idempotency-Key responses created before `before` (an ISO timestamp); returns how many. */
  pruneIdempotentResponses(before: string): Promise<number>;
  getException(id: string): Promise<ExceptionRecord | undefined>;
  listExceptions(filter: {
    entityRef?: string;
    state?: ExceptionState;
  }): Promise<ExceptionRecord[]>;
  /** Applies the transition if the exception is still in one of `from`; returns the new record, or undefined. */
  transitionException(
    transition: ExceptionTransition,
    audit: Omit<NewAuditEntry, 'before' | 'after'>,
  ): Promise<ExceptionRecord | undefined>;

  // audit
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /**
   * Audits a denied attempt. Repeats by the same actor on the same entity and
   * action within the same hour add to the first attempt's count instead of
   * adding rows; returns the entry that holds the attempt.
   */
  recordDenial(
    entry: NewAuditEntry & { entityRef: string },
  ): Promise<{ id: string; attempts: number }>;
  listAudit(
    query: AuditQuery,
  ): Promise<{ total: number; items: StoredAuditEntry[] }>;
}
