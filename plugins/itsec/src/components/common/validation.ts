import {
  addDurationToDate,
  parseIsoDuration,
} from '@internal/plugin-itsec-common';

/** Today as 'YYYY-MM-DD' in the user's time zone. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && !!url.host
    );
  } catch {
    return false;
  }
}

export function isIsoDateString(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * The latest date `duration` (ISO 8601, e.g. 'P12M') allows from `today`, and
 * the duration in words; undefined when the duration cannot be read.
 */
export function latestDate(
  today: string,
  duration: string | undefined,
): { date: string; human: string } | undefined {
  const parsed = parseIsoDuration(duration);
  if (!parsed) return undefined;
  const date = addDurationToDate(today, parsed);
  return date ? { date, human: parsed.human } : undefined;
}

/** The date `days` days ago as 'YYYY-MM-DD' (its UTC date). */
export function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return d.toISOString().slice(0, 10);
}
