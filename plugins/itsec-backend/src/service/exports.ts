import {
  csvLines,
  EntityEvaluation,
  PolicyCatalogue,
  PortfolioRow,
  STATEMENT_STATUSES,
} from '@internal/plugin-itsec-common';
import { createHash } from 'node:crypto';

/*
 * Exports of the filtered portfolio: CSV, JSON, and NIST OSCAL v1.2 (catalog,
 * assessment plan, assessment results).
 */

export const OSCAL_VERSION = '1.2.0';
/** Namespace of the props OSCAL does not define. */
export const ITSEC_OSCAL_NS = 'https://justice.gov.uk/ns/itsec';

// ---------------------------------------------------------------------- CSV

export function portfolioCsv(
  rows: PortfolioRow[],
  policy: PolicyCatalogue,
): string {
  const statementIds = policy.statements.map(s => s.id);
  const header = [
    'entityRef',
    'kind',
    'title',
    'owner',
    'system',
    'domain',
    'classification',
    'score',
    ...STATEMENT_STATUSES,
    'evaluatedAt',
    ...statementIds,
  ];
  const lines: unknown[][] = [header];
  for (const r of rows) {
    lines.push([
      r.entityRef,
      r.kind,
      r.title,
      r.owner,
      r.system,
      r.domain,
      r.classification,
      r.score,
      ...STATEMENT_STATUSES.map(s => r.counts[s]),
      r.evaluatedAt,
      ...statementIds.map(id => r.statuses[id]),
    ]);
  }
  return csvLines(lines, '\r\n');
}

// --------------------------------------------------------------------- OSCAL

/** A name-based (version 5 layout) UUID, so the same input always gives the same id. */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(
    13,
    16,
  )}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 'POL.ITSEC.014' → 'pol-itsec-014' (an OSCAL token). */
export function controlId(statementId: string): string {
  return statementId
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z_]+/, 'c-');
}

function prop(name: string, value: string, ns?: string) {
  return ns ? { name, value, ns } : { name, value };
}

function metadata(title: string, lastModified: string, version: string) {
  return {
    title,
    'last-modified': lastModified,
    version,
    'oscal-version': OSCAL_VERSION,
  };
}

function policyTimestamp(policy: PolicyCatalogue): string {
  return `${policy.lastReviewed}T00:00:00Z`;
}

/** The policy as an OSCAL catalog: one control per statement, grouped by section. */
export function oscalCatalog(policy: PolicyCatalogue) {
  return {
    catalog: {
      uuid: stableUuid('catalog', policy.id, policy.version),
      metadata: {
        ...metadata(policy.title, policyTimestamp(policy), policy.version),
        ...(policy.source
          ? {
              remarks: `Transcribed from ${policy.source.title}${
                policy.source.published ? ` (${policy.source.published})` : ''
              }.`,
            }
          : {}),
      },
      groups: policy.sections.map(section => ({
        id: controlId(section.id),
        class: 'section',
        title: section.title,
        controls: policy.statements
          .filter(s => s.section === section.id)
          .map(s => {
            const id = controlId(s.id);
            const props = [
              prop('label', s.id),
              prop('kind', s.kind, ITSEC_OSCAL_NS),
              ...(s.severity
                ? [prop('severity', s.severity, ITSEC_OSCAL_NS)]
                : []),
              ...(s.validity
                ? [prop('review-period', s.validity, ITSEC_OSCAL_NS)]
                : []),
            ];
            const parts: Array<Record<string, unknown>> = [
              { id: `${id}_smt`, name: 'statement', prose: s.text },
            ];
            if (s.evidence) {
              parts.push({
                id: `${id}_obj`,
                name: 'assessment-objective',
                prose: s.evidence,
              });
            }
            if (s.guidance) {
              parts.push({
                id: `${id}_gdn`,
                name: 'guidance',
                prose: s.guidance,
              });
            }
            return { id, class: s.kind, title: s.title, props, parts };
          }),
      })),
    },
  };
}

