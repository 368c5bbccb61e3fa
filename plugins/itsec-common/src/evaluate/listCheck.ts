import { fromDayNumber } from '../dates';
import type { CompiledStatement } from './compile';
import { Ctx, gap, result } from './context';
import type { EvidenceItem, StatementResult } from './types';

/**
 * The verdict of a check over a list of dated items (Codes of Connection,
 * supplier assessments): a gap with every problem, else due-soon when any item
 * falls due within the window, else met, naming the earliest due date.
 */
export function closeListCheck(
  ctx: Ctx,
  cs: CompiledStatement,
  o: {
    what: string;
    reasons: string[] | undefined;
    problems: string[] | undefined;
    anySoon: boolean;
    minDue: number;
    evidence: EvidenceItem[];
    codes: { soon: readonly string[]; met: readonly string[] };
    done: string;
    metInDate: string;
    review: string;
  },
): StatementResult {
  if (o.reasons) {
    return gap(
      ctx,
      cs,
      o.reasons,
      `${o.what}: ${o.problems!.join('; ')}`,
      o.evidence,
      o.minDue,
    );
  }
  if (o.anySoon) {
    return result(
      ctx,
      cs,
      'due-soon',
      o.codes.soon,
      `${o.what} ${o.done}; earliest ${o.review} due ${fromDayNumber(
        o.minDue,
      )}`,
      o.evidence,
      o.minDue,
    );
  }
  return result(
    ctx,
    cs,
    'met',
    o.codes.met,
    o.minDue === Infinity
      ? `${o.what} ${o.done}`
      : `${o.what} ${o.metInDate}; next ${o.review} due ${fromDayNumber(
          o.minDue,
        )}`,
    o.evidence,
    o.minDue,
  );
}
