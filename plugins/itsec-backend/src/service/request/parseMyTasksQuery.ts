import { InputError } from '@backstage/errors';
import { parseIsoDuration } from '@internal/plugin-itsec-common';

/** The query of `GET /me/tasks`. */
export interface MyTasksQuery {
  /** How far ahead "falls due" looks (ISO 8601 duration); default the backend's `dueSoonWindow`. */
  dueWithin?: string;
}

/** The longest look-ahead `dueWithin` may ask for. */
const MAX_DAYS = 366;

/**
 * Reads `GET /me/tasks`'s query: `dueWithin`, an ISO 8601 duration of at
 * most a year (`P30D`, `P3M`). A bad value is a 400 naming the field.
 */
export function parseMyTasksQuery(
  query: Record<string, unknown>,
): MyTasksQuery {
  const raw = query.dueWithin;
  if (raw === undefined || raw === '') return {};
  if (typeof raw !== 'string') {
    throw new InputError('dueWithin: give it once, e.g. P30D');
  }
  const duration = parseIsoDuration(raw);
  if (!duration) {
    throw new InputError(
      `dueWithin: '${raw}' is not an ISO 8601 duration such as P30D or P3M`,
    );
  }
  if (
    duration.months > 12 ||
    (duration.months === 12
      ? duration.days > 0
      : duration.months * 31 + duration.days > MAX_DAYS)
  ) {
    throw new InputError(`dueWithin: at most a year (P1Y), not '${raw}'`);
  }
  return { dueWithin: raw };
}
