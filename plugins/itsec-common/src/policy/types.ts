import type { CheckId } from '../evaluate/checks';
import type { Classification, ProfileFlag, RoleId } from '../profile/types';

/**
 * How a statement is treated for one entity.
 *
 * - `record`: checked from the entity's records and metadata.
 * - `attestation`: met while a person's attestation (with evidence link) is in date.
 * - `organisation`: applies to the organisation or a whole domain; never scored per entity.
 * - `behaviour`: user behaviour; guidance only, never scored.
 *
 * @public
 */
export type StatementKind =
  | 'record'
  | 'attestation'
  | 'organisation'
  | 'behaviour';

/** @public */
export const STATEMENT_KINDS: readonly StatementKind[] = Object.freeze([
  'record',
  'attestation',
  'organisation',
  'behaviour',
]);

/**
 * Severity of a gap, used to order the top gaps (critical first).
 *
 * @public
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** @public */
export const SEVERITIES: readonly Severity[] = Object.freeze([
  'critical',
  'high',
  'medium',
  'low',
]);

export type { CheckId } from '../evaluate/checks';
export { CHECKS_BY_KIND } from '../evaluate/checks';

/**
 * When a statement (or a required role) applies. Every given condition must hold;
 * an empty or absent condition always applies.
 *
 * @public
 */
export interface ApplicabilityCondition {
  /** Applies only at these classification tiers. An entity with no classification is a gap. */
  classifications?: Classification[];
  /** Applies only when every one of these flags is true. */
  allFlags?: ProfileFlag[];
  /** Applies only when at least one of these flags is true. */
  anyFlags?: ProfileFlag[];
  /** Applies only when the OFFICIAL-SENSITIVE caveat is (true) or is not (false) set. */
  sensitive?: boolean;
}

/**
 * A role a statement requires, optionally only under a condition.
 *
 * @public
 */
export interface RoleRequirement {
  role: RoleId;
  when?: ApplicabilityCondition;
}

/**
 * One policy statement.
 *
 * @public
 */
export interface PolicyStatement {
  /** Unique id, e.g. 'POL.ITSEC.043'. */
  id: string;
  /** Id of the {@link PolicySection} it belongs to. */
  section: string;
  /** Short title. */
  title: string;
  /** The statement's exact text, as plain text. */
  text: string;
  kind: StatementKind;
  /** Built-in check; required for `record`, defaults to `attestation` for attestation statements. */
  check?: CheckId;
  /** What evidence satisfies it (record and attestation statements). */
  evidence?: string;
  /** When it applies; absent means always. */
  appliesWhen?: ApplicabilityCondition;
  /** How long evidence stays valid, ISO 8601 ('P12M'); absent means until changed. */
  validity?: string;
  /** Shorter validity under the OFFICIAL-SENSITIVE caveat ('P6M'). */
  validityWhenSensitive?: string;
  /** Severity of a gap (record and attestation statements). */
  severity?: Severity;
  /** Roles that must be held for this statement to be met. */
  requiredRoles?: RoleRequirement[];
  /** Standards accepted as cited (retired standards and their successors), matched case- and punctuation-insensitively. */
  acceptedStandards?: string[];
  /** Guidance shown for organisation and behaviour statements. */
  guidance?: string;
  /** Our reading where it departs from the text or DOMAIN.md. */
  notes?: string;
}

/** @public */
export interface PolicySection {
  id: string;
  title: string;
}

/**
 * A policy catalogue: the statements of one security policy as data.
 *
 * @public
 */
export interface PolicyCatalogue {
  /** Stable id, e.g. 'moj-ict-security-policy'. */
  id: string;
  title: string;
  /** Version of this catalogue file (not of the source policy). */
  version: string;
  /** When the catalogue was last reviewed ('YYYY-MM-DD'); POL.ITSEC.011 applies to it. */
  lastReviewed: string;
  description?: string;
  /** The document the catalogue transcribes. */
  source?: { title: string; url?: string; published?: string };
  sections: PolicySection[];
  statements: PolicyStatement[];
}

/**
 * One problem found while validating a policy catalogue.
 *
 * @public
 */
export interface PolicyCatalogueProblem {
  /** The statement concerned, when the problem is inside one. */
  statementId?: string;
  /** Path of the offending field, e.g. 'statements[12].validity' or 'lastReviewed'. */
  field: string;
  message: string;
}

/**
 * Thrown by {@link parsePolicyCatalogue} when a catalogue is malformed; lists every problem.
 *
 * @public
 */
export class PolicyCatalogueError extends Error {
  readonly problems: PolicyCatalogueProblem[];

  constructor(problems: PolicyCatalogueProblem[], source?: string) {
    const lines = problems.map(
      p =>
        `  - ${p.statementId ? `${p.statementId} ` : ''}${p.field}: ${
          p.message
        }`,
    );
    super(
      `Invalid policy catalogue${source ? ` ${source}` : ''}: ${
        problems.length
      } problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`,
    );
    this.name = 'PolicyCatalogueError';
    this.problems = problems;
  }
}
