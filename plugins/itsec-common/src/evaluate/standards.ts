/** Normalises a standard's name for matching: lowercase letters and digits only. */
export function normaliseStandard(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
