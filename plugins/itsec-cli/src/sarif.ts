/*
 * SARIF 2.1.0 for code scanning (GitHub shows the results inline on a pull
 * request): one rule per kind of lint problem and per policy statement, each
 * result at a file and line with help naming the annotation to set.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkOf,
  type EntityEvaluation,
  type PolicyCatalogue,
  type PolicyStatement,
  type StatementResult,
} from '@internal/plugin-itsec-common';
import type { FoundEntity } from './check';
import type { Problem } from './inputs';
import { problemRule } from './problemRules';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's security-severity scale (0-10) for the statements' severities. */
const SECURITY_SEVERITY: Record<string, string> = {
  critical: '9.0',
  high: '7.0',
  medium: '5.0',
  low: '3.0',
};

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: Record<string, unknown>;
}

/** What the SARIF document is built from. */
export interface SarifInput {
  version: string;
  /** Where to learn about the tool. */
  informationUri?: string;
  /** The working directory: file paths are relative to it. */
  cwd: string;
  problems: readonly Problem[];
  /** For `evaluate`: the scorecards, the policy and where each entity is. */
  evaluation?: {
    policy: PolicyCatalogue;
    evaluations: readonly EntityEvaluation[];
    entities: readonly FoundEntity[];
  };
}

function ruleName(title: string): string {
  return title
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function artifactLocation(file: string) {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return {
    uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'),
    uriBaseId: 'SRCROOT',
  };
}

/** The fix for a statement, naming the annotations its check reads. */
function statementHelp(st: PolicyStatement): string {
  const check = checkOf(st);
  const annotations = check?.annotations.map(a => a.name) ?? [];
  const parts = [`${st.id} ${st.title}: ${st.text}`];
  if (st.evidence) parts.push(`Evidence: ${st.evidence}.`);
  if (annotations.length > 0) {
    parts.push(
      `Record it with the annotations ${annotations.join(
        ', ',
      )} on the entity, or on its System or Domain to inherit them (see docs/annotations.md).`,
    );
  }
  if (st.kind === 'attestation') {
    parts.push(
      `${
        annotations.length ? 'Or attest' : 'Attest'
      } in the portal, with an evidence link: an attestation lives in the portal, not in the catalog files.`,
    );
  }
  return parts.join(' ');
}

function statementRule(st: PolicyStatement): SarifRule {
  const help = statementHelp(st);
  return {
    id: st.id,
    name: ruleName(st.title),
    shortDescription: { text: st.title },
    fullDescription: { text: st.text },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', 'itsec', st.kind],
      ...(st.severity
        ? {
            'security-severity': SECURITY_SEVERITY[st.severity],
            precision: 'very-high',
          }
        : {}),
    },
  };
}

/** The line of the annotation a result names, or of the annotations block. */
function lineFor(found: FoundEntity | undefined, r: StatementResult): number {
  if (!found) return 1;
  const annotation = r.remediation?.annotation;
  return annotation
    ? found.doc.lineOf(['metadata', 'annotations', annotation])
    : found.doc.lineOf(['metadata', 'annotations']);
}

function resultText(e: EntityEvaluation, r: StatementResult): string {
  const fix = r.remediation
    ? ` To fix: ${r.remediation.hint}${
        r.remediation.annotation &&
        !r.remediation.hint.includes(r.remediation.annotation)
          ? ` (${r.remediation.annotation})`
          : ''
      }.`
    : '';
  return `${e.entityRef}: ${r.status === 'due-soon' ? 'due soon' : 'gap'}: ${
    r.message
  }.${fix}`.replace(/\.\./g, '.');
}

/** The SARIF 2.1.0 log of a lint or evaluate run. */
export function toSarif(input: SarifInput): object {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: SarifRule) => {
    if (!ruleIndex.has(rule.id)) {
      ruleIndex.set(rule.id, rules.length);
      rules.push(rule);
    }
    return ruleIndex.get(rule.id)!;
  };

  const results: object[] = [];
  const policy = input.evaluation?.policy;
  if (policy) {
    for (const st of policy.statements) {
      if (st.kind === 'record' || st.kind === 'attestation')
        addRule(statementRule(st));
    }
    const byRef = new Map<string, FoundEntity>();
    for (const f of input.evaluation!.entities)
      if (!byRef.has(f.ref)) byRef.set(f.ref, f);
    for (const e of input.evaluation!.evaluations) {
      const found = byRef.get(e.entityRef);
      for (const r of e.results) {
        if (r.status !== 'gap' && r.status !== 'due-soon') continue;
        const index = ruleIndex.get(r.statementId);
        if (index === undefined) continue;
        results.push({
          ruleId: r.statementId,
          ruleIndex: index,
          level: r.status === 'gap' ? 'error' : 'warning',
          message: { text: resultText(e, r) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(found?.doc.file ?? '.'),
                region: { startLine: lineFor(found, r) },
              },
              logicalLocations: [
                { fullyQualifiedName: e.entityRef, kind: 'object' },
              ],
            },
          ],
          partialFingerprints: {
            'itsecStatement/v1': `${e.entityRef}:${r.statementId}`,
          },
          properties: { status: r.status, reasons: [...r.reasons] },
        });
      }
    }
  }

  for (const p of input.problems) {
    const rule = problemRule(p.rule, policy);
    const index = addRule({
      id: rule.id,
      name: ruleName(rule.title),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.title },
      help: { text: rule.help, markdown: rule.help },
      defaultConfiguration: { level: p.severity ?? 'error' },
      properties: { tags: ['itsec', 'catalog'] },
    });
    results.push({
      ruleId: rule.id,
      ruleIndex: index,
      level: p.severity ?? 'error',
      message: { text: p.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(p.file),
            region: { startLine: Math.max(1, p.line) },
          },
        },
      ],
    });
  }

  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'itsec',
            version: input.version,
            semanticVersion: input.version,
            ...(input.informationUri
              ? { informationUri: input.informationUri }
              : {}),
            rules,
          },
        },
        originalUriBaseIds: {
          SRCROOT: {
            uri: pathToFileURL(
              input.cwd.endsWith(path.sep) ? input.cwd : `${input.cwd}/`,
            ).href,
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
