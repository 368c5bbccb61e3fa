import type { Entity } from '@backstage/catalog-model';

/** Entity kinds that get a security scorecard. @public */
export const ITSEC_ENTITY_KINDS = [
  'component',
  'system',
  'domain',
  'resource',
  'api',
] as const;

/**
 * True for entities of the kinds the security policy is evaluated for (use
 * it as the `if` of an EntitySwitch case in a legacy app).
 *
 * @public
 */
export function isItsecEntity(entity: Entity): boolean {
  return (ITSEC_ENTITY_KINDS as readonly string[]).includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}
