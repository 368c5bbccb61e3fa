import type { Entity } from '@backstage/catalog-model';
import { OWN_SOURCE } from '../profile/types';
import type { CodeOfConnection, ConnectionApprovals } from '../profile/types';
import { ConnectionDirection, isCodeOfConnectionEntity } from './types';

/** The counterparty sees the same data flow the other way round. */
const REVERSED_DIRECTION: Record<ConnectionDirection, ConnectionDirection> = {
  in: 'out',
  out: 'in',
  both: 'both',
};
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
  const { accreditor, itso, iao, counterparty: signatory } = parsed.approvals;
  const approvals: ConnectionApprovals = {
    ...(accreditor ? { accreditor } : {}),
    ...(itso ? { itso } : {}),
    ...(iao ? { iao } : {}),
    ...(signatory
      ? { counterparty: { by: signatory.name, date: signatory.date } }
      : {}),
  };
  const base = {
    ref: parsed.entityRef,
    status: parsed.status,
    source: OWN_SOURCE,
    approvals,
    ...(parsed.category ? { category: parsed.category } : {}),
    ...(parsed.agreedDate ? { agreedDate: parsed.agreedDate } : {}),
    ...(parsed.reviewDate ? { reviewDue: parsed.reviewDate } : {}),
    ...(parsed.personalData !== undefined
      ? { personalData: parsed.personalData }
      : {}),
    ...(parsed.classification
      ? { classification: parsed.classification.classification }
      : {}),
    ...(parsed.informationSharingAgreement
      ? { agreementLink: parsed.informationSharingAgreement }
      : {}),
    ...(parsed.owner ? { owner: parsed.owner } : {}),
  };
  const out: Array<{ entityRef: string; connection: CodeOfConnection }> = [];
  if (parsed.system) {
    const counterparty =
      parsed.counterpartyRef ??
      parsed.counterpartyOrganisation ??
      'unknown counterparty';
    out.push({
      entityRef: parsed.system,
      connection: {
        ...base,
        counterparty,
        ...(parsed.direction ? { direction: parsed.direction } : {}),
      },
    });
  }
  if (
    parsed.counterpartyRef &&
    parsed.system &&
    parsed.counterpartyRef !== parsed.system
  ) {
    out.push({
      entityRef: parsed.counterpartyRef,
      connection: {
        ...base,
        counterparty: parsed.system,
        ...(parsed.direction
          ? { direction: REVERSED_DIRECTION[parsed.direction] }
          : {}),
      },
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

/**
 * The ITSO group when `itsec.itsoGroup` is not configured.
 *
 * @public
 */
export const DEFAULT_ITSO_GROUP = 'group:default/itso';

/**
 * Whether a Code of Connection counts for a system: only when its owner
 * (`spec.owner`) is the system's owner or the ITSO group. Otherwise anyone
 * could write an agreement that makes another team's system look connected
 * and agreed. Refs are compared lowercase.
 *
 * @public
 */
export function codeOfConnectionCountsFor(
  cocOwner: string | undefined,
  systemOwner: string | undefined,
  itsoGroup: string = DEFAULT_ITSO_GROUP,
): boolean {
  if (!cocOwner) return false;
  const owner = cocOwner.toLocaleLowerCase('en-US');
  return (
    owner === itsoGroup.toLocaleLowerCase('en-US') ||
    (!!systemOwner && owner === systemOwner.toLocaleLowerCase('en-US'))
  );
}

/**
 * The problem to report on a CodeOfConnection whose owner may not agree
 * connections for its `spec.system` (see {@link codeOfConnectionCountsFor}),
 * or undefined when it may.
 *
 * @public
 */
export function codeOfConnectionOwnerProblem(
  coc: { owner?: string; system?: string },
  systemOwner: string | undefined,
  itsoGroup: string = DEFAULT_ITSO_GROUP,
): string | undefined {
  if (!coc.system) return undefined;
  if (codeOfConnectionCountsFor(coc.owner, systemOwner, itsoGroup))
    return undefined;
  const by = coc.owner ? `"${coc.owner}"` : 'not set';
  return `spec.owner: ${by} is neither the owner of ${coc.system} (${
    systemOwner ?? 'none recorded'
  }) nor the ITSO group (${itsoGroup}); a Code of Connection belongs to the system\u2019s owner or the ITSO, so it does not count for ${
    coc.system
  }`;
}

/**
 * Keeps the Codes of Connection that count for a system owned by
 * `systemOwner` (see {@link codeOfConnectionCountsFor}).
 *
 * @public
 */
export function connectionsOwnedFor(
  connections: readonly CodeOfConnection[],
  systemOwner: string | undefined,
  itsoGroup: string = DEFAULT_ITSO_GROUP,
): CodeOfConnection[] {
  return connections.filter(c =>
    codeOfConnectionCountsFor(c.owner, systemOwner, itsoGroup),
  );
}

// The approval rules depend on nothing else here, so the engine can use them
// without loading Code of Connection validation.
export {
  CODE_OF_CONNECTION_APPROVER_ROLES,
  codeOfConnectionApprovalProblems,
} from './approvals';
export type { CodeOfConnectionApprovalProblem } from './approvals';
