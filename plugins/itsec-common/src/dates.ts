/*
 * Fast calendar-date helpers for 'YYYY-MM-DD' strings.
 *
 * Dates are handled as "day numbers": whole days since 1970-01-01 in the
 * proleptic Gregorian calendar. No Date objects, no time zones.
 */

/**
 * Whole days since 1970-01-01 (negative before). `NaN` stands for "no valid date".
 *
 * @public
 */
export type DayNumber = number;

/**
 * A parsed ISO 8601 duration restricted to calendar parts (years, months, weeks, days).
 *
 * @public
 */
export interface IsoDuration {
  /** The original text, e.g. 'P12M'. */
  readonly text: string;
  /** Years and months folded into months (P1Y = 12). */
  readonly months: number;
  /** Weeks and days folded into days (P1W = 7). */
  readonly days: number;
  /** Human wording, e.g. '12 months', '1 year', '30 days'. */
  readonly human: string;
}

function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil, in integer arithmetic.
  const yy = m <= 2 ? y - 1 : y;
  const era = yy >= 0 ? (yy / 400) | 0 : Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = (((153 * mp + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

function isLeap(y: number): boolean {
  return (y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Parses 'YYYY-MM-DD' to a {@link DayNumber}; returns `NaN` for anything else
 * (wrong shape, month 13, 30 February...). Never throws.
 *
 * @public
 */
export function toDayNumber(date: string | undefined | null): DayNumber {
  if (typeof date !== 'string' || date.length !== 10) return NaN;
  if (date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
  const c0 = date.charCodeAt(0) - 48;
  const c1 = date.charCodeAt(1) - 48;
  const c2 = date.charCodeAt(2) - 48;
  const c3 = date.charCodeAt(3) - 48;
  const c5 = date.charCodeAt(5) - 48;
  const c6 = date.charCodeAt(6) - 48;
  const c8 = date.charCodeAt(8) - 48;
  const c9 = date.charCodeAt(9) - 48;
  // Unsigned comparison rejects anything outside '0'-'9' in one test per character.
  if (c0 >>> 0 > 9 || c1 >>> 0 > 9 || c2 >>> 0 > 9 || c3 >>> 0 > 9) return NaN;
  if (c5 >>> 0 > 9 || c6 >>> 0 > 9 || c8 >>> 0 > 9 || c9 >>> 0 > 9) return NaN;
  const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3;
  const m = c5 * 10 + c6;
  const d = c8 * 10 + c9;
  if (m < 1 || m > 12 || d < 1 || (d > 28 && d > daysInMonth(y, m))) return NaN;
  return daysFromCivil(y, m, d);
}

/**
 * True when `value` is a valid 'YYYY-MM-DD' calendar date.
 *
 * @public
 */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(toDayNumber(value));
}

// Direct-mapped memo for fromDayNumber: 8192 slots keyed by the low bits of the day.
const FORMAT_SLOTS = 8192;
const formatKeys = new Float64Array(FORMAT_SLOTS).fill(NaN);
const formatValues: string[] = new Array<string>(FORMAT_SLOTS).fill('');

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * Formats a {@link DayNumber} as 'YYYY-MM-DD' (memoised; the result is a pure
 * function of the input). Returns '' for `NaN` or infinities.
 *
 * @public
 */
export function fromDayNumber(day: DayNumber): string {
  if (!Number.isFinite(day)) return '';
  const slot = day & (FORMAT_SLOTS - 1);
  if (formatKeys[slot] === day) return formatValues[slot];
  // Howard Hinnant's civil_from_days.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe =
    ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) /
      365) |
    0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const ys = y >= 0 && y < 10000 ? `000${y}`.slice(-4) : `${y}`;
  const text = `${ys}-${pad2(m)}-${pad2(d)}`;
  formatKeys[slot] = day;
  formatValues[slot] = text;
  return text;
}

const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Parses an ISO 8601 duration with calendar parts only ('P12M', 'P1Y', 'P6M',
 * 'P30D', 'P2W', 'P1Y6M'). Time parts ('PT4H') and negative or empty ('P')
 * durations are rejected: returns `undefined`.
 *
 * @public
 */
export function parseIsoDuration(text: unknown): IsoDuration | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION_RE.exec(text);
  if (!m || text === 'P') return undefined;
  const y = m[1] ? Number(m[1]) : 0;
  const mo = m[2] ? Number(m[2]) : 0;
  const w = m[3] ? Number(m[3]) : 0;
  const d = m[4] ? Number(m[4]) : 0;
  const parts: string[] = [];
  if (y) parts.push(plural(y, 'year'));
  if (mo) parts.push(plural(mo, 'month'));
  if (w) parts.push(plural(w, 'week'));
  if (d) parts.push(plural(d, 'day'));
  return Object.freeze({
    text,
    months: y * 12 + mo,
    days: w * 7 + d,
    human: parts.length ? parts.join(' ') : '0 days',
  });
}

/**
 * Adds (sign = 1) or subtracts (sign = -1) a duration to a day number.
 * Months are added on the calendar and the day is clamped to the end of the
 * target month (2024-02-29 + P12M = 2025-02-28; 2025-01-31 + P1M = 2025-02-28);
 * days are then added. `NaN` in, `NaN` out.
 *
 * @public
 */
export function addDuration(
  day: DayNumber,
  duration: IsoDuration,
  sign: 1 | -1 = 1,
): DayNumber {
  if (Number.isNaN(day)) return NaN;
  let result = day;
  if (duration.months !== 0) {
    const z = day + 719468;
    const era = z >= 0 ? (z / 146097) | 0 : Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe =
      ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) /
        365) |
      0;
    const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
    const mp = ((5 * doy + 2) / 153) | 0;
    const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    const total = y * 12 + (m - 1) + sign * duration.months;
    const ny = Math.floor(total / 12);
    const nm = total - ny * 12 + 1;
    const dim = daysInMonth(ny, nm);
    result = daysFromCivil(ny, nm, d > dim ? dim : d);
  }
  return result + sign * duration.days;
}

