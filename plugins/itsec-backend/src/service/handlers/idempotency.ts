import { ConflictError, InputError } from '@backstage/errors';
import type { ItsecClock } from '@internal/plugin-itsec-node';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import type { IdempotentResponse, ItsecStore } from '../../database/types';

// As HttpAuthService takes it: a request of any route.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRequest = Request<any, any, any, any, any>;

/** Visible ASCII, as the Idempotency-Key header draft asks. */
const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,255}$/;

/** A new request's Idempotency-Key and the hash of what it asks. */
export interface IdempotencyKey {
  key: string;
  requestHash: string;
}

/** JSON with sorted keys: the same body hashes the same whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function reusedKey(key: string): ConflictError {
  return new ConflictError(
    `Idempotency-Key: '${key}' was already used for a different request; use a new key for a new request`,
  );
}

/** Sends a stored response again, saying it is a replay. */
export function replay(res: Response, stored: IdempotentResponse) {
  res.setHeader('Idempotent-Replayed', 'true');
  res.status(stored.status).json(stored.body);
}

/** Creates records at most once per Idempotency-Key (per actor). */
export function idempotentWrites(store: ItsecStore, clock: ItsecClock) {
  /**
   * The stored response of an earlier request with this Idempotency-Key, to
   * send again; a key reused for another request is a 409.
   */
  async function check(
    req: AnyRequest,
    actor: string,
    operation: string,
  ): Promise<{ replay: IdempotentResponse } | IdempotencyKey | undefined> {
    const key = req.header('Idempotency-Key');
    if (key === undefined) return undefined;
    if (!IDEMPOTENCY_KEY_RE.test(key)) {
      throw new InputError(
        'Idempotency-Key: must be 1 to 255 visible ASCII characters, e.g. a UUID',
      );
    }
    const requestHash = createHash('sha256')
      .update(`${operation}\n${canonicalJson(req.body)}`)
      .digest('hex');
    const stored = await store.getIdempotentResponse(actor, key);
    if (!stored) return { key, requestHash };
    if (stored.operation !== operation || stored.requestHash !== requestHash) {
      throw reusedKey(key);
    }
    return { replay: stored };
  }

  /**
   * Creates a record under an optional Idempotency-Key. When a concurrent
   * request with the same key won, its response is sent instead (false).
   */
  async function createOnce(
    res: Response,
    key: IdempotencyKey | undefined,
    actor: string,
    operation: string,
    record: object,
    create: (idem?: IdempotentResponse) => Promise<void>,
  ): Promise<boolean> {
    const idem: IdempotentResponse | undefined = key && {
      actor,
      key: key.key,
      operation,
      requestHash: key.requestHash,
      status: 201,
      body: record,
      createdAt: clock.now().toISOString(),
    };
    try {
      await create(idem);
      return true;
    } catch (error) {
      const winner = key && (await store.getIdempotentResponse(actor, key.key));
      if (!winner) throw error;
      if (winner.requestHash !== key.requestHash) throw reusedKey(key.key);
      replay(res, winner);
      return false;
    }
  }

  return { check, createOnce };
}
