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
  PolicyCatalogue,
  PortfolioFilter,
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

/** Decisions a SIRO can take on an exception. @public */
export type ExceptionDecision = 'approve' | 'reject' | 'revoke';

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
  getPortfolioSummary(filter?: PortfolioFilter): Promise<PortfolioSummary>;
  getPortfolioHistory(
    filter?: PortfolioFilter,
    range?: ItsecDateRange,
  ): Promise<History>;
  /** Downloads exactly the filtered portfolio in the given format. */
  exportPortfolio(
    format: PortfolioExportFormat,
    filter?: PortfolioFilter,
  ): Promise<PortfolioExport>;
  listAttestations(entityRef: string): Promise<AttestationRecord[]>;
  createAttestation(
    request: CreateAttestationRequest,
  ): Promise<AttestationRecord>;
  listExceptions(query: {
    entityRef?: string;
    state?: ExceptionState;
  }): Promise<ExceptionRecord[]>;
  requestException(request: CreateExceptionRequest): Promise<ExceptionRecord>;
  decideException(
    id: string,
    decision: ExceptionDecision,
    request?: ExceptionDecisionRequest,
  ): Promise<ExceptionRecord>;
  getAudit(query: {
    entityRef?: string;
    offset?: number;
    limit?: number;
  }): Promise<AuditPage>;
}

/** @public */
export const itsecApiRef = createApiRef<ItsecApi>({ id: 'plugin.itsec.api' });
