import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ITSEC_ANNOTATION_SPEC_BY_NAME,
  PolicyCatalogue,
  Scorecard,
} from '@internal/plugin-itsec-common';
import { ItsecApi, entityPath } from './itsecApi';

const ENTITY_REF = (z: any) =>
  z
    .string()
    .describe('An entity ref, e.g. component:default/payments or system:civil');
// Any id the portal's policy has (a custom policy names its own statements):
// the API answers 404 for an unknown one.
const STATEMENT_ID = (z: any) =>
  z
    .string()
    .min(1)
    .max(100)
    .describe('A statement id of the portal\u2019s policy, e.g. POL.ITSEC.043');

/** How the scorecard checks a statement of each kind. */
const HOW_CHECKED: Record<string, ((check?: string) => string) | undefined> = {
  record: check =>
    `From the entity's catalog-info.yaml annotations (check ${check}).`,
  attestation: () =>
    'By an attestation recorded in the portal (statement and evidence link), valid for the validity period.',
  other: () => 'Not scored: guidance for the organisation or its people.',
};

/** The placeholder for an annotation's value: its format and the spec's example, never a value. */
export function placeholderOf(annotation: string): string {
  const spec = ITSEC_ANNOTATION_SPEC_BY_NAME.get(annotation);
  if (!spec) return '<value>';
  return `<${spec.description.replace(/[<>]/g, '')} (format ${
    spec.format
  }, e.g. ${spec.example})>`;
}

function gapsOf(card: Scorecard, only?: readonly string[]) {
  const titles = new Map(
    card.evaluation.summary.topGaps.map(g => [g.statementId, g.title]),
  );
  return card.evaluation.results
    .filter(r => r.status === 'gap' || r.status === 'due-soon')
    .filter(r => !only || only.length === 0 || only.includes(r.statementId))
    .map(r => ({
      statementId: r.statementId,
      ...(titles.has(r.statementId)
        ? { title: titles.get(r.statementId)! }
        : {}),
      status: r.status,
      ...(r.severity ? { severity: r.severity } : {}),
      reasons: [...r.reasons],
      message: r.message,
      ...(r.due ? { due: r.due } : {}),
      ...(r.remediation ? { fix: r.remediation.hint } : {}),
      ...(r.remediation?.annotation
        ? { annotation: r.remediation.annotation }
        : {}),
    }));
}

/**
 * Registers the itsec actions with the actions registry (exposed to AI
 * assistants over MCP by the mcp-actions backend). Each calls the itsec API
 * on behalf of its caller, so what it answers and allows is what the HTTP API
 * answers and allows that person.
 */
