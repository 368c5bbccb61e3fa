import type { Severity, StatementKind } from '../policy/types';
import type { ProfileSource } from '../profile/types';
import type { StatementStatus } from '../vocabulary';

export type { StatementStatus };

/**
 * One piece of evidence the engine looked at.
 *
 * @public
 */
export interface EvidenceItem {
  kind:
    | 'record'
    | 'attestation'
    | 'role'
    | 'exception'
    | 'code-of-connection'
    | 'supplier'
    | 'classification'
    | 'policy';
  /** What it is, e.g. 'DR plan', 'Attestation by user:default/jane'. */
  label: string;
  /** The date that counted (test date, attestation date, expiry...). */
  date?: string;
  link?: string;
  /** Own, or inherited from which entity. */
  source: ProfileSource;
}

/**
 * What would fix a gap (or renew due-soon evidence).
 *
 * @public
 */
export interface Remediation {
  /** The catalog annotation to set, e.g. 'itsec.justice.gov.uk/dr-plan-last-test'. */
  annotation?: string;
  /** True when the fix is to record an attestation. */
  attestation?: boolean;
  /** Human hint naming the record or annotation. */
  hint: string;
}

/**
 * The result for one statement. Results are read-only: some are shared between
 * evaluations.
 *
 * @public
 */
export interface StatementResult {
  statementId: string;
  kind: StatementKind;
  severity?: Severity;
  status: StatementStatus;
  /** Stable, machine-readable reason codes, e.g. 'dr-plan-missing', 'dr-test-overdue'. */
  reasons: readonly string[];
  /** Human explanation, e.g. 'DR plan last tested 2025-09-01: over 12 months ago'. */
  message: string;
  evidence: readonly EvidenceItem[];
  /** Date the evidence falls (or fell) due, 'YYYY-MM-DD'; for `excepted`, the exception's expiry. */
  due?: string;
  /** Present for gap, due-soon and excepted results (and for not-applicable when a flag is unset, and not-scored when attested in the portal). */
  remediation?: Remediation;
}

/**
 * A gap listed in the summary.
 *
 * @public
 */
export interface TopGap {
  statementId: string;
  title: string;
  severity: Severity;
  reasons: readonly string[];
  message: string;
}

/**
 * Per-entity summary.
 *
 * @public
 */
export interface EvaluationSummary {
  /** Number of results per status. */
  counts: Record<StatementStatus, number>;
  /** Scored, applicable statements: met + due-soon + gap + excepted. */
  scored: number;
  /**
   * 0-100, see {@link computeScore}: round(100 * (met + due-soon + 0.5 * excepted) / scored);
   * `null` when nothing is scored.
   */
  score: number | null;
  /** Gaps ordered by severity (critical first), then by statement order. */
  topGaps: TopGap[];
  /** Earliest future due date among met, due-soon and excepted results. */
  nextDue?: string;
}

/**
 * The evaluation of one entity against one policy on one date.
 *
 * @public
 */
export interface EntityEvaluation {
  entityRef: string;
  asOf: string;
  policy: { id: string; version: string };
  /** One result per statement, in catalogue order. */
  results: StatementResult[];
  summary: EvaluationSummary;
}

/**
 * Options for {@link evaluate}.
 *
 * @public
 */
export interface EvaluateOptions {
  /** The evaluation date, 'YYYY-MM-DD'. The engine never reads the clock. */
  asOf: string;
  /** Evidence falling due within this window of `asOf` is `due-soon`. Default 'P30D'. */
  dueSoonWindow?: string;
  /** How many gaps to list in `summary.topGaps`. Default 5. */
  topGapLimit?: number;
  /**
   * False when the portal's attestations are not available, as when the CLI
   * evaluates catalog files offline: a gap that only an attestation in the
   * portal could close (every reason's remediation is an attestation) is then
   * `not-scored` with the reason `attested-in-portal`, so the score counts
   * only what the catalog files can show. Default true.
   */
  attestationsAvailable?: boolean;
}
