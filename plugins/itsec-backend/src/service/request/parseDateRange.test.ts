import { parseDateRange } from './parseDateRange';

describe('parseDateRange', () => {
  it('defaults to the year up to today', () => {
    expect(parseDateRange({}, '2026-10-01')).toEqual({
      from: '2025-10-01',
      to: '2026-10-01',
    });
  });

  it('counts the year on the calendar, leap days included', () => {
    expect(parseDateRange({ to: '2028-03-01' }, '2026-10-01')).toEqual({
      from: '2027-03-01',
      to: '2028-03-01',
    });
  });

  it('takes both ends as given', () => {
    expect(
      parseDateRange({ from: '2026-01-01', to: '2026-01-01' }, '2026-10-01'),
    ).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it.each([
    [{ from: 'yesterday' }, "from: 'yesterday' is not a date (YYYY-MM-DD)"],
    [{ to: '2026-02-30' }, "to: '2026-02-30' is not a date (YYYY-MM-DD)"],
    [{ from: '2026-10-02', to: '2026-10-01' }, 'from: must not be after to'],
  ])('rejects %j naming the field', (query, message) => {
    expect(() => parseDateRange(query, '2026-10-01')).toThrow(message);
  });
});