/** The one static assessment plan every assessment-results document imports: all controls. */
export function oscalAssessmentPlan(
  policy: PolicyCatalogue,
  catalogHref: string,
) {
  return {
    'assessment-plan': {
      uuid: stableUuid('assessment-plan', policy.id, policy.version),
      metadata: {
        ...metadata(
          `Continuous assessment of catalog entities against ${policy.title}`,
          policyTimestamp(policy),
          policy.version,
        ),
      },
      'import-ssp': {
        href: '#',
        remarks:
          'No system security plan is published: every catalog entity of the scored kinds is a subject.',
      },
      'reviewed-controls': {
        description: 'Every statement of the policy catalogue.',
        'control-selections': [{ 'include-all': {} }],
      },
      'assessment-subjects': [
        {
          type: 'component',
          description: 'Every catalog entity of the scored kinds.',
          'include-all': {},
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: stableUuid('catalog-resource', policy.id, policy.version),
            title: policy.title,
            rlinks: [{ href: catalogHref, 'media-type': 'application/json' }],
          },
        ],
      },
    },
  };
}

/** Scored results of entities as OSCAL assessment-results: one result per entity. */
export function oscalAssessmentResults(options: {
  policy: PolicyCatalogue;
  evaluations: Array<{ row: PortfolioRow; evaluation: EntityEvaluation }>;
  planHref: string;
  generatedAt: string;
}) {
  const { policy, evaluations, planHref, generatedAt } = options;
  const titles = new Map(policy.statements.map(s => [s.id, s.title]));
  return {
    'assessment-results': {
      uuid: stableUuid(
        'assessment-results',
        policy.id,
        policy.version,
        generatedAt,
        ...evaluations.map(e => e.row.entityRef),
      ),
      metadata: metadata(
        `${policy.title}: assessment results`,
        generatedAt,
        policy.version,
      ),
      'import-ap': { href: planHref },
      results: evaluations.map(({ row, evaluation }) => {
        const subjectUuid = stableUuid('subject', row.entityRef);
        const observations: unknown[] = [];
        const findings: unknown[] = [];
        for (const r of evaluation.results) {
          if (r.status === 'not-applicable' || r.status === 'not-scored')
            continue;
          const obsUuid = stableUuid(
            'observation',
            row.entityRef,
            evaluation.asOf,
            r.statementId,
          );
          const satisfied = r.status === 'met' || r.status === 'due-soon';
          observations.push({
            uuid: obsUuid,
            title: `${r.statementId} ${titles.get(r.statementId) ?? ''}`.trim(),
            description: r.message || r.status,
            props: [
              prop('status', r.status, ITSEC_OSCAL_NS),
              ...r.reasons.map(reason =>
                prop('reason', reason, ITSEC_OSCAL_NS),
              ),
            ],
            methods: ['EXAMINE'],
            subjects: [{ 'subject-uuid': subjectUuid, type: 'component' }],
            collected: row.evaluatedAt,
            ...(r.due ? { expires: `${r.due}T23:59:59Z` } : {}),
          });
          findings.push({
            uuid: stableUuid(
              'finding',
              row.entityRef,
              evaluation.asOf,
              r.statementId,
            ),
            title: `${r.statementId} ${titles.get(r.statementId) ?? ''}`.trim(),
            description: r.message || r.status,
            target: {
              type: 'statement-id',
              'target-id': `${controlId(r.statementId)}_smt`,
              status: {
                state: satisfied ? 'satisfied' : 'not-satisfied',
                ...(r.status === 'excepted'
                  ? {
                      remarks:
                        'A gap covered by an approved, in-date exception.',
                    }
                  : {}),
              },
            },
            'related-observations': [{ 'observation-uuid': obsUuid }],
          });
        }
        return {
          uuid: stableUuid('result', row.entityRef, evaluation.asOf),
          title: row.title ? `${row.title} (${row.entityRef})` : row.entityRef,
          description: `Evaluation of ${row.entityRef} as of ${
            evaluation.asOf
          }; score ${row.score ?? 'n/a'}.`,
          start: row.evaluatedAt,
          props: [
            prop('entity-ref', row.entityRef, ITSEC_OSCAL_NS),
            ...(row.score !== null
              ? [prop('score', String(row.score), ITSEC_OSCAL_NS)]
              : []),
          ],
          'local-definitions': {
            components: [
              {
                uuid: subjectUuid,
                type: 'software',
                title: row.title ?? row.entityRef,
                description: `Backstage catalog entity ${row.entityRef}.`,
                props: [prop('entity-ref', row.entityRef, ITSEC_OSCAL_NS)],
                status: { state: 'operational' },
              },
            ],
          },
          'reviewed-controls': {
            'control-selections': [{ 'include-all': {} }],
          },
          ...(observations.length ? { observations } : {}),
          ...(findings.length ? { findings } : {}),
        };
      }),
    },
  };
}
