/*
 * What an itsec.justice.gov.uk/ annotation spec row is. The rows live with
 * the checks that read them (evaluate/checks/*.ts); spec.ts assembles the table.
 */

import { ITSEC_ANNOTATION_PREFIX } from '../profile/annotations';
import type { ProfileFlag } from '../profile/types';

/**
 * The value format of an annotation.
 *
 * - `classification`: OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET
 * - `boolean`: `true` or `false`
 * - `date`: an ISO calendar date, `YYYY-MM-DD`
 * - `url`: an absolute `http(s)://` link
 * - `user`: one User entity ref (`user:default/jane.doe`, or `jane.doe`)
 * - `users`: a comma list of User entity refs
 * - `text`: free text on one line
 * - `text-list`: a comma list of free-text items
 * - `enum`: one of a fixed set of values
 * - `enum-list`: a comma list of values from a fixed set
 * - `duration`: a time span such as `4h`, `30m`, `1d`, `2w` or ISO 8601 `PT4H`
 * - `impact`: Business Impact Levels for C, I and A, e.g. `C=IL3, I=IL2, A=IL2`
 * - `suppliers`: a comma list of `Name`, `Name=YYYY-MM-DD [basis]` (assessed on) or `Name=no-data`
 * - `dated-outcome`: a date and an outcome, e.g. `2025-07-08 pass`
 * - `dated-users`: a comma list of `user=YYYY-MM-DD`, e.g. `jane.doe=2026-03-02`
 *
 * @public
 */
export type ItsecAnnotationFormat =
  | 'classification'
  | 'boolean'
  | 'date'
  | 'url'
  | 'user'
  | 'users'
  | 'text'
  | 'text-list'
  | 'enum'
  | 'enum-list'
  | 'duration'
  | 'impact'
  | 'suppliers'
  | 'dated-outcome'
  | 'dated-users';

/**
 * The documentation group an annotation belongs to.
 *
 * @public
 */
export type ItsecAnnotationGroup =
  | 'classification'
  | 'flags'
  | 'roles'
  | 'security-procedures'
  | 'risk-assessment'
  | 'accreditation'
  | 'itso-advice'
  | 'bia'
  | 'pia'
  | 'change-log'
  | 'incident'
  | 'disposal'
  | 'dr-plan'
  | 'suppliers';

/**
 * One annotation: its name, value format and meaning.
 *
 * @public
 */
export interface ItsecAnnotationSpec {
  /** The name after the prefix, e.g. 'dr-plan-last-test'. */
  key: string;
  /** The full annotation name, e.g. 'itsec.justice.gov.uk/dr-plan-last-test'. */
  name: string;
  format: ItsecAnnotationFormat;
  group: ItsecAnnotationGroup;
  /** Allowed values, for `enum` and `enum-list`. */
  values?: readonly string[];
  /**
   * The profile flag a condition annotation sets (statements' applicability
   * conditions read it). Which statements a row is evidence for is not written
   * here: it follows from the checks that read the row and the policy's
   * mapping of statements to checks (see annotationStatements).
   */
  flag?: ProfileFlag;
  /**
   * Short keys of annotations that must be set with this one; without them
   * the value is reported as a problem and not used.
   */
  requires?: readonly string[];
  /**
   * For values that carry dates: `event` when the date is when something
   * happened (assessed, reviewed, tested, decided, signed), which may not be
   * later than the evaluation date; `limit` when it is a forward-looking end
   * of validity, which can shorten validity but never extend it past the
   * statement's validity period.
   */
  dateRole?: 'event' | 'limit';
  /**
   * The entity kinds the annotation may be set on (any kind when absent); on
   * another kind it is a problem and the value is not used.
   */
  kinds?: readonly string[];
  /** One line: what the value means. */
  description: string;
  /** An example value. */
  example: string;
}

/** A spec row as written: everything but the full name. */
export type ItsecAnnotationSpecInput = Omit<ItsecAnnotationSpec, 'name'>;

const declared = new WeakMap<ItsecAnnotationSpec, number>();
let declaredCount = 0;

/** Declares one annotation spec row (frozen, with its full name). */
export function annotationSpec(
  s: ItsecAnnotationSpecInput,
): ItsecAnnotationSpec {
  const row = Object.freeze({
    ...s,
    name: `${ITSEC_ANNOTATION_PREFIX}${s.key}`,
  });
  declared.set(row, declaredCount++);
  return row;
}

/** The order rows were declared in (within a group, documentation order). */
export function declarationOrder(row: ItsecAnnotationSpec): number {
  return declared.get(row) ?? declaredCount;
}

/** @public */
export const PIA_OUTCOME_VALUES = Object.freeze([
  'not-required',
  'required',
  'completed',
] as const);

/** @public */
export const DR_TEST_OUTCOME_VALUES = Object.freeze([
  'pass',
  'partial',
  'fail',
] as const);

/** @public */
export const DISPOSAL_SCOPE_VALUES = Object.freeze([
  'physical',
  'cloud',
] as const);

/**
 * The kinds on which a business-group SIRO may be declared: the SIRO who
 * approves exceptions is the Domain's, else the System's, never one named by
 * the team that owns a Component, API or Resource.
 *
 * @public
 */
export const SIRO_KINDS = Object.freeze(['System', 'Domain'] as const);
