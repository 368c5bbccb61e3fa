/** The backend's own message for an error (the InputError text for a 400). */
export function errorMessage(error: unknown): string {
  const e = error as {
    body?: { error?: { message?: string } };
    cause?: { message?: string };
    message?: string;
  };
  return (
    e?.body?.error?.message ?? e?.cause?.message ?? e?.message ?? String(error)
  );
}
