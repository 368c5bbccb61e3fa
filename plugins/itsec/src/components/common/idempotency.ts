import { useMemo } from 'react';

function newKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * An Idempotency-Key for one opening of a dialog: submitting again after a
 * lost answer cannot create a second record.
 */
export function useIdempotencyKey(open: boolean): string {
  // A new key each time the dialog opens.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => newKey(), [open]);
}
