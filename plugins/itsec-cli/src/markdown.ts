/*
 * A short Markdown summary (scores, gaps, problems) for a pull-request comment
 * or $GITHUB_STEP_SUMMARY.
 */
import type {
  EntityEvaluation,
  PolicyCatalogue,
} from '@internal/plugin-itsec-common';
import type { Problem } from './inputs';
import { formatProblem } from './format';

/** Most gaps and problems listed; the rest are counted. */
const LIMIT = 20;

/** Escapes text for a table cell or list item. */
function md(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function problemList(problems: readonly Problem[]): string[] {
  const lines = problems
    .slice(0, LIMIT)
    .map(p => `- \`${formatProblem(p).replace(/`/g, "'")}\``);
  if (problems.length > LIMIT)
    lines.push(`- … and ${problems.length - LIMIT} more`);
  return lines;
}

/** `itsec lint --format markdown`. */
export function lintMarkdown(
  problems: readonly Problem[],
  files: number,
  entities: number,
): string {
  const lines = [
    `### itsec lint: ${
      problems.length === 0
        ? 'no problems'
        : `${problems.length} problem${problems.length === 1 ? '' : 's'}`
    }`,
    '',
    `${entities} entities in ${files} file${files === 1 ? '' : 's'}.`,
  ];
  if (problems.length > 0) lines.push('', ...problemList(problems));
  return `${lines.join('\n')}\n`;
}

/** How the score was made: offline (files only) or with the portal's evidence. */
export interface ScoreScope {
  /** The portal read, or undefined offline. */
  portal?: string;
}

/** What the scores count, in a sentence or two. */
export function scopeNote(
  scope: ScoreScope,
  evaluations: readonly EntityEvaluation[],
): string {
  const unseen = new Set<string>();
  const unchecked = new Set<string>();
  for (const e of evaluations)
    for (const r of e.results) {
      if (r.reasons.includes('attested-in-portal')) unseen.add(r.statementId);
      if (r.reasons.includes('independence-unknown'))
        unchecked.add(r.statementId);
    }
  const statements = (n: number) => `${n} statement${n === 1 ? '' : 's'}`;
  const independence =
    unchecked.size === 0
      ? ''
      : ` ${statements(unchecked.size)} ${
          unchecked.size === 1 ? 'is' : 'are'
        } not scored because the owning groups\u2019 members are not known, so the Accreditor\u2019s and IAO\u2019s independence of the team could not be checked (independence-unknown): add the organisation\u2019s Group and User entities (e.g. org.yaml) to the inputs${
          scope.portal ? '' : ', or use --portal'
        }.`;
  if (scope.portal)
    return `Scored with the attestations and exceptions recorded in the portal (${scope.portal}).${independence}`;
  return `Scored from the catalog files only: ${
    unseen.size === 0
      ? 'no statement needed an attestation from the portal.'
      : `${statements(unseen.size)} proven by an attestation in the portal ${
          unseen.size === 1 ? 'is' : 'are'
        } not scored (attested-in-portal); use --portal to score as the portal does.`
  }${independence}`;
}

/** `itsec evaluate --format markdown`. */
export function evaluateMarkdown(
  asOf: string,
  policy: PolicyCatalogue,
  evaluations: readonly EntityEvaluation[],
  problems: readonly Problem[],
  scope: ScoreScope,
): string {
  const scores = evaluations
    .map(e => e.summary.score)
    .filter((s): s is number => s !== null);
  const lowest = scores.length ? Math.min(...scores) : undefined;
  const lines = [
    `### itsec: ${evaluations.length} ${
      evaluations.length === 1 ? 'entity' : 'entities'
    } scored against ${md(policy.title ?? policy.id)} ${md(policy.version)}${
      lowest === undefined ? '' : `, lowest score ${lowest}`
    }`,
    '',
    `As of ${asOf}. ${md(scopeNote(scope, evaluations))}`,
  ];
  if (evaluations.length > 0) {
    lines.push(
      '',
      '| Entity | Score | Met | Due soon | Gaps | Excepted | Not scored |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const e of evaluations) {
      const c = e.summary.counts;
      lines.push(
        `| ${md(e.entityRef)} | ${e.summary.score ?? '–'} | ${c.met} | ${
          c['due-soon']
        } | ${c.gap} | ${c.excepted} | ${c['not-scored']} |`,
      );
    }
    const gaps = evaluations.flatMap(e =>
      e.summary.topGaps.map(g => ({ entityRef: e.entityRef, g })),
    );
    const total = evaluations.reduce((n, e) => n + e.summary.counts.gap, 0);
    if (gaps.length > 0) {
      lines.push('', `#### Top gaps (${total} in all)`, '');
      for (const { entityRef, g } of gaps.slice(0, LIMIT)) {
        const result = evaluations
          .find(e => e.entityRef === entityRef)!
          .results.find(r => r.statementId === g.statementId);
        const fix = result?.remediation?.annotation
          ? ` Set \`${result.remediation.annotation}\`.`
          : '';
        lines.push(
          `- **${md(entityRef)}** ${md(g.statementId)} ${md(g.title)} (${
            g.severity
          }): ${md(g.message)}.${fix}`,
        );
      }
      if (gaps.length > LIMIT)
        lines.push(`- … and ${gaps.length - LIMIT} more listed`);
    }
  }
  if (problems.length > 0) {
    lines.push('', `#### Problems (${problems.length})`, '');
    lines.push(...problemList(problems));
  }
  return `${lines.join('\n').replace(/\.\./g, '.')}\n`;
}
