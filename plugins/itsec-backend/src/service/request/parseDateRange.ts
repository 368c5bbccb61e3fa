import { InputError } from '@backstage/errors';
import { addDurationToDate, isIsoDate } from '@internal/plugin-itsec-common';

/**
 * The days of a history: `to` (default `today`) and `from` (default a year
 * before `to`), both calendar dates with `from` not after `to`; a bad one is
 * a 400 naming the field.
 */
export function parseDateRange(
  query: { from?: string; to?: string },
  today: string,
): { from: string; to: string } {
  const to = query.to ?? today;
  if (!isIsoDate(to)) {
    throw new InputError(`to: '${to}' is not a date (YYYY-MM-DD)`);
  }
  const from = query.from ?? addDurationToDate(to, 'P1Y', -1);
  if (!isIsoDate(from)) {
    throw new InputError(`from: '${from}' is not a date (YYYY-MM-DD)`);
  }
  if (from > to) throw new InputError('from: must not be after to');
  return { from, to };
}
