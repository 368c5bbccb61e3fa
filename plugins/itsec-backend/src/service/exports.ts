import {
  csvLines,
  EntityEvaluation,
  PolicyCatalogue,
  PortfolioRow,
  STATEMENT_STATUSES,
} from '@internal/plugin-itsec-common';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';

/*
 * Exports of the filtered portfolio: CSV, JSON, and NIST OSCAL v1.2 (catalog,
 * assessment plan, assessment results).
 */

export const OSCAL_VERSION = '1.2.0';
/** Namespace of the props OSCAL does not define. */
export const ITSEC_OSCAL_NS = 'https://justice.gov.uk/ns/itsec';

// ------------------------------------------------------------------ streams

/*
 * Every export is an async sequence of string chunks, written to the response
 * as it is produced: a portfolio of 50,000 entities never exists as one string
 * or one object (its OSCAL results would pass V8's string limit).
 */

/** Chunks of an export, in order. */
export type ExportChunks = AsyncIterable<string>;

/** Rows per CSV/JSON chunk, and entities per OSCAL batch (one store read each). */
export const EXPORT_BATCH = 250;

/** A re-iterable, lazy `map` (rows are built as they are written, not up front). */
export function mapLazily<S, T>(
  items: readonly S[],
  fn: (item: S) => T,
): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield fn(item);
    },
  };
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Writes `chunks` to `res` with back-pressure. The first chunk is awaited
 * before anything is written, so an error there still reaches the error
 * handler as an ordinary error response; later errors can only end the
 * response early. A client that goes away ends the export quietly.
 */
export async function sendExport(
  res: Writable & { headersSent?: boolean },
  chunks: ExportChunks,
): Promise<void> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  async function* all() {
    if (first.done) return;
    yield first.value;
    for (;;) {
      // A fast local socket never pushes back: give the event loop a turn
      // between chunks so a long export does not hold up other requests.
      await nextTurn();
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  try {
    await pipeline(Readable.from(all()), res);
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw e;
  }
}

// ---------------------------------------------------------------------- CSV

/** The portfolio as CSV (RFC 4180 line ends): one line per entity, a column per statement. */
export async function* portfolioCsv(
  rows: Iterable<PortfolioRow>,
  policy: PolicyCatalogue,
): ExportChunks & AsyncGenerator<string> {
  const statementIds = policy.statements.map(s => s.id);
  yield csvLines(
    [
      [
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
      ],
    ],
    '\r\n',
  );
  for (const batch of batches(rows, EXPORT_BATCH)) {
    yield csvLines(
      batch.map(r => [
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
      ]),
      '\r\n',
    );
  }
}

// --------------------------------------------------------------------- JSON

/** The portfolio as JSON: `{ generatedAt, policy, total, items }`. */
export async function* portfolioJson(options: {
  rows: Iterable<PortfolioRow>;
  total: number;
  policy: PolicyCatalogue;
  generatedAt: string;
}): ExportChunks & AsyncGenerator<string> {
  const { rows, total, policy, generatedAt } = options;
  yield `{"generatedAt":${JSON.stringify(
    generatedAt,
  )},"policy":${JSON.stringify({
    id: policy.id,
    version: policy.version,
  })},"total":${total},"items":[`;
  let first = true;
  for (const batch of batches(rows, EXPORT_BATCH)) {
    const text = batch.map(r => JSON.stringify(r)).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  yield ']}';
}

// --------------------------------------------------------------------- OSCAL

/** A name-based (version 5 layout) UUID, so the same input always gives the same id. */
export function stableUuid(...parts: string[]): string {
  return uuidFromHex(
    createHash('sha1').update(parts.join('\u0000')).digest('hex'),
  );
}

function uuidFromHex(hex: string): string {
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

/** One entity's evaluation, as written to OSCAL assessment results. */
export interface EvaluatedRow {
  row: PortfolioRow;
  evaluation: EntityEvaluation;
}

/**
 * Scored results of entities as OSCAL assessment-results, one result per
 * entity, streamed: the document head first (before anything is evaluated),
 * then `evaluationsOf` is called for one batch of rows at a time.
 *
 * Compact within the model: per assessed statement one observation (what was
 * seen: the message, the reasons, when it expires) and one finding (the
 * statement's state, titled by its label; its full title is in the catalog),
 * without the optional titles, subjects and repeated text; statements that are
 * not applicable or not scored are left out.
 */
export async function* oscalAssessmentResults(options: {
  policy: PolicyCatalogue;
  /** Rows to export, in order; iterated once, as the results are written. */
  rows: Iterable<PortfolioRow>;
  /**
   * The rows' entity refs, in the same order: the document id, written first,
   * is a hash of them, so no row is built before the first byte (building
   * them all first took seconds at 50,000 entities).
   */
  refs: Iterable<string>;
  /** Evaluations of a batch of rows; rows it leaves out are not exported. */
  evaluationsOf: (rows: PortfolioRow[]) => Promise<EvaluatedRow[]>;
  planHref: string;
  generatedAt: string;
  batchSize?: number;
}): ExportChunks & AsyncGenerator<string> {
  const { policy, rows, evaluationsOf, planHref, generatedAt } = options;
  const id = createHash('sha1').update(
    ['assessment-results', policy.id, policy.version, generatedAt].join(
      '\u0000',
    ),
  );
  for (const ref of options.refs) id.update(`\u0000${ref}`);
  const head = {
    uuid: uuidFromHex(id.digest('hex')),
    metadata: metadata(
      `${policy.title}: assessment results`,
      generatedAt,
      policy.version,
    ),
    'import-ap': { href: planHref },
  };
  const headJson = JSON.stringify({ 'assessment-results': head });
  // '{"assessment-results":{…head…' + ',"results":[' … ']}}'
  yield `${headJson.slice(0, -2)},"results":[`;
  let first = true;
  for (const batch of batches(rows, options.batchSize ?? EXPORT_BATCH)) {
    for (const e of await evaluationsOf(batch)) {
      const text = JSON.stringify(oscalResult(e));
      yield first ? text : `,${text}`;
      first = false;
    }
  }
  yield ']}}';
}

function oscalResult({ row, evaluation }: EvaluatedRow) {
  const subjectUuid = stableUuid('subject', row.entityRef);
  const observations: unknown[] = [];
  const findings: unknown[] = [];
  for (const r of evaluation.results) {
    if (r.status === 'not-applicable' || r.status === 'not-scored') continue;
    const obsUuid = stableUuid(
      'observation',
      row.entityRef,
      evaluation.asOf,
      r.statementId,
    );
    const satisfied = r.status === 'met' || r.status === 'due-soon';
    observations.push({
      uuid: obsUuid,
      description: r.message || r.status,
      ...(r.reasons.length
        ? {
            props: r.reasons.map(reason =>
              prop('reason', reason, ITSEC_OSCAL_NS),
            ),
          }
        : {}),
      methods: ['EXAMINE'],
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
      title: r.statementId,
      // The itsec status (met, due-soon, gap, excepted); OSCAL's state is below.
      description: r.status,
      target: {
        type: 'statement-id',
        'target-id': `${controlId(r.statementId)}_smt`,
        status: {
          state: satisfied ? 'satisfied' : 'not-satisfied',
          ...(r.status === 'excepted'
            ? { remarks: 'A gap covered by an approved, in-date exception.' }
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
          status: { state: 'operational' },
        },
      ],
    },
    'reviewed-controls': { 'control-selections': [{ 'include-all': {} }] },
    ...(observations.length ? { observations } : {}),
    ...(findings.length ? { findings } : {}),
  };
}
