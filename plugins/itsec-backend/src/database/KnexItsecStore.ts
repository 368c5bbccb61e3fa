import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  AttestationRecord,
  AuditEntry,
  ExceptionRecord,
  ExceptionState,
} from '@internal/plugin-itsec-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  AuditQuery,
  EntityHistoryRow,
  ExceptionTransition,
  IdempotentResponse,
  ItsecStore,
  NewAuditEntry,
  RunRecord,
  RunStatus,
  StoredAuditEntry,
  StoredResult,
  StoredResultWithProfile,
  SummaryHistoryRow,
  WriteResultsOutcome,
} from './types';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-itsec-backend',
  'migrations',
);

const RESULTS = 'itsec_results';
const ENTITY_HISTORY = 'itsec_entity_history';
const SUMMARY_HISTORY = 'itsec_summary_history';
const ATTESTATIONS = 'itsec_attestations';
const EXCEPTIONS = 'itsec_exceptions';
const AUDIT = 'itsec_audit';
const META = 'itsec_meta';
const RUNS = 'itsec_runs';
const AUDIT_REPEATS = 'itsec_audit_repeats';
const IDEMPOTENCY = 'itsec_idempotency';

const GENERATION_KEY = 'results_generation';
const RUN_FAILURE_KEY = 'run_failure';

/** Rows per multi-row INSERT: well under SQLite's bound-variable limit. */
const BATCH = 200;
/** Values per `IN (...)` list. */
const IN_CHUNK = 500;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

type ResultDbRow = {
  entity_ref: string;
  kind: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  classification: string | null;
  sensitive: boolean | number;
  score: number | null;
  gaps: number;
  statuses: string;
  policy_key: string;
  as_of: string;
  evaluated_at: string;
  hash: string;
  profile?: string;
};

const SUMMARY_COLUMNS = [
  'entity_ref',
  'kind',
  'title',
  'owner',
  'system',
  'domain',
  'classification',
  'sensitive',
  'score',
  'gaps',
  'statuses',
  'policy_key',
  'as_of',
  'evaluated_at',
  'hash',
];

function fromResultRow(row: ResultDbRow): StoredResult {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    ...(row.title ? { title: row.title } : {}),
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.system ? { system: row.system } : {}),
    ...(row.domain ? { domain: row.domain } : {}),
    ...(row.classification
      ? { classification: row.classification as StoredResult['classification'] }
      : {}),
    sensitive: Boolean(row.sensitive),
    score:
      row.score === null || row.score === undefined ? null : Number(row.score),
    gaps: Number(row.gaps),
    statuses: row.statuses,
    policyKey: row.policy_key,
    asOf: row.as_of,
    evaluatedAt: row.evaluated_at,
    hash: row.hash,
  };
}

function toResultRow(r: StoredResultWithProfile): Required<ResultDbRow> {
  return {
    entity_ref: r.entityRef,
    kind: r.kind,
    title: r.title ?? null,
    owner: r.owner ?? null,
    system: r.system ?? null,
    domain: r.domain ?? null,
    classification: r.classification ?? null,
    sensitive: r.sensitive,
    score: r.score,
    gaps: r.gaps,
    statuses: r.statuses,
    policy_key: r.policyKey,
    as_of: r.asOf,
    evaluated_at: r.evaluatedAt,
    hash: r.hash,
    profile: r.profileJson ?? JSON.stringify(r.profile),
  };
}

function parseJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function fromAttestationRow(row: any): AttestationRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    statementId: row.statement_id,
    evidenceLink: row.evidence_link,
    statement: row.statement,
    attestedBy: row.attested_by,
    attestedOn: row.attested_on,
    validUntil: row.valid_until,
    createdAt: row.created_at,
  };
}

function fromExceptionRow(row: any): ExceptionRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    statementId: row.statement_id,
    justification: row.justification,
    compensatingControls: row.compensating_controls,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    expiresOn: row.expires_on,
    state: row.state,
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.decision_comment ? { decisionComment: row.decision_comment } : {}),
  };
}

