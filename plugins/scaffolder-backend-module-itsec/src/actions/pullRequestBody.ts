import { InputError } from '@backstage/errors';
import {
  ITSEC_ANNOTATION_SPEC_BY_NAME,
  PolicyCatalogue,
} from '@internal/plugin-itsec-common';

/** One annotation the edit set, with its value. */
export interface AnnotationSet {
  name: string;
  value: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The pull request's body: the statements the change addresses and, for each
 * annotation set, what the reviewer must check before approving.
 */
export function pullRequestBody(options: {
  entityRef: string;
  path: string;
  set: readonly AnnotationSet[];
  statements: readonly string[];
  policy: PolicyCatalogue;
}): string {
  const { entityRef, path, set, policy } = options;
  const byId = new Map(policy.statements.map(s => [s.id, s]));
  const unknown = options.statements.filter(id => !byId.has(id));
  if (unknown.length > 0) {
    throw new InputError(
      `statements: ${unknown.join(', ')} ${
        unknown.length === 1 ? 'is not a statement' : 'are not statements'
      } of the policy`,
    );
  }
  const ids = [...new Set(options.statements)];

  const lines = [
    `Sets security annotations on \`${entityRef}\` in \`${path}\`, so that the security scorecard can count the evidence below. Opened from the portal's "Close security gaps" template; the values are the team's.`,
    '',
    '## Statements this addresses',
    '',
    ...(ids.length === 0 ? ['- (none named)'] : []),
    ...ids.map(id => {
      const s = byId.get(id)!;
      return `- **${s.id}** ${s.title}${
        s.evidence ? ` — evidence: ${s.evidence}` : ''
      }`;
    }),
    '',
    '## What the reviewer must check',
    '',
    'Approve only when each value below is true and its evidence exists where the team keeps it:',
    '',
    '| Annotation | Value | Check that |',
    '|---|---|---|',
    ...set.map(a => {
      const spec = ITSEC_ANNOTATION_SPEC_BY_NAME.get(a.name);
      return `| \`${a.name}\` | \`${cell(a.value)}\` | ${cell(
        spec?.description ?? '',
      )} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
