import type { ExceptionState } from '@internal/plugin-itsec-common';
import type { AuditQuery } from '../../database/types';
import { parseEntityRefField } from './parseEntityRef';
import { parsePage } from './parsePage';

/*
 * The OpenAPI validator has already checked the types and enums of these
 * queries; an entity ref is checked and normalised here.
 */

function entityRefOf(query: { entityRef?: string }) {
  return query.entityRef === undefined
    ? {}
    : { entityRef: parseEntityRefField(query.entityRef, 'entityRef') };
}

/** `GET /attestations`: by entity and statement. */
export function parseAttestationQuery(query: {
  entityRef?: string;
  statementId?: string;
}): { entityRef?: string; statementId?: string } {
  return {
    ...entityRefOf(query),
    ...(query.statementId !== undefined
      ? { statementId: query.statementId }
      : {}),
  };
}

/** `GET /exceptions`: by entity and state. */
export function parseExceptionQuery(query: {
  entityRef?: string;
  state?: ExceptionState;
}): { entityRef?: string; state?: ExceptionState } {
  return {
    ...entityRefOf(query),
    ...(query.state !== undefined ? { state: query.state } : {}),
  };
}

/** `GET /audit`: by entity, actor, action and outcome, a page at a time. */
export function parseAuditQuery(query: {
  entityRef?: string;
  actor?: string;
  action?: string;
  outcome?: 'allowed' | 'denied';
  offset?: number;
  limit?: number;
}): AuditQuery {
  return {
    ...entityRefOf(query),
    ...(query.actor !== undefined ? { actor: query.actor } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.outcome !== undefined ? { outcome: query.outcome } : {}),
    ...parsePage(query),
  };
}
