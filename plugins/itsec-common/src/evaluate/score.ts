import { fromDayNumber } from '../dates';
import type { CompiledPolicy } from './compile';
import type {
  EvaluationSummary,
  StatementResult,
  StatementStatus,
  TopGap,
} from './types';

/** Weight of an `excepted` result in the score (a gap covered by an exception is half-credited). */
export const SCORE_EXCEPTED_WEIGHT = 0.5;

/**
 * The score of one entity, 0-100:
 *
 * `round(100 * (met + dueSoon + 0.5 * excepted) / (met + dueSoon + gap + excepted))`
 *
 * Due-soon counts as met (its evidence is still in date); an excepted gap earns
 * half credit ({@link SCORE_EXCEPTED_WEIGHT}); not-applicable and not-scored
 * statements are left out. `null` when nothing is scored.
 *
 * @public
 */
export function computeScore(
  counts: Record<StatementStatus, number>,
): number | null {
  const scored = counts.met + counts['due-soon'] + counts.gap + counts.excepted;
  if (scored === 0) return null;
  return Math.round(
    (100 *
      (counts.met +
        counts['due-soon'] +
        SCORE_EXCEPTED_WEIGHT * counts.excepted)) /
      scored,
  );
}

/** Counts, score, top gaps and next due date of one entity's results. */
export function summarise(
  cp: CompiledPolicy,
  results: StatementResult[],
  nextDue: number,
  limit: number,
): EvaluationSummary {
  let met = 0;
  let soon = 0;
  let gaps = 0;
  let excepted = 0;
  let na = 0;
  let ns = 0;
  let gapIdx: number[] | undefined;
  for (let i = 0; i < results.length; i++) {
    switch (results[i].status) {
      case 'met':
        met++;
        break;
      case 'due-soon':
        soon++;
        break;
      case 'gap':
        gaps++;
        (gapIdx ??= []).push(i);
        break;
      case 'excepted':
        excepted++;
        break;
      case 'not-applicable':
        na++;
        break;
      default:
        ns++;
    }
  }
  const counts: Record<StatementStatus, number> = {
    met,
    'due-soon': soon,
    gap: gaps,
    excepted,
    'not-applicable': na,
    'not-scored': ns,
  };
  const topGaps: TopGap[] = [];
  if (gapIdx && limit > 0) {
    // Severity ranks are 0-3 (9 when unset): a few passes in statement order beat a sort.
    for (let rank = 0; rank <= 9 && topGaps.length < limit; rank++) {
      for (let k = 0; k < gapIdx.length && topGaps.length < limit; k++) {
        const cs = cp.statements[gapIdx[k]];
        if (cs.severityRank !== rank) continue;
        const r = results[gapIdx[k]];
        topGaps.push({
          statementId: r.statementId,
          title: cs.statement.title,
          severity: cs.severity ?? 'low',
          reasons: r.reasons,
          message: r.message,
        });
      }
      if (rank === 3) rank = 8;
    }
  }
  const scored = met + soon + gaps + excepted;
  return {
    counts,
    scored,
    score: computeScore(counts),
    topGaps,
    nextDue: nextDue !== Infinity ? fromDayNumber(nextDue) : undefined,
  };
}
