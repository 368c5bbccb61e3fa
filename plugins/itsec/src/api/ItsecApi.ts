import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AttestationRecord,
  AuditPage,
  CreateAttestationRequest,
  CreateExceptionRequest,
  ExceptionDecisionRequest,
  ExceptionRecord,
  ExceptionState,
  History,
  MyScorecard,
  MyTasks,
  PolicyCatalogue,
  PortfolioFilter,
  PortfolioGroups,
  PortfolioLens,
  PortfolioPage,
  PortfolioSort,
  PortfolioSummary,
  Scorecard,
} from '@internal/plugin-itsec-common';

/** A date range for history queries ('YYYY-MM-DD'). @public */
export interface ItsecDateRange {
  from?: string;
  to?: string;
}

/** One page request of the portfolio. @public */
export interface PortfolioQuery {
  filter?: PortfolioFilter;
  /** The statements counted (default `all`). */
  lens?: PortfolioLens;
  sort?: PortfolioSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** Export formats of the portfolio. @public */
export type PortfolioExportFormat = 'csv' | 'json' | 'oscal';

/** A downloaded export. @public */
export interface PortfolioExport {
  blob: Blob;
  filename: string;
}

/** Decisions on an exception: the SIRO approves or rejects; the SIRO or the ITSO revokes. @public */
export type ExceptionDecision = 'approve' | 'reject' | 'revoke';

/**
 * Whether the backend's scheduled evaluations succeed (`GET /status`), and
 * the limits it applies to writes.
 *
 * @public
 */
export interface EvaluationStatus {
  lastSuccessfulRun?: {
    startedAt: string;
    finishedAt: string;
    asOf: string;
    entities: number;
  };
  /** Set while scheduled evaluations fail: the first failure since the last success. */
  failingSince?: string;
  lastFailureAt?: string;
  failures?: number;
  /** True while scheduled evaluations fail. */
  stale: boolean;
  limits: {
    /** The longest an exception may run (ISO 8601 duration, e.g. P12M). */
    exceptionMaxDuration: string;
  };
}

/** Options of a write. @public */
export interface ItsecWriteOptions {
  /** Sent as `Idempotency-Key`: a retry with the same key creates nothing new. */
  idempotencyKey?: string;
}

/**
 * A record as a write returns it: `scorecardPending` is set when it was saved
 * but the scorecard could not be re-evaluated yet (it catches up at the next
 * scheduled evaluation).
 *
 * @public
 */
export type ItsecWritten<T> = T & { scorecardPending?: true };

/**
 * Client of the itsec backend (plugin id `itsec`).
 *
 * @public
 */
export interface ItsecApi {
  /** The policy catalogue the backend evaluates against. */
  getPolicy(): Promise<PolicyCatalogue>;
  getScorecard(entityRef: string): Promise<Scorecard>;
  /** Re-evaluates the entity now. */
  refreshScorecard(entityRef: string): Promise<Scorecard>;
  getEntityHistory(entityRef: string, range?: ItsecDateRange): Promise<History>;
  getPortfolio(query?: PortfolioQuery): Promise<PortfolioPage>;
  getPortfolioSummary(
    filter?: PortfolioFilter,
    lens?: PortfolioLens,
  ): Promise<PortfolioSummary>;
  /** The filtered portfolio grouped Domain → System → parts, with roll-ups. */
  getPortfolioGroups(
    filter?: PortfolioFilter,
    lens?: PortfolioLens,
  ): Promise<PortfolioGroups>;
  getPortfolioHistory(
    filter?: PortfolioFilter,
    range?: ItsecDateRange,
  ): Promise<History>;
  /** Downloads exactly the filtered portfolio in the given format. */
  exportPortfolio(
    format: PortfolioExportFormat,
    filter?: PortfolioFilter,
  ): Promise<PortfolioExport>;
  /** Whether scheduled evaluations succeed, and the write limits. */
  getStatus(): Promise<EvaluationStatus>;
  listAttestations(entityRef: string): Promise<AttestationRecord[]>;
  createAttestation(
    request: CreateAttestationRequest,
    options?: ItsecWriteOptions,
  ): Promise<ItsecWritten<AttestationRecord>>;
  listExceptions(query: {
    entityRef?: string;
    state?: ExceptionState;
  }): Promise<ExceptionRecord[]>;
  requestException(
    request: CreateExceptionRequest,
    options?: ItsecWriteOptions,
  ): Promise<ExceptionRecord>;
  decideException(
    id: string,
    decision: ExceptionDecision,
    request?: ExceptionDecisionRequest,
  ): Promise<ItsecWritten<ExceptionRecord>>;
  /** The signed-in user's entities, worst first. */
  getMyScorecards(): Promise<{ items: MyScorecard[] }>;
  /** What the signed-in user has to do. */
  getMyTasks(): Promise<MyTasks>;
  getAudit(query: {
    entityRef?: string;
    offset?: number;
    limit?: number;
  }): Promise<AuditPage>;
}

/** @public */
export const itsecApiRef = createApiRef<ItsecApi>({ id: 'plugin.itsec.api' });
