import {
  csvLines,
  type EntityEvaluation,
  type PolicyCatalogue,
} from '@internal/plugin-itsec-common';
import type { Problem } from './inputs';
import { ScoreScope, scopeNote } from './markdown';

/** `file:line: message` (`file:line: warning: message`), the form editors and CI annotate. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${
    p.message
  }`;
}

/** The problems that fail lint and evaluate: all but warnings. */
export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter(p => p.severity !== 'warning');
}

/** The JSON document of `itsec evaluate --format json`. */
export function toJsonReport(
  asOf: string,
  policy: PolicyCatalogue,
  evaluations: readonly EntityEvaluation[],
  problems: readonly Problem[],
  scope: ScoreScope = {},
) {
  return {
    asOf,
    policy: { id: policy.id, version: policy.version },
    portal: scope.portal ?? null,
    entities: evaluations.map(e => {
      const { score, ...summary } = e.summary;
      return {
        entityRef: e.entityRef,
        score,
        summary,
        results: e.results.map(r => ({
          statement: r.statementId,
          status: r.status,
          reasons: [...r.reasons],
          due: r.due ?? null,
        })),
      };
    }),
    problems: problems.map(p => ({
      file: p.file,
      line: p.line,
      message: p.message,
      ...(p.severity ? { severity: p.severity } : {}),
    })),
  };
}

/** One CSV row per entity and statement. */
export function toCsv(evaluations: readonly EntityEvaluation[]): string {
  const rows = [
    ['entityRef', 'score', 'statement', 'status', 'reasons', 'due'],
  ];
  for (const e of evaluations) {
    for (const r of e.results) {
      rows.push([
        e.entityRef,
        e.summary.score === null ? '' : String(e.summary.score),
        r.statementId,
        r.status,
        r.reasons.join(';'),
        r.due ?? '',
      ]);
    }
  }
  return csvLines(rows);
}

function pad(s: string, n: number, right = false): string {
  if (s.length >= n) return s;
  return right ? ' '.repeat(n - s.length) + s : s + ' '.repeat(n - s.length);
}

/** A human table: one line per entity, then the problems. */
export function toTable(
  asOf: string,
  policy: PolicyCatalogue,
  evaluations: readonly EntityEvaluation[],
  problems: readonly Problem[],
  scope: ScoreScope = {},
): string {
  const lines: string[] = [];
  lines.push(
    `Policy ${policy.id} ${policy.version}, as of ${asOf}: ${
      evaluations.length
    } ${evaluations.length === 1 ? 'entity' : 'entities'}`,
  );

  if (evaluations.length > 0) {
    const width = Math.max(6, ...evaluations.map(e => e.entityRef.length));
    lines.push('');
    lines.push(
      `${pad('ENTITY', width)}  SCORE  MET  DUE-SOON  GAP  EXCEPTED  TOP GAPS`,
    );
    for (const e of evaluations) {
      const c = e.summary.counts;
      const gaps = e.summary.topGaps.map(g =>
        `${g.statementId.replace('POL.ITSEC.', '')} ${
          g.reasons[0] ?? ''
        }`.trim(),
      );
      lines.push(
        [
          pad(e.entityRef, width),
          pad(
            e.summary.score === null ? '-' : String(e.summary.score),
            5,
            true,
          ),
          pad(String(c.met), 3, true),
          pad(String(c['due-soon']), 8, true),
          pad(String(c.gap), 3, true),
          pad(String(c.excepted), 8, true),
          gaps.join(', '),
        ].join('  '),
      );
    }
  }
  if (evaluations.length > 0) lines.push('', scopeNote(scope, evaluations));
  if (problems.length > 0) {
    lines.push('');
    lines.push(`Problems (${problems.length}):`);
    for (const p of problems) lines.push(formatProblem(p));
  }
  return `${lines.join('\n')}\n`;
}