/**
 * `date` + `duration` (or − with `sign` -1: `addDurationToDate(d, 'P1Y', -1)`
 * is a year before `d`) as 'YYYY-MM-DD' ('' when either is invalid).
 *
 * @public
 */
export function addDurationToDate(
  date: string,
  duration: string | IsoDuration,
  sign: 1 | -1 = 1,
): string {
  const dur =
    typeof duration === 'string' ? parseIsoDuration(duration) : duration;
  if (!dur) return '';
  return fromDayNumber(addDuration(toDayNumber(date), dur, sign));
}

/**
 * Compares two 'YYYY-MM-DD' dates: negative, zero or positive. Invalid dates
 * sort first (as if -Infinity).
 *
 * @public
 */
export function compareIsoDates(a: string, b: string): number {
  const x = toDayNumber(a);
  const y = toDayNumber(b);
  const xx = !Number.isNaN(x) ? x : -Infinity;
  const yy = !Number.isNaN(y) ? y : -Infinity;
  if (xx === yy) return 0;
  return xx < yy ? -1 : 1;
}

/**
 * Whole days from `from` to `to` (positive when `to` is later); `NaN` if either is invalid.
 *
 * @public
 */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Milliseconds in a UTC day; used only to move between instants and day numbers. */
const MS_PER_DAY = 86_400_000;

/**
 * The UTC calendar day of an instant as 'YYYY-MM-DD' ('' for an invalid date).
 * Every itsec package counts days in UTC, so the portal, the backend and the
 * CLI agree on "today" whatever the reader's time zone.
 *
 * @public
 */
export function isoDay(date: Date): string {
  return fromDayNumber(Math.floor(date.getTime() / MS_PER_DAY));
}

/**
 * `day` ('YYYY-MM-DD') plus `days` whole days (negative goes back); '' when
 * `day` is not a valid date. For months or years use {@link addDurationToDate}.
 *
 * @public
 */
export function addDays(day: string, days: number): string {
  return fromDayNumber(toDayNumber(day) + days);
}

/**
 * The UTC day `days` days before `now`, as 'YYYY-MM-DD'.
 *
 * @public
 */
export function daysAgo(days: number, now: Date = new Date()): string {
  return addDays(isoDay(now), -days);
}

/**
 * The Monday of the ISO week that holds `day` ('YYYY-MM-DD'); '' when `day`
 * is not a valid date.
 *
 * @public
 */
export function weekStartOf(day: string): string {
  const n = toDayNumber(day);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  return fromDayNumber(n - (((n % 7) + 10) % 7));
}

/**
 * The instant `days` whole days (of 24 hours) before `instant`: for retention
 * cut-offs measured on timestamps rather than on calendar days.
 *
 * @public
 */
export function daysBefore(instant: Date, days: number): Date {
  return new Date(instant.getTime() - days * MS_PER_DAY);
}

/**
 * An ISO timestamp as '2 Oct 2026, 09:00 UTC': the same for every reader
 * whatever their time zone ('' for a value that is not a timestamp).
 *
 * @public
 */
export function formatUtcDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.toLocaleString('en-GB', {
    timeZone: 'UTC',
    dateStyle: 'medium',
    timeStyle: 'short',
  })} UTC`;
}
