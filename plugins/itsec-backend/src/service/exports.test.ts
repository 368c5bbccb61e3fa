import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import {
  evaluate,
  mojIctSecurityPolicy,
  PortfolioRow,
  SecurityProfile,
  STATEMENT_STATUSES,
} from '@internal/plugin-itsec-common';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import { SCORED_REFS, STRANGER } from '../__testUtils__/fixtures';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import {
  EXPORT_BATCH,
  ExportChunks,
  mapLazily,
  oscalAssessmentResults,
  portfolioCsv,
  portfolioJson,
} from './exports';

jest.setTimeout(60_000);

const SCHEMAS = path.resolve(__dirname, '../../../../../shared/oscal-schemas');

function validator(model: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = JSON.parse(
    fs.readFileSync(
      path.join(SCHEMAS, `oscal_${model}_schema-v1.0.4.json`),
      'utf8',
    ),
  );
  return ajv.compile(schema);
}

/** What makes `doc` not conform to NIST's schema of `model` (none when valid). */
function schemaErrors(model: string, doc: unknown) {
  const validate = validator(model);
  return validate(doc) ? [] : validate.errors;
}

async function collect(chunks: ExportChunks): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

function row(i: number): PortfolioRow {
  return {
    entityRef: `component:default/c-${i}`,
    kind: 'component',
    title: i % 2 ? `C "${i}", quoted` : undefined,
    score: i % 3 ? 50 + i : null,
    counts: Object.fromEntries(STATEMENT_STATUSES.map(s => [s, 1])) as any,
    statuses: { 'POL.ITSEC.001': 'gap' },
    evaluatedAt: '2026-10-01T09:00:00.000Z',
  };
}

const profile = (entityRef: string): SecurityProfile => ({
  entityRef,
  kind: 'component',
  classification: 'OFFICIAL',
  sensitive: false,
  roles: {},
  flags: {
    usesCryptography: true,
    usesHmgCrypto: false,
    handlesPersonalData: true,
    hasSuppliers: false,
    hasExternalConnections: false,
  },
  records: { riskAssessment: { date: '2026-09-01', method: 'NCSC' } },
  codesOfConnection: [],
  attestations: [],
  exceptions: [],
});

describe('streamed exports', () => {
  const rows = Array.from({ length: EXPORT_BATCH * 2 + 7 }, (_, i) => row(i));

  it('writes CSV in chunks of rows, one line per entity after the header', async () => {
    const chunks = await collect(portfolioCsv(rows, mojIctSecurityPolicy));
    expect(chunks).toHaveLength(1 + 3);
    const lines = chunks.join('').split('\r\n');
    expect(lines).toHaveLength(1 + rows.length + 1);
    expect(lines[0]).toMatch(/^entityRef,kind,title,/);
    expect(lines[2]).toMatch(
      /^component:default\/c-1,component,"C ""1"", quoted",/,
    );
  });

  it('writes JSON whose chunks join into the whole document', async () => {
    const chunks = await collect(
      portfolioJson({
        rows,
        total: rows.length,
        policy: mojIctSecurityPolicy,
        generatedAt: '2026-10-01T09:00:00.000Z',
      }),
    );
    expect(chunks.length).toBeGreaterThan(3);
    const doc = JSON.parse(chunks.join(''));
    expect(doc.total).toBe(rows.length);
    expect(doc.items).toEqual(JSON.parse(JSON.stringify(rows)));
  });

  it('yields the OSCAL head before building a row or evaluating anything, then one batch at a time', async () => {
    const batches: number[] = [];
    const five = rows.slice(0, 5);
    let built = 0;
    const it = oscalAssessmentResults({
      policy: mojIctSecurityPolicy,
      rows: mapLazily(five, r => {
        built++;
        return r;
      }),
      refs: five.map(r => r.entityRef),
      batchSize: 2,
      evaluationsOf: async batch => {
        batches.push(batch.length);
        // An entity the store no longer has is left out.
        return batch
          .filter(r => r.entityRef !== 'component:default/c-3')
          .map(r => ({
            row: r,
            evaluation: evaluate(profile(r.entityRef), mojIctSecurityPolicy, {
              asOf: '2026-10-01',
              dueSoonWindow: 'P30D',
            }),
          }));
      },
      planHref: 'https://portal.example/api/itsec/oscal/assessment-plan',
      generatedAt: '2026-10-01T09:00:00.000Z',
    });
    const head = await it.next();
    expect(built).toBe(0);
    expect(batches).toEqual([]);
    expect(head.value).toMatch(/^\{"assessment-results":\{"uuid":/);
    const rest = await collect(it);
    expect(batches).toEqual([2, 2, 1]);
    expect(built).toBe(5);
    const doc = JSON.parse([head.value, ...rest].join(''));
    expect(doc['assessment-results'].results).toHaveLength(4);
    expect(schemaErrors('assessment-results', doc)).toEqual([]);
  });
});

describe('export routes', () => {
  const clock = new FixedClock('2026-10-01T09:00:00Z');
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      manualTasks: true,
      itsec: {},
    });
    await backend.evaluate();
  });

  afterAll(async () => backend?.stop());

  it('streams OSCAL assessment results that validate against NIST schema', async () => {
    const res = await backend.get('/portfolio/export?format=oscal', STRANGER);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // Streamed: no length known up front.
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const results = res.body['assessment-results'].results;
    expect(
      results.map(
        (r: any) => r.props.find((p: any) => p.name === 'entity-ref').value,
      ),
    ).toEqual(expect.arrayContaining(SCORED_REFS));
    expect(results.some((r: any) => r.findings?.length)).toBe(true);
    expect(schemaErrors('assessment-results', res.body)).toEqual([]);
  });

  it('publishes a catalog and an assessment plan that validate against NIST schema', async () => {
    const catalog = await backend.get('/oscal/catalog', STRANGER);
    expect(schemaErrors('catalog', catalog.body)).toEqual([]);
    const plan = await backend.get('/oscal/assessment-plan', STRANGER);
    expect(schemaErrors('assessment-plan', plan.body)).toEqual([]);
  });

  it('streams CSV and JSON exports of the same rows', async () => {
    const csv = await backend.get('/portfolio/export?format=csv', STRANGER);
    expect(csv.status).toBe(200);
    expect(csv.headers['transfer-encoding']).toBe('chunked');
    const csvRefs = csv.text
      .trim()
      .split('\r\n')
      .slice(1)
      .map(l => l.split(',')[0]);
    const json = await backend.get('/portfolio/export?format=json', STRANGER);
    expect(json.status).toBe(200);
    expect(json.headers['transfer-encoding']).toBe('chunked');
    expect(json.body.total).toBe(csvRefs.length);
    expect(json.body.items.map((r: any) => r.entityRef)).toEqual(csvRefs);
    expect(csvRefs).toEqual(expect.arrayContaining(SCORED_REFS));
  });
});
