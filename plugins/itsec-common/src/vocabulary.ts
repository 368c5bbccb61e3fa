/*
 * The closed lists every itsec package shares: each is written here once, and
 * its type is derived from it, so a value added here reaches the engine, the
 * backend's validation, the portal's filters and the CLI together.
 */

/**
 * Where one entity stands against one statement, best first (the backend
 * stores statuses by their position in this list: append, never reorder).
 *
 * - `met`: evidence present and in date.
 * - `due-soon`: met, but the evidence falls due within the due-soon window.
 * - `gap`: evidence missing, incomplete, or past its due date (including when an exception expired).
 * - `excepted`: a gap covered by an approved, in-date exception (never counted as met).
 * - `not-applicable`: the statement's conditions do not hold for this entity.
 * - `not-scored`: organisation and behaviour statements, shown as guidance; and,
 *   when attestations are not available (`attestationsAvailable: false`), a gap
 *   only an attestation in the portal could close (reason `attested-in-portal`).
 *
 * @public
 */
export const STATEMENT_STATUSES = Object.freeze([
  'met',
  'due-soon',
  'gap',
  'excepted',
  'not-applicable',
  'not-scored',
] as const);

/** One of {@link STATEMENT_STATUSES}. @public */
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/**
 * The statuses in display order, worst first: how the portal lists counts
 * and the notifications name statuses.
 *
 * @public
 */
export const STATEMENT_STATUSES_WORST_FIRST: readonly StatementStatus[] =
  Object.freeze([
    'gap',
    'due-soon',
    'excepted',
    'met',
    'not-applicable',
    'not-scored',
  ] satisfies readonly StatementStatus[]);

/**
 * The states of a policy exception (the policy's Tier 4): requested, then
 * approved or rejected by the business-group SIRO; an approved one is revoked
 * or runs out (expired).
 *
 * @public
 */
export const EXCEPTION_STATES = Object.freeze([
  'requested',
  'approved',
  'rejected',
  'revoked',
  'expired',
] as const);

/** One of {@link EXCEPTION_STATES}. @public */
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

/**
 * Government Security Classification tiers. OFFICIAL-SENSITIVE is OFFICIAL
 * with the profile's `sensitive` set, not a fourth tier (see
 * {@link CLASSIFICATION_MARKINGS} for the values people write).
 *
 * @public
 */
export const CLASSIFICATIONS = Object.freeze([
  'OFFICIAL',
  'SECRET',
  'TOP SECRET',
] as const);

/** One of {@link CLASSIFICATIONS}. @public */
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * The classification markings as written in catalog-info.yaml and on a Code of
 * Connection: the tiers plus OFFICIAL-SENSITIVE.
 *
 * @public
 */
export const CLASSIFICATION_MARKINGS = Object.freeze([
  'OFFICIAL',
  'OFFICIAL-SENSITIVE',
  'SECRET',
  'TOP SECRET',
] as const);

/** One of {@link CLASSIFICATION_MARKINGS}. @public */
export type ClassificationMarking = (typeof CLASSIFICATION_MARKINGS)[number];

/**
 * Where a system's accreditation (POL.ITSEC.013) stands.
 *
 * @public
 */
export const ACCREDITATION_STATUSES = Object.freeze([
  'not-assessed',
  'in-progress',
  'accredited',
  'accredited-with-conditions',
  'expired',
  'not-required',
] as const);

/** One of {@link ACCREDITATION_STATUSES}. @public */
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

/**
 * The catalog kinds (lowercase) that get a security scorecard: the ICT systems
 * and their parts.
 *
 * A Domain is not scored: the policy's per-system statements do not apply to
 * it. It carries the organisation-wide roles and facts (SIRO, ITSO, incident
 * plan...) that its Systems inherit; its portfolio row is to be a roll-up of
 * its Systems' scores, never a scorecard of its own. The backend's evaluation, the CLI's `itsec evaluate` and
 * the portal's scorecard card and Security tab all use this list.
 *
 * @public
 */
export const SCORED_KINDS = Object.freeze([
  'system',
  'component',
  'resource',
  'api',
] as const);

/** One of {@link SCORED_KINDS}. @public */
export type ScoredKind = (typeof SCORED_KINDS)[number];

/**
 * True when entities of `kind` (any case: 'API', 'api') get a scorecard.
 *
 * @public
 */
export function isScoredKind(kind: string): boolean {
  return (SCORED_KINDS as readonly string[]).includes(
    kind.toLocaleLowerCase('en-US'),
  );
}