export function registerItsecActions(
  registry: ActionsRegistryService,
  api: ItsecApi,
) {
  registry.register({
    name: 'get-entity-scorecard',
    title: 'Get an entity\u2019s security scorecard',
    description:
      'The security scorecard of one catalog entity against the MoJ ICT Security Policy: its score (0-100), counts per status, and each gap or item due soon with its reasons, due date and fix.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entityRef: ENTITY_REF(z) }),
      output: z =>
        z.object({
          entityRef: z.string(),
          kind: z.string(),
          evaluatedAt: z.string(),
          score: z.number().nullable(),
          counts: z.record(z.number()),
          gaps: z.array(
            z.object({
              statementId: z.string(),
              title: z.string().optional(),
              status: z.string(),
              severity: z.string().optional(),
              reasons: z.array(z.string()),
              message: z.string(),
              due: z.string().optional(),
              fix: z.string().optional(),
              annotation: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const card = await api.get<Scorecard>(
        credentials,
        `${entityPath(input.entityRef)}/scorecard`,
      );
      return {
        output: {
          entityRef: card.entityRef,
          kind: card.kind,
          evaluatedAt: card.evaluatedAt,
          score: card.evaluation.summary.score,
          counts: { ...card.evaluation.summary.counts },
          gaps: gapsOf(card),
        },
      };
    },
  });

  registry.register({
    name: 'list-portfolio-gaps',
    title: 'List the portfolio\u2019s scorecards',
    description:
      'The portfolio of scored entities, filtered as on the portfolio page (owner, system, domain, kind, classification, statement, status), a page at a time, with the total.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .optional()
            .describe('Owner group refs, comma-separated'),
          system: z
            .string()
            .optional()
            .describe('System refs, comma-separated'),
          domain: z
            .string()
            .optional()
            .describe('Domain refs, comma-separated'),
          kind: z.string().optional().describe('Kinds, comma-separated'),
          classification: z.string().optional(),
          statement: z
            .string()
            .optional()
            .describe('Statement ids, comma-separated'),
          status: z
            .string()
            .optional()
            .describe('Statement statuses, comma-separated (gap, due-soon, …)'),
          offset: z.number().int().min(0).optional(),
          limit: z.number().int().min(1).max(200).optional(),
        }),
      output: z =>
        z
          .object({
            total: z.number(),
            items: z.array(z.record(z.unknown())),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const query = new URLSearchParams(
        Object.entries(input)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      const page = await api.get<{
        total: number;
        items: Record<string, unknown>[];
      }>(credentials, `/portfolio${query.size ? `?${query}` : ''}`);
      return { output: page };
    },
  });

  registry.register({
    name: 'list-my-tasks',
    title: 'List my security tasks',
    description:
      'What the calling person has to do, as on their home page: roles they hold and have not acknowledged, exceptions waiting for their decision as SIRO, evidence on their entities falling due, and Codes of Connection up for review; soonest first.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          dueWithin: z
            .string()
            .optional()
            .describe(
              'How far ahead "falls due" looks, an ISO 8601 duration of at most a year (e.g. P30D); default the portal\u2019s due-soon window',
            ),
        }),
      output: z =>
        z
          .object({
            asOf: z.string(),
            dueSoonWindow: z.string(),
            items: z.array(
              z
                .object({
                  type: z.string(),
                  entityRef: z.string(),
                  title: z.string().optional(),
                })
                .passthrough(),
            ),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const query = input.dueWithin
        ? `?${new URLSearchParams({ dueWithin: input.dueWithin })}`
        : '';
      const tasks = await api.get<{
        asOf: string;
        dueSoonWindow: string;
        items: Array<{ type: string; entityRef: string; title?: string }>;
      }>(credentials, `/me/tasks${query}`);
      return { output: tasks };
    },
  });

  registry.register({
    name: 'explain-statement',
    title: 'Explain a policy statement',
    description:
      'One statement of the MoJ ICT Security Policy: its text, what evidence satisfies it, and how the scorecard checks it (a catalog record, a portal attestation, or guidance only).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ statementId: STATEMENT_ID(z) }),
      output: z =>
        z.object({
          id: z.string(),
          title: z.string(),
          text: z.string(),
          kind: z.string(),
          evidence: z.string().optional(),
          howChecked: z.string(),
          validity: z.string().optional(),
          severity: z.string().optional(),
          guidance: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const policy = await api.get<PolicyCatalogue>(credentials, '/policy');
      const s = policy.statements.find(x => x.id === input.statementId);
      if (!s)
        throw new NotFoundError(
          `statementId: no statement ${input.statementId} in the policy`,
        );
      const howChecked = HOW_CHECKED[s.kind]?.(s.check) ?? HOW_CHECKED.other!();
      return {
        output: {
          id: s.id,
          title: s.title,
          text: s.text,
          kind: s.kind,
          ...(s.evidence ? { evidence: s.evidence } : {}),
          howChecked,
          ...(s.validity ? { validity: s.validity } : {}),
          ...(s.severity ? { severity: s.severity } : {}),
          ...(s.guidance ? { guidance: s.guidance } : {}),
        },
      };
    },
  });

  registry.register({
    name: 'suggest-annotations',
    title: 'Suggest the annotations that close gaps',
    description:
      'For an entity and (optionally) some statements: the catalog-info.yaml annotations that would close its gaps, as a YAML snippet whose values are placeholders to replace with the team\u2019s real evidence. It never proposes values.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: ENTITY_REF(z),
          statements: z.array(STATEMENT_ID(z)).optional(),
        }),
      output: z =>
        z.object({
          snippet: z.string(),
          annotations: z.array(
            z.object({
              annotation: z.string(),
              statementIds: z.array(z.string()),
              placeholder: z.string(),
            }),
          ),
          notByAnnotation: z
            .array(z.object({ statementId: z.string(), fix: z.string() }))
            .describe(
              'Gaps an annotation cannot close (attestations, exceptions)',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const card = await api.get<Scorecard>(
        credentials,
        `${entityPath(input.entityRef)}/scorecard`,
      );
      const known = new Set(card.evaluation.results.map(r => r.statementId));
      const unknown = (input.statements ?? []).filter(s => !known.has(s));
      if (unknown.length)
        throw new InputError(
          `statements: ${unknown.join(', ')} not in the policy`,
        );
      const byAnnotation = new Map<string, string[]>();
      const notByAnnotation: { statementId: string; fix: string }[] = [];
      for (const gap of gapsOf(card, input.statements)) {
        if (gap.annotation) {
          const ids = byAnnotation.get(gap.annotation) ?? [];
          ids.push(gap.statementId);
          byAnnotation.set(gap.annotation, ids);
        } else if (gap.fix) {
          notByAnnotation.push({ statementId: gap.statementId, fix: gap.fix });
        }
      }
      const annotations = [...byAnnotation].map(
        ([annotation, statementIds]) => ({
          annotation,
          statementIds,
          placeholder: placeholderOf(annotation),
        }),
      );
      const snippet = annotations.length
        ? [
            'metadata:',
            '  annotations:',
            ...annotations.map(
              a =>
                `    ${a.annotation}: ${JSON.stringify(
                  a.placeholder,
                )} # ${a.statementIds.join(', ')}`,
            ),
            '',
          ].join('\n')
        : '';
      return { output: { snippet, annotations, notByAnnotation } };
    },
  });

  registry.register({
    name: 'record-attestation',
    title: 'Record an attestation',
    description:
      'Records an attestation for an attestation statement of an entity, as the portal\u2019s Attest button does: the caller attests, with a statement and an evidence link, and the scorecard is re-evaluated. Same permission checks, validation and audit log as POST /api/itsec/attestations.',
    attributes: { readOnly: false, idempotent: false, destructive: true },
    schema: {
      input: z =>
        z.object({
          entityRef: ENTITY_REF(z),
          statementId: STATEMENT_ID(z),
          statement: z
            .string()
            .describe('What the caller attests, in their words'),
          evidenceLink: z.string().describe('An https:// link to the evidence'),
          validUntil: z
            .string()
            .optional()
            .describe(
              'YYYY-MM-DD; default and maximum: the statement\u2019s validity period',
            ),
        }),
      output: z =>
        z.object({
          id: z.string(),
          entityRef: z.string(),
          statementId: z.string(),
          attestedBy: z.string(),
          attestedOn: z.string(),
          validUntil: z.string(),
          scorecardPending: z.boolean().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const record = await api.post<Record<string, any>>(
        credentials,
        '/attestations',
        input,
      );
      return {
        output: {
          id: record.id,
          entityRef: record.entityRef,
          statementId: record.statementId,
          attestedBy: record.attestedBy,
          attestedOn: record.attestedOn,
          validUntil: record.validUntil,
          ...(record.scorecardPending ? { scorecardPending: true } : {}),
        },
      };
    },
  });
}
