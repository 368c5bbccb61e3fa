import type { EntityEvaluation, StatementStatus } from '../evaluate/types';
import type { Classification, RoleId, SecurityProfile } from '../profile/types';
import type { ExceptionState } from '../vocabulary';
import type { PortfolioLens } from './lenses';

/**
 * Request and response shapes of the itsec backend's HTTP API, shared by the
 * backend router, the frontend client and any other consumer. The OpenAPI
 * spec in `plugins/itsec-backend/openapi.yaml` describes the same shapes.
 */

/** Counts of statement results by status. @public */
export type StatusCounts = Record<StatementStatus, number>;

/** One entity's scorecard: its latest evaluation and the profile behind it. @public */
export interface Scorecard {
  entityRef: string;
  kind: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
  classification?: Classification;
  /** When the stored evaluation was computed (ISO timestamp). */
  evaluatedAt: string;
  evaluation: EntityEvaluation;
  profile: SecurityProfile;
}

/** One row of the portfolio: an entity with its score and per-statement statuses. @public */
export interface PortfolioRow {
  entityRef: string;
  kind: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
  classification?: Classification;
  score: number | null;
  counts: StatusCounts;
  /** Status per statement id, for the heatmap. */
  statuses: Record<string, StatementStatus>;
  evaluatedAt: string;
}

/** Filters accepted by every portfolio endpoint (all optional, combined with AND). @public */
export interface PortfolioFilter {
  owner?: string[];
  system?: string[];
  domain?: string[];
  kind?: string[];
  classification?: string[];
  /** Only entities whose result for `statement` has one of `status` (or any gap, when no status). */
  statement?: string[];
  status?: StatementStatus[];
  /** Free text matched against entity ref and title. */
  q?: string;
}

/** Sort keys of the portfolio list. @public */
export type PortfolioSort = 'gaps' | 'score' | 'name' | 'owner' | 'evaluatedAt';

/** A page of the portfolio. @public */
export interface PortfolioPage {
  total: number;
  offset: number;
  limit: number;
  items: PortfolioRow[];
}

/** Aggregates over the filtered portfolio. @public */
export interface PortfolioSummary {
  total: number;
  /** Mean score over entities that have one. */
  score: number | null;
  counts: StatusCounts;
  byStatement: { statementId: string; counts: StatusCounts }[];
  byOwner: {
    owner: string;
    entities: number;
    score: number | null;
    counts: StatusCounts;
  }[];
}

/**
 * The roll-up of one group of the portfolio (`GET /portfolio/groups`) over
 * its members in the filtered set, restricted to the lens's statements.
 * @public
 */
export interface PortfolioGroupRollup {
  /** Members (scored entities) of the group in the filtered set. */
  entities: number;
  /** Mean score over the members that have one. */
  score: number | null;
  /** Gaps over the members and the lens's statements. */
  gaps: number;
  counts: StatusCounts;
  /** The worst status of any member, per statement. */
  statuses: Record<string, StatementStatus>;
  /** How many members have a gap, per statement (statements without one left out). */
  gapsByStatement: Record<string, number>;
}

/** A System and its Components, APIs and Resources; `system: null` holds the members without a System. @public */
export interface PortfolioSystemGroup extends PortfolioGroupRollup {
  system: string | null;
  /** The System's title, when it has one. */
  title?: string;
}

/**
 * A Domain's Systems (`domain: null` holds those without a Domain). A Domain
 * is a header: never a member, never scored; its roll-up is its members'.
 * @public
 */
export interface PortfolioDomainGroup extends PortfolioGroupRollup {
  domain: string | null;
  systems: PortfolioSystemGroup[];
}

/** The filtered portfolio grouped Domain → System → parts (`GET /portfolio/groups`). @public */
export interface PortfolioGroups {
  /** Entities in the filtered set. */
  total: number;
  domains: PortfolioDomainGroup[];
}

/** Each lens with the statements it shows (`GET /portfolio/lenses`). @public */
export interface PortfolioLenses {
  lenses: { id: PortfolioLens; statementIds: string[] }[];
}

/** One point of a score history (one day). @public */
export interface HistoryPoint {
  date: string;
  score: number | null;
  counts: StatusCounts;
  entities?: number;
}

/** @public */
export interface History {
  points: HistoryPoint[];
  /**
   * True when some points are demo history, built on the demo's first start
   * from the dates the demo catalog's evidence carries (not recorded).
   */
  demo?: boolean;
}

/** An attestation stored by the backend. @public */
export interface AttestationRecord {
  id: string;
  entityRef: string;
  statementId: string;
  evidenceLink: string;
  /** What was checked, in the attester's words. */
  statement: string;
  attestedBy: string;
  attestedOn: string;
  validUntil: string;
  createdAt: string;
}

/** Body of `POST /attestations`. @public */
export interface CreateAttestationRequest {
  entityRef: string;
  statementId: string;
  evidenceLink: string;
  statement: string;
  /** Defaults to the statement's review period from today. */
  validUntil?: string;
}

/** States of an exception (the list is EXCEPTION_STATES). @public */
export type { ExceptionState };

/** An exception (Tier 4) stored by the backend. @public */
export interface ExceptionRecord {
  id: string;
  entityRef: string;
  statementId: string;
  justification: string;
  compensatingControls: string;
  requestedBy: string;
  requestedAt: string;
  expiresOn: string;
  state: ExceptionState;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
}

/** Body of `POST /exceptions`. @public */
export interface CreateExceptionRequest {
  entityRef: string;
  statementId: string;
  justification: string;
  compensatingControls: string;
  expiresOn: string;
}

/** Body of `POST /exceptions/{id}/approve|reject|revoke`. @public */
export interface ExceptionDecisionRequest {
  comment?: string;
}

/** One audit-log entry: every write and every denied write. @public */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  outcome: 'allowed' | 'denied';
  entityRef?: string;
  subjectId?: string;
  before?: unknown;
  after?: unknown;
}

/** @public */
export interface AuditPage {
  total: number;
  offset: number;
  limit: number;
  items: AuditEntry[];
}

/** Why an entity is the signed-in user's: their group owns it, or they hold a role on it. @public */
export type MyRelation = 'owner' | RoleId;

/** One line of "My scorecards" (`GET /me/scorecards`). @public */
export interface MyScorecard {
  entityRef: string;
  kind: string;
  title?: string;
  relations: MyRelation[];
  score: number | null;
  gaps: number;
  dueSoon: number;
  /** What falls due next. */
  nextDue?: { date: string; statementId: string; title: string };
  /** The most severe gap. */
  firstGap?: { statementId: string; title: string };
}

/** One item of "My tasks" (`GET /me/tasks`). @public */
export type MyTask =
  | {
      type: 'acknowledge-role';
      entityRef: string;
      title?: string;
      roles: RoleId[];
      statementId: string;
      /** When an earlier acknowledgement lapses (or lapsed). */
      due?: string;
    }
  | {
      type: 'decide-exception';
      entityRef: string;
      title?: string;
      exception: ExceptionRecord;
    }
  | {
      type: 'evidence-due';
      entityRef: string;
      title?: string;
      statementId: string;
      statementTitle: string;
      due: string;
      hint?: string;
    }
  | {
      type: 'connection-review';
      entityRef: string;
      title?: string;
      statementId: string;
      due: string;
      overdue: boolean;
      message: string;
    };

/** `GET /me/tasks`. @public */
export interface MyTasks {
  asOf: string;
  /** The window "falls due" looks ahead (ISO 8601 duration). */
  dueSoonWindow: string;
  items: MyTask[];
}
