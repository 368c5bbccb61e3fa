import { InputError } from '@backstage/errors';
import {
  EXCEPTION_STATES,
  ExceptionState,
} from '@internal/plugin-itsec-common';
import type { AuditQuery } from '../../database/types';
import { parseEntityRefField } from './parseEntityRef';
import { parsePage } from './parsePage';

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`${field}: give it once`);
  }
  return value;
}

function entityRefOf(query: { entityRef?: unknown }) {
  const entityRef = optionalString(query.entityRef, 'entityRef');
  return entityRef === undefined
    ? {}
    : { entityRef: parseEntityRefField(entityRef, 'entityRef') };
}

/** `GET /attestations`: by entity and statement. */
export function parseAttestationQuery(query: {
  entityRef?: unknown;
  statementId?: unknown;
}): { entityRef?: string; statementId?: string } {
  const statementId = optionalString(query.statementId, 'statementId');
  return {
    ...entityRefOf(query),
    ...(statementId !== undefined ? { statementId } : {}),
  };
}

/** `GET /exceptions`: by entity and state. */
export function parseExceptionQuery(query: {
  entityRef?: unknown;
  state?: unknown;
}): { entityRef?: string; state?: ExceptionState } {
  const state = optionalString(query.state, 'state');
  if (
    state !== undefined &&
    !(EXCEPTION_STATES as readonly string[]).includes(state)
  ) {
    throw new InputError(
      `state: '${state}' is not one of ${EXCEPTION_STATES.join(', ')}`,
    );
  }
  return {
    ...entityRefOf(query),
    ...(state !== undefined ? { state: state as ExceptionState } : {}),
  };
}

/** `GET /audit`: by entity, actor, action and outcome, a page at a time. */
export function parseAuditQuery(query: {
  entityRef?: unknown;
  actor?: unknown;
  action?: unknown;
  outcome?: unknown;
  offset?: unknown;
  limit?: unknown;
}): AuditQuery {
  const actor = optionalString(query.actor, 'actor');
  const action = optionalString(query.action, 'action');
  const outcome = optionalString(query.outcome, 'outcome');
  if (outcome !== undefined && outcome !== 'allowed' && outcome !== 'denied') {
    throw new InputError(`outcome: must be allowed or denied`);
  }
  return {
    ...entityRefOf(query),
    ...(actor !== undefined ? { actor } : {}),
    ...(action !== undefined ? { action } : {}),
    ...(outcome !== undefined ? { outcome } : {}),
    ...parsePage(query),
  };
}
