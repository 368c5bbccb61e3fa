import type { Entity } from '@backstage/catalog-model';
import { OWN_SOURCE } from '../profile/types';
import type { CodeOfConnection } from '../profile/types';
import { isCodeOfConnectionEntity } from './types';
import { ParsedCodeOfConnection, validateCodeOfConnection } from './validate';

/**
 * The profile connections one Code of Connection gives, keyed by the
 * lowercase ref of the entity whose profile they belong to: the MoJ system
 * and, when it is a catalog entity, the counterparty (which sees the same
 * agreement from the other side).
 *
 * @public
 */
export function codeOfConnectionToConnections(
  parsed: ParsedCodeOfConnection,
): Array<{ entityRef: string; connection: CodeOfConnection }> {
  if (!parsed.status) return [];
  const base = {
    ref: parsed.entityRef,
    status: parsed.status,
    source: OWN_SOURCE,
    ...(parsed.category ? { category: parsed.category } : {}),
    ...(parsed.agreedDate ? { agreedDate: parsed.agreedDate } : {}),
    ...(parsed.reviewDate ? { reviewDue: parsed.reviewDate } : {}),
  };
  const out: Array<{ entityRef: string; connection: CodeOfConnection }> = [];
  if (parsed.system) {
    const counterparty =
      parsed.counterpartyRef ??
      parsed.counterpartyOrganisation ??
      'unknown counterparty';
    out.push({
      entityRef: parsed.system,
      connection: { ...base, counterparty },
    });
  }
  if (
    parsed.counterpartyRef &&
    parsed.system &&
    parsed.counterpartyRef !== parsed.system
  ) {
    out.push({
      entityRef: parsed.counterpartyRef,
      connection: { ...base, counterparty: parsed.system },
    });
  }
  return out;
}

/**
 * Indexes the Codes of Connection among `entities` by the entity each one
 * applies to (see {@link codeOfConnectionToConnections}). Other entities are ignored.
 *
 * @public
 */
export function indexCodesOfConnection(
  entities: Iterable<Entity>,
): Map<string, CodeOfConnection[]> {
  const index = new Map<string, CodeOfConnection[]>();
  for (const entity of entities) {
    if (!isCodeOfConnectionEntity(entity)) continue;
    const { parsed } = validateCodeOfConnection(entity);
    for (const { entityRef, connection } of codeOfConnectionToConnections(
      parsed,
    )) {
      const list = index.get(entityRef);
      if (list) list.push(connection);
      else index.set(entityRef, [connection]);
    }
  }
  return index;
}
