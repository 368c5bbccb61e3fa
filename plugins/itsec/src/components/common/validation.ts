import {
  addDurationToDate,
  isoDay,
  parseIsoDuration,
} from '@internal/plugin-itsec-common';

/**
 * Today as 'YYYY-MM-DD', the UTC day, as the backend counts it: a date the
 * form accepts is one the backend accepts, whatever the reader's time zone.
 */
export function todayIso(now: Date = new Date()): string {
  return isoDay(now);
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

/** The first day of the "last 12 months" of history: a year before today (UTC). */
export function historyStart(now: Date = new Date()): string {
  return addDurationToDate(isoDay(now), 'P1Y', -1);
}
