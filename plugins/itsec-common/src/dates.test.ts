import {
  addDays,
  addDuration,
  addDurationToDate,
  compareIsoDates,
  daysAgo,
  daysBefore,
  daysBetween,
  formatUtcDateTime,
  isoDay,
  weekStartOf,
  fromDayNumber,
  isIsoDate,
  parseIsoDuration,
  toDayNumber,
} from './dates';

describe('dates', () => {
  it('parses YYYY-MM-DD to day numbers since 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(Date.UTC(2000, 2, 1) / 86400000);
  });

  it('agrees with UTC calendar arithmetic over four centuries', () => {
    const start = Date.UTC(1900, 0, 1) / 86400000;
    for (let d = start; d < start + 146097; d += 7) {
      const iso = new Date(d * 86400000).toISOString().slice(0, 10);
      expect(fromDayNumber(d)).toBe(iso);
      expect(toDayNumber(iso)).toBe(d);
    }
  });

  it.each([
    '',
    '2026-1-01',
    '2026-13-01',
    '2026-02-29',
    '2026-04-31',
    '2026/01/01',
    '2026-01-0a',
    '20260101xx',
    undefined,
    null,
  ])('rejects %p', value => {
    expect(toDayNumber(value as any)).toBeNaN();
    expect(isIsoDate(value)).toBe(false);
  });

  it('accepts leap days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it('parses calendar durations', () => {
    expect(parseIsoDuration('P12M')).toMatchObject({
      months: 12,
      days: 0,
      human: '12 months',
    });
    expect(parseIsoDuration('P1Y')).toMatchObject({
      months: 12,
      days: 0,
      human: '1 year',
    });
    expect(parseIsoDuration('P30D')).toMatchObject({
      months: 0,
      days: 30,
      human: '30 days',
    });
    expect(parseIsoDuration('P2W')).toMatchObject({ months: 0, days: 14 });
    expect(parseIsoDuration('P1Y6M')).toMatchObject({
      months: 18,
      human: '1 year 6 months',
    });
    for (const bad of ['P', '12M', 'PT4H', 'P-1M', 'P1.5M', '', 'p12m', 12]) {
      expect(parseIsoDuration(bad)).toBeUndefined();
    }
  });

  it('adds months on the calendar, clamping to the end of the month', () => {
    expect(addDurationToDate('2025-09-01', 'P12M')).toBe('2026-09-01');
    expect(addDurationToDate('2025-09-01', 'P1Y')).toBe('2026-09-01');
    expect(addDurationToDate('2024-02-29', 'P12M')).toBe('2025-02-28');
    expect(addDurationToDate('2024-02-29', 'P48M')).toBe('2028-02-29');
    expect(addDurationToDate('2025-01-31', 'P1M')).toBe('2025-02-28');
    expect(addDurationToDate('2025-08-31', 'P6M')).toBe('2026-02-28');
    expect(addDurationToDate('2025-12-15', 'P1M')).toBe('2026-01-15');
    expect(addDurationToDate('2026-06-15', 'P30D')).toBe('2026-07-15');
    expect(addDurationToDate('2026-06-15', 'nonsense')).toBe('');
    expect(addDurationToDate('bad', 'P1M')).toBe('');
  });

  it('goes back by a duration on the calendar (a year is P1Y, not 365 days)', () => {
    expect(addDurationToDate('2025-03-01', 'P1Y', -1)).toBe('2024-03-01');
    expect(addDurationToDate('2024-02-29', 'P1Y', -1)).toBe('2023-02-28');
    expect(addDurationToDate('2026-03-31', 'P1M', -1)).toBe('2026-02-28');
  });

  it('subtracts durations', () => {
    const d = parseIsoDuration('P1M')!;
    expect(fromDayNumber(addDuration(toDayNumber('2026-03-31'), d, -1))).toBe(
      '2026-02-28',
    );
    expect(fromDayNumber(addDuration(toDayNumber('2026-01-15'), d, -1))).toBe(
      '2025-12-15',
    );
  });

  it('compares dates', () => {
    expect(compareIsoDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareIsoDates('2026-01-02', '2026-01-02')).toBe(0);
    expect(compareIsoDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(compareIsoDates('bad', '2026-01-01')).toBe(-1);
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });

  it('takes the UTC day of an instant, whatever the local time zone', () => {
    expect(isoDay(new Date('2026-03-29T23:30:00-02:00'))).toBe('2026-03-30');
    expect(isoDay(new Date('2026-03-30T00:30:00+02:00'))).toBe('2026-03-29');
    expect(isoDay(new Date('1969-12-31T23:59:59.999Z'))).toBe('1969-12-31');
    expect(isoDay(new Date('not a date'))).toBe('');
  });

  it('adds and subtracts whole days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-01-01', 0)).toBe('2026-01-01');
    expect(addDays('2026-02-30', 1)).toBe('');
    expect(daysAgo(7, new Date('2026-03-01T08:00:00Z'))).toBe('2026-02-22');
  });

  it('finds the Monday of the ISO week', () => {
    expect(weekStartOf('2026-03-02')).toBe('2026-03-02'); // a Monday
    expect(weekStartOf('2026-03-08')).toBe('2026-03-02'); // the Sunday after
    expect(weekStartOf('2026-01-01')).toBe('2025-12-29'); // across the year
    expect(weekStartOf('1969-12-31')).toBe('1969-12-29'); // before day 0
    expect(weekStartOf('bad')).toBe('');
  });

  it('moves instants back by whole days for retention cut-offs', () => {
    expect(daysBefore(new Date('2026-03-10T12:34:56Z'), 30).toISOString()).toBe(
      '2026-02-08T12:34:56.000Z',
    );
  });

  it('formats timestamps in UTC for every reader', () => {
    expect(formatUtcDateTime('2026-10-02T09:00:00+01:00')).toBe(
      '2 Oct 2026, 08:00 UTC',
    );
    expect(formatUtcDateTime('yesterday')).toBe('');
  });
});