function fromAuditRow(row: any): StoredAuditEntry {
  const before = parseJson(row.before);
  const after = parseJson(row.after);
  const attempts = row.repeat_attempts ? Number(row.repeat_attempts) : 1;
  const lastAttempt = parseJson(row.repeat_last_attempt);
  return {
    id: String(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    outcome: row.outcome,
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    ...(row.subject_id ? { subjectId: row.subject_id } : {}),
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(attempts > 1
      ? {
          attempts,
          lastAt: row.repeat_last_at,
          ...(row.repeat_last_subject_id
            ? { lastSubjectId: row.repeat_last_subject_id }
            : {}),
          ...(lastAttempt !== undefined ? { lastAttempt } : {}),
        }
      : {}),
  };
}

function toAuditRow(entry: NewAuditEntry) {
  return {
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    outcome: entry.outcome,
    entity_ref: entry.entityRef ?? null,
    subject_id: entry.subjectId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

async function insertIdempotency(tx: Knex, r: IdempotentResponse) {
  await tx(IDEMPOTENCY).insert({
    actor: r.actor,
    idempotency_key: r.key,
    operation: r.operation,
    request_hash: r.requestHash,
    status: r.status,
    response: JSON.stringify(r.body),
    created_at: r.createdAt,
  });
}

function fromEntityHistoryRow(r: any): EntityHistoryRow {
  return {
    entityRef: r.entity_ref,
    day: r.day,
    score: r.score === null ? null : Number(r.score),
    statuses: r.statuses,
    ...(r.demo ? { demo: true } : {}),
  };
}

function toEntityHistoryRow(h: EntityHistoryRow, demo: boolean) {
  return {
    entity_ref: h.entityRef,
    day: h.day,
    score: h.score,
    statuses: h.statuses,
    demo,
  };
}

function fromSummaryHistoryRow(r: any): SummaryHistoryRow {
  return {
    scope: r.scope,
    day: r.day,
    entities: Number(r.entities),
    score: r.score === null ? null : Number(r.score),
    counts: r.counts,
    ...(r.demo ? { demo: true } : {}),
  };
}

function toSummaryHistoryRow(r: SummaryHistoryRow, demo: boolean) {
  return {
    scope: r.scope,
    day: r.day,
    entities: r.entities,
    score: r.score,
    counts: r.counts,
    demo,
  };
}

/**
 * Inserts history rows in batches, skipping those whose `key` (a series and
 * its day) is taken; how many it inserted.
 */
async function insertUntakenHistory(
  tx: Knex,
  table: string,
  key: string[],
  rows: object[],
): Promise<number> {
  let inserted = 0;
  for (const batch of chunk(rows, BATCH)) {
    const added = await tx(table)
      .insert(batch)
      .onConflict(key)
      .ignore()
      .returning('day');
    inserted += added.length;
  }
  return inserted;
}

/** {@link ItsecStore} on knex: SQLite (better-sqlite3) and PostgreSQL. */
export class KnexItsecStore implements ItsecStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<KnexItsecStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await KnexItsecStore.migrateUp(knex);
    }
    return new KnexItsecStore(knex);
  }

  static async migrateUp(knex: Knex): Promise<void> {
    await knex.migrate.latest({
      directory: migrationsDir,
      tableName: 'itsec_knex_migrations',
    });
  }

  static async migrateDownAll(knex: Knex): Promise<void> {
    await knex.migrate.rollback(
      { directory: migrationsDir, tableName: 'itsec_knex_migrations' },
      true,
    );
  }

  constructor(private readonly knex: Knex) {}

  // ------------------------------------------------------------------ results

  async getResultsGeneration(): Promise<string> {
    const row = await this.knex(META).where({ key: GENERATION_KEY }).first();
    return row?.value ?? '0';
  }

  private async bumpGeneration(tx: Knex): Promise<void> {
    await tx(META)
      .insert({ key: GENERATION_KEY, value: `${Date.now()}-${randomUUID()}` })
      .onConflict('key')
      .merge();
  }

  async listResults(): Promise<StoredResult[]> {
    const rows: ResultDbRow[] = await this.knex(RESULTS)
      .select(SUMMARY_COLUMNS)
      .orderBy('entity_ref');
    return rows.map(fromResultRow);
  }

  async getResult(
    entityRef: string,
  ): Promise<StoredResultWithProfile | undefined> {
    const row = await this.knex<ResultDbRow>(RESULTS)
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    return { ...fromResultRow(row), profile: JSON.parse(row.profile!) };
  }

  async getResultsWithProfile(
    entityRefs: string[],
  ): Promise<StoredResultWithProfile[]> {
    const out: StoredResultWithProfile[] = [];
    for (const refs of chunk(entityRefs, IN_CHUNK)) {
      const rows: ResultDbRow[] = await this.knex(RESULTS).whereIn(
        'entity_ref',
        refs,
      );
      for (const row of rows) {
        out.push({ ...fromResultRow(row), profile: JSON.parse(row.profile!) });
      }
    }
    return out;
  }

  async getResultHashes(): Promise<Map<string, string>> {
    const rows = await this.knex(RESULTS).select('entity_ref', 'hash');
    return new Map(rows.map(r => [r.entity_ref, r.hash]));
  }

  async writeResults(options: {
    results: StoredResultWithProfile[];
    day: string;
    keepOnly?: ReadonlySet<string>;
  }): Promise<WriteResultsOutcome> {
    const { results, day, keepOnly } = options;
    return this.knex.transaction(async tx => {
      // What is stored now, to write only what changed.
      const previous = new Map<
        string,
        {
          hash: string;
          score: number | null;
          statuses: string;
          policyKey: string;
        }
      >();
      const collect = (rows: any[]) => {
        for (const r of rows) {
          previous.set(r.entity_ref, {
            hash: r.hash,
            score: r.score === null ? null : Number(r.score),
            statuses: r.statuses,
            policyKey: r.policy_key,
          });
        }
      };
      if (keepOnly || results.length > IN_CHUNK * 4) {
        collect(
          await tx(RESULTS).select(
            'entity_ref',
            'hash',
            'score',
            'statuses',
            'policy_key',
          ),
        );
      } else {
        for (const refs of chunk(
          results.map(r => r.entityRef),
          IN_CHUNK,
        )) {
          collect(
            await tx(RESULTS)
              .select('entity_ref', 'hash', 'score', 'statuses', 'policy_key')
              .whereIn('entity_ref', refs),
          );
        }
      }

      const changed = results.filter(
        r => previous.get(r.entityRef)?.hash !== r.hash,
      );
      const history: EntityHistoryRow[] = [];
      for (const r of changed) {
        const prev = previous.get(r.entityRef);
        if (!prev || prev.score !== r.score || prev.statuses !== r.statuses) {
          history.push({
            entityRef: r.entityRef,
            day,
            score: r.score,
            statuses: r.statuses,
          });
        }
      }

      for (const batch of chunk(changed, BATCH)) {
        await tx(RESULTS)
          .insert(batch.map(toResultRow))
          .onConflict('entity_ref')
          .merge();
      }
      for (const batch of chunk(history, BATCH)) {
        await tx(ENTITY_HISTORY)
          .insert(batch.map(h => toEntityHistoryRow(h, false)))
          .onConflict(['entity_ref', 'day'])
          .merge();
      }

      let removed = 0;
      if (keepOnly) {
        const gone = [...previous.keys()].filter(ref => !keepOnly.has(ref));
        for (const refs of chunk(gone, IN_CHUNK)) {
          removed += await tx(RESULTS).whereIn('entity_ref', refs).delete();
        }
      }

      if (changed.length > 0 || removed > 0) {
        await this.bumpGeneration(tx);
      }
      const previousOfChanged = new Map<
        string,
        { statuses: string; policyKey: string } | null
      >();
      for (const r of changed) {
        const prev = previous.get(r.entityRef);
        previousOfChanged.set(
          r.entityRef,
          prev ? { statuses: prev.statuses, policyKey: prev.policyKey } : null,
        );
      }
      return {
        written: changed.length,
        removed,
        historyRows: history.length,
        previous: previousOfChanged,
      };
    });
  }

  // ------------------------------------------------------------------ history

  async getEntityHistory(
    entityRefs: string[],
    from: string,
    to: string,
  ): Promise<EntityHistoryRow[]> {
    const out: EntityHistoryRow[] = [];
    for (const refs of chunk(entityRefs, IN_CHUNK)) {
      const rows = await this.knex(ENTITY_HISTORY)
        .whereIn('entity_ref', refs)
        .andWhere('day', '>=', from)
        .andWhere('day', '<=', to)
        .orderBy([{ column: 'day' }, { column: 'entity_ref' }]);
      for (const r of rows) out.push(fromEntityHistoryRow(r));
    }
    return out.sort((a, b) => a.day.localeCompare(b.day));
  }

  async getEntityHistoryBaseline(
    entityRefs: string[],
    day: string,
  ): Promise<EntityHistoryRow[]> {
    const out: EntityHistoryRow[] = [];
    for (const refs of chunk(entityRefs, IN_CHUNK)) {
      const latest = this.knex(ENTITY_HISTORY)
        .select('entity_ref')
        .max({ day: 'day' })
        .whereIn('entity_ref', refs)
        .andWhere('day', '<=', day)
        .groupBy('entity_ref')
        .as('latest');
      const rows = await this.knex(ENTITY_HISTORY)
        .join(latest, function joinLatest() {
          this.on(
            `${ENTITY_HISTORY}.entity_ref`,
            '=',
            'latest.entity_ref',
          ).andOn(`${ENTITY_HISTORY}.day`, '=', 'latest.day');
        })
        .select(
          `${ENTITY_HISTORY}.entity_ref`,
          `${ENTITY_HISTORY}.day`,
          `${ENTITY_HISTORY}.score`,
          `${ENTITY_HISTORY}.statuses`,
          `${ENTITY_HISTORY}.demo`,
        );
      for (const r of rows) out.push(fromEntityHistoryRow(r));
    }
    return out;
  }

  async writeSummaries(
    rows: SummaryHistoryRow[],
    always?: (scope: string) => boolean,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    return this.knex.transaction(async tx => {
      const latest = tx(SUMMARY_HISTORY)
        .select('scope')
        .max({ day: 'day' })
        .groupBy('scope')
        .as('latest');
      const prevRows = await tx(SUMMARY_HISTORY)
        .join(latest, function joinLatest() {
          this.on(`${SUMMARY_HISTORY}.scope`, '=', 'latest.scope').andOn(
            `${SUMMARY_HISTORY}.day`,
            '=',
            'latest.day',
          );
        })
        .select(
          `${SUMMARY_HISTORY}.scope`,
          `${SUMMARY_HISTORY}.day`,
          `${SUMMARY_HISTORY}.entities`,
          `${SUMMARY_HISTORY}.score`,
          `${SUMMARY_HISTORY}.counts`,
        );
      const prev = new Map(prevRows.map(r => [r.scope as string, r]));
      const toWrite = rows.filter(r => {
        const p = prev.get(r.scope);
        if (!p) return true;
        const same =
          Number(p.entities) === r.entities &&
          (p.score === null ? null : Number(p.score)) === r.score &&
          p.counts === r.counts;
        if (same) return p.day !== r.day && Boolean(always?.(r.scope));
        return true;
      });
      for (const batch of chunk(toWrite, BATCH)) {
        await tx(SUMMARY_HISTORY)
          .insert(batch.map(r => toSummaryHistoryRow(r, false)))
          .onConflict(['scope', 'day'])
          .merge();
      }
      return toWrite.length;
    });
  }

  async getSummaryHistory(
    scope: string,
    from: string,
    to: string,
  ): Promise<SummaryHistoryRow[]> {
    const rows = await this.knex(SUMMARY_HISTORY)
      .where({ scope })
      .andWhere('day', '>=', from)
      .andWhere('day', '<=', to)
      .orderBy('day');
    const baseline = await this.knex(SUMMARY_HISTORY)
      .where({ scope })
      .andWhere('day', '<', from)
      .orderBy('day', 'desc')
      .first();
    const all = baseline ? [baseline, ...rows] : rows;
    return all.map(fromSummaryHistoryRow);
  }

  async pruneHistory(beforeDay: string): Promise<number> {
    // Keep the last row before the cut-off of every series: it is the value
    // that held on the cut-off day.
    const entityRows = await this.knex(ENTITY_HISTORY)
      .where('day', '<', beforeDay)
      .whereExists(function newerBeforeCutoff() {
        this.select(1)
          .from({ h2: ENTITY_HISTORY })
          .whereRaw(`h2.entity_ref = ${ENTITY_HISTORY}.entity_ref`)
          .andWhereRaw(`h2.day > ${ENTITY_HISTORY}.day`)
          .andWhere('h2.day', '<=', beforeDay);
      })
      .delete();
    // Entities gone from the catalog whose history is entirely before the cut-off.
    const goneRows = await this.knex(ENTITY_HISTORY)
      .where('day', '<', beforeDay)
      .whereNotIn('entity_ref', this.knex(RESULTS).select('entity_ref'))
      .whereNotExists(function newerRow() {
        this.select(1)
          .from({ h2: ENTITY_HISTORY })
          .whereRaw(`h2.entity_ref = ${ENTITY_HISTORY}.entity_ref`)
          .andWhere('h2.day', '>=', beforeDay);
      })
      .delete();
    const summaryRows = await this.knex(SUMMARY_HISTORY)
      .where('day', '<', beforeDay)
      .whereExists(function newerBeforeCutoff() {
        this.select(1)
          .from({ s2: SUMMARY_HISTORY })
          .whereRaw(`s2.scope = ${SUMMARY_HISTORY}.scope`)
          .andWhereRaw(`s2.day > ${SUMMARY_HISTORY}.day`)
          .andWhere('s2.day', '<=', beforeDay);
      })
      .delete();
    return entityRows + goneRows + summaryRows;
  }

  async replaceDemoHistory(rows: {
    entities: EntityHistoryRow[];
    summaries: SummaryHistoryRow[];
  }): Promise<number> {
    return this.knex.transaction(async tx => {
      await tx(ENTITY_HISTORY).where({ demo: true }).delete();
      await tx(SUMMARY_HISTORY).where({ demo: true }).delete();
      // Recorded history wins: a demo row on a day it already has is skipped.
      const entities = await insertUntakenHistory(
        tx,
        ENTITY_HISTORY,
        ['entity_ref', 'day'],
        rows.entities.map(h => toEntityHistoryRow(h, true)),
      );
      const summaries = await insertUntakenHistory(
        tx,
        SUMMARY_HISTORY,
        ['scope', 'day'],
        rows.summaries.map(r => toSummaryHistoryRow(r, true)),
      );
      return entities + summaries;
    });
  }

  async getDemoHistoryEntities(): Promise<Set<string>> {
    const rows = await this.knex(ENTITY_HISTORY)
      .distinct('entity_ref')
      .where({ demo: true });
    return new Set(rows.map(r => r.entity_ref));
  }

  async getFirstRecordedHistoryDay(): Promise<string | undefined> {
    const [entity, summary] = await Promise.all(
      [ENTITY_HISTORY, SUMMARY_HISTORY].map(table =>
        this.knex(table).where({ demo: false }).min({ day: 'day' }).first(),
      ),
    );
    const days = [entity?.day, summary?.day].filter(Boolean) as string[];
    return days.sort()[0];
  }

  // --------------------------------------------------------------------- runs

  async recordRun(run: RunRecord): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx(RUNS).insert({
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        as_of: run.asOf,
        entities: run.entities,
        written: run.written,
        removed: run.removed,
        history_rows: run.historyRows,
      });
      await tx(META).where({ key: RUN_FAILURE_KEY }).delete();
    });
  }

  async recordRunFailure(failure: {
    at: string;
    message: string;
  }): Promise<void> {
    await this.knex.transaction(async tx => {
      const row = await tx(META).where({ key: RUN_FAILURE_KEY }).first();
      const previous = row ? parseJson(row.value) : undefined;
      const value = JSON.stringify({
        since: (previous as any)?.since ?? failure.at,
        lastAt: failure.at,
        failures: Number((previous as any)?.failures ?? 0) + 1,
        message: failure.message.slice(0, 1000),
      });
      await tx(META)
        .insert({ key: RUN_FAILURE_KEY, value })
        .onConflict('key')
        .merge();
    });
  }

  async getRunStatus(): Promise<RunStatus> {
    const [lastRun, row] = await Promise.all([
      this.getLastRun(),
      this.knex(META).where({ key: RUN_FAILURE_KEY }).first(),
    ]);
    const failing = row
      ? (parseJson(row.value) as RunStatus['failing'])
      : undefined;
    return {
      ...(lastRun ? { lastRun } : {}),
      ...(failing ? { failing } : {}),
    };
  }

  async getLastRun(): Promise<RunRecord | undefined> {
    const row = await this.knex(RUNS).orderBy('id', 'desc').first();
    if (!row) return undefined;
    return {
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      asOf: row.as_of,
      entities: Number(row.entities),
      written: Number(row.written),
      removed: Number(row.removed),
      historyRows: Number(row.history_rows),
    };
  }

  async countRuns(): Promise<number> {
    const row = await this.knex(RUNS).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  // ------------------------------------------------------------- attestations

  async createAttestation(
    record: AttestationRecord,
    audit: NewAuditEntry,
    idempotency?: IdempotentResponse,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      // First: a concurrent use of the same key fails here, before any record.
      if (idempotency) await insertIdempotency(tx, idempotency);
      await tx(ATTESTATIONS).insert({
        id: record.id,
        entity_ref: record.entityRef,
        statement_id: record.statementId,
        evidence_link: record.evidenceLink,
        statement: record.statement,
        attested_by: record.attestedBy,
        attested_on: record.attestedOn,
        valid_until: record.validUntil,
        created_at: record.createdAt,
      });
      await tx(AUDIT).insert(toAuditRow(audit));
    });
  }

  async listAttestations(filter: {
    entityRef?: string;
    statementId?: string;
  }): Promise<AttestationRecord[]> {
    const query = this.knex(ATTESTATIONS);
    if (filter.entityRef) query.where({ entity_ref: filter.entityRef });
    if (filter.statementId) query.where({ statement_id: filter.statementId });
    const rows = await query.orderBy([
      { column: 'attested_on', order: 'desc' },
      { column: 'created_at', order: 'desc' },
    ]);
    return rows.map(fromAttestationRow);
  }

  // --------------------------------------------------------------- exceptions

  async createException(
    record: ExceptionRecord,
    audit: NewAuditEntry,
    idempotency?: IdempotentResponse,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      if (idempotency) await insertIdempotency(tx, idempotency);
      await tx(EXCEPTIONS).insert({
        id: record.id,
        entity_ref: record.entityRef,
        statement_id: record.statementId,
        justification: record.justification,
        compensating_controls: record.compensatingControls,
        requested_by: record.requestedBy,
        requested_at: record.requestedAt,
        expires_on: record.expiresOn,
        state: record.state,
        decided_by: record.decidedBy ?? null,
        decided_at: record.decidedAt ?? null,
        decision_comment: record.decisionComment ?? null,
      });
      await tx(AUDIT).insert(toAuditRow(audit));
    });
  }

  async pruneIdempotentResponses(before: string): Promise<number> {
    return this.knex(IDEMPOTENCY).where('created_at', '<', before).delete();
  }

  async getIdempotentResponse(
    actor: string,
    key: string,
  ): Promise<IdempotentResponse | undefined> {
    const row = await this.knex(IDEMPOTENCY)
      .where({ actor, idempotency_key: key })
      .first();
    if (!row) return undefined;
    return {
      actor: row.actor,
      key: row.idempotency_key,
      operation: row.operation,
      requestHash: row.request_hash,
      status: Number(row.status),
      body: JSON.parse(row.response),
      createdAt: row.created_at,
    };
  }

  async getException(id: string): Promise<ExceptionRecord | undefined> {
    const row = await this.knex(EXCEPTIONS).where({ id }).first();
    return row ? fromExceptionRow(row) : undefined;
  }

  async listExceptions(filter: {
    entityRef?: string;
    state?: ExceptionState;
  }): Promise<ExceptionRecord[]> {
    const query = this.knex(EXCEPTIONS);
    if (filter.entityRef) query.where({ entity_ref: filter.entityRef });
    if (filter.state) query.where({ state: filter.state });
    const rows = await query.orderBy('requested_at', 'desc');
    return rows.map(fromExceptionRow);
  }

  async transitionException(
    t: ExceptionTransition,
    audit: Omit<NewAuditEntry, 'before' | 'after'>,
  ): Promise<ExceptionRecord | undefined> {
    return this.knex.transaction(async tx => {
      const beforeRow = await tx(EXCEPTIONS).where({ id: t.id }).first();
      if (!beforeRow || !t.from.includes(beforeRow.state)) return undefined;
      const patch: Record<string, unknown> = { state: t.to };
      if (t.decidedBy !== undefined) patch.decided_by = t.decidedBy;
      if (t.decidedAt !== undefined) patch.decided_at = t.decidedAt;
      if (t.decisionComment !== undefined) {
        patch.decision_comment = t.decisionComment;
      }
      // Conditional on the state read above: a concurrent decision wins once.
      const updated = await tx(EXCEPTIONS)
        .where({ id: t.id, state: beforeRow.state })
        .update(patch);
      if (updated !== 1) return undefined;
      const afterRow = await tx(EXCEPTIONS).where({ id: t.id }).first();
      const before = fromExceptionRow(beforeRow);
      const after = fromExceptionRow(afterRow);
      await tx(AUDIT).insert(toAuditRow({ ...audit, before, after }));
      return after;
    });
  }

  // -------------------------------------------------------------------- audit

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = toAuditRow(entry);
    const [inserted] = await this.knex(AUDIT).insert(row, ['id']);
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return fromAuditRow({ ...row, id });
  }

  async recordDenial(
    entry: NewAuditEntry & { entityRef: string },
  ): Promise<{ id: string; attempts: number }> {
    const at = entry.at ?? new Date().toISOString();
    const key = {
      actor: entry.actor,
      entity_ref: entry.entityRef,
      action: entry.action,
      bucket: at.slice(0, 13),
    };
    const last = {
      last_at: at,
      last_subject_id: entry.subjectId ?? null,
      last_attempt:
        entry.after === undefined ? null : JSON.stringify(entry.after),
    };
    return this.knex.transaction(async tx => {
      const counted = await tx(AUDIT_REPEATS)
        .where(key)
        .andWhere('last_at', '<=', at)
        .update({ attempts: tx.raw('attempts + 1'), ...last });
      if (counted > 0) {
        const row = await tx(AUDIT_REPEATS)
          .where(key)
          .first('audit_id', 'attempts');
        return { id: String(row.audit_id), attempts: Number(row.attempts) };
      }
      // The first attempt of the hour (or a clock that went back): a row of its own.
      const auditRow = toAuditRow({ ...entry, at });
      const [inserted] = await tx(AUDIT).insert(auditRow, ['id']);
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      // A concurrent first attempt may hold the key: this one keeps its own row.
      await tx(AUDIT_REPEATS)
        .insert({ audit_id: id, ...key, attempts: 1, ...last })
        .onConflict(['actor', 'entity_ref', 'action', 'bucket'])
        .ignore();
      return { id: String(id), attempts: 1 };
    });
  }

  async listAudit(
    query: AuditQuery,
  ): Promise<{ total: number; items: StoredAuditEntry[] }> {
    const base = this.knex(AUDIT);
    if (query.entityRef)
      base.where({ [`${AUDIT}.entity_ref`]: query.entityRef });
    if (query.actor) base.where({ [`${AUDIT}.actor`]: query.actor });
    if (query.action) base.where({ [`${AUDIT}.action`]: query.action });
    if (query.outcome) base.where({ [`${AUDIT}.outcome`]: query.outcome });
    const countRow = await base.clone().count({ n: '*' }).first();
    const rows = await base
      .clone()
      .leftJoin(AUDIT_REPEATS, `${AUDIT_REPEATS}.audit_id`, `${AUDIT}.id`)
      .select(`${AUDIT}.*`, {
        repeat_attempts: `${AUDIT_REPEATS}.attempts`,
        repeat_last_at: `${AUDIT_REPEATS}.last_at`,
        repeat_last_attempt: `${AUDIT_REPEATS}.last_attempt`,
        repeat_last_subject_id: `${AUDIT_REPEATS}.last_subject_id`,
      })
      .orderBy(`${AUDIT}.id`, 'desc')
      .offset(query.offset)
      .limit(query.limit);
    return { total: Number(countRow?.n ?? 0), items: rows.map(fromAuditRow) };
  }
}
