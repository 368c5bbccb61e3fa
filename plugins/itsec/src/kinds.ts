import type { Entity } from '@backstage/catalog-model';
import { SCORED_KINDS, isScoredKind } from '@internal/plugin-itsec-common';

/**
 * Entity kinds that get a security scorecard, card and Security tab: the
 * shared SCORED_KINDS. A Domain gets none: it is never scored (its Systems
 * inherit its roles and facts), so its tab would wait for a run that never
 * comes.
 *
 * @public
 */
export const ITSEC_ENTITY_KINDS = SCORED_KINDS;

/**
 * True for entities of the kinds the security policy is evaluated for (use
 * it as the `if` of an EntitySwitch case in a legacy app).
 *
 * @public
 */
export function isItsecEntity(entity: Entity): boolean {
  return isScoredKind(entity.kind);
}
