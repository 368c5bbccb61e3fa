import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  CatalogInfoEditError,
  editCatalogInfoAnnotations,
} from './editCatalogInfo';

// The real-world catalog files kept beside the repository.
const CORPUS =
  process.env.ITSEC_CORPUS ??
  path.resolve(__dirname, '../../../../../shared/corpus/real-catalog');

const P = 'itsec.justice.gov.uk/';

const FILE = [
  '# The payments service',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: payments',
  '  annotations:',
  "    github.com/project-slug: 'ministryofjustice/payments' # the repo",
  `    ${P}classification: "OFFICIAL"`,
  `    ${P}dr-plan-last-test: '2024-01-02 fail'`,
  '  tags: [java, payments]',
  'spec:',
  '  type: service',
  '  owner: team-a',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: API',
  'metadata:',
  '  name: payments',
  'spec:',
  '  type: openapi',
  '',
].join('\n');

function entityDocs(text: string) {
  return parseAllDocuments(text);
}

/** Documents of a file as plain data; undefined for a file that does not parse. */
function parsed(text: string): unknown[] | undefined {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some(d => d.errors.length > 0))
    return undefined;
  return docs.map(d => d.toJS());
}

function entitiesOf(docs: unknown[]) {
  return docs.filter(
    (d): d is { kind: string; metadata: { name: string } } =>
      !!d &&
      typeof d === 'object' &&
      typeof (d as any).kind === 'string' &&
      typeof (d as any).metadata?.name === 'string',
  );
}

function sameRef(a: any, b: any) {
  const ref = (e: any) =>
    `${e.kind}:${e.metadata.namespace ?? 'default'}/${
      e.metadata.name
    }`.toLowerCase();
  return ref(a) === ref(b);
}

describe('editCatalogInfoAnnotations', () => {
  it('updates a value in place, keeping its quoting, the comments and the other document', () => {
    const r = editCatalogInfoAnnotations(FILE, {
      entity: 'payments',
      kind: 'Component',
      annotations: { 'dr-plan-last-test': '2026-11-02 pass' },
    });
    expect(r.updated).toEqual([`${P}dr-plan-last-test`]);
    expect(r.added).toEqual([]);
    const expected = FILE.split('\n');
    expected[8] = `    ${P}dr-plan-last-test: '2026-11-02 pass'`;
    expect(r.text.split('\n')).toEqual(expected);
  });

  it('adds annotations after the last one, with full names, accepting either form of key', () => {
    const r = editCatalogInfoAnnotations(FILE, {
      entity: 'component:default/payments',
      annotations: {
        [`${P}handles-personal-data`]: 'true',
        'risk-assessment-date': '2026-10-01',
      },
    });
    expect(r.added).toEqual([
      `${P}handles-personal-data`,
      `${P}risk-assessment-date`,
    ]);
    const lines = r.text.split('\n');
    expect(lines.slice(9, 11)).toEqual([
      `    ${P}handles-personal-data: "true"`,
      `    ${P}risk-assessment-date: 2026-10-01`,
    ]);
    expect([...lines.slice(0, 9), ...lines.slice(11)]).toEqual(
      FILE.split('\n'),
    );
    const [doc] = entityDocs(r.text);
    expect(
      doc.getIn(['metadata', 'annotations', `${P}handles-personal-data`]),
    ).toBe('true');
  });

  it('creates the annotations map when the entity has none', () => {
    const r = editCatalogInfoAnnotations(FILE, {
      entity: 'payments',
      kind: 'api',
      annotations: { classification: 'OFFICIAL-SENSITIVE' },
    });
    expect(r.entity).toEqual({
      kind: 'API',
      namespace: 'default',
      name: 'payments',
    });
    expect(r.text).toBe(
      FILE.replace(
        '  name: payments\nspec:\n  type: openapi',
        `  name: payments\n  annotations:\n    ${P}classification: OFFICIAL-SENSITIVE\nspec:\n  type: openapi`,
      ),
    );
  });

  it('reports a value already set as unchanged and leaves the text as it was', () => {
    const r = editCatalogInfoAnnotations(FILE, {
      entity: 'component:payments',
      annotations: { classification: 'OFFICIAL' },
    });
    expect(r.unchanged).toEqual([`${P}classification`]);
    expect(r.text).toBe(FILE);
  });

  it('keeps CRLF line endings', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    const r = editCatalogInfoAnnotations(crlf, {
      entity: 'payments',
      kind: 'API',
      annotations: { classification: 'OFFICIAL' },
    });
    expect(r.text).not.toMatch(/[^\r]\n/);
    expect(r.text).toContain(
      `\r\n  annotations:\r\n    ${P}classification: OFFICIAL\r\n`,
    );
  });

  it.each([
    [{ 'dr-plan-last-test': '2026-11-02 maybe' }, `${P}dr-plan-last-test`],
    [{ classification: 'PUBLIC' }, `${P}classification`],
    [{ 'risk-assessment-date': '2026-13-40' }, `${P}risk-assessment-date`],
    [{ 'role-business-siro': 'jane.doe' }, `${P}role-business-siro`],
  ])(
    'refuses an invalid value %j naming the annotation',
    (annotations, name) => {
      let error: unknown;
      try {
        editCatalogInfoAnnotations(FILE, {
          entity: 'payments',
          kind: 'Component',
          annotations,
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CatalogInfoEditError);
      expect((error as Error).name).toBe('InputError');
      expect((error as Error).message).toContain(name);
      expect((error as CatalogInfoEditError).annotations).toEqual([name]);
    },
  );

  it('refuses a future date on something that happened, when given the day', () => {
    expect(() =>
      editCatalogInfoAnnotations(FILE, {
        entity: 'payments',
        kind: 'Component',
        annotations: { 'dr-plan-last-test': '2027-01-01 pass' },
        asOf: '2026-11-30',
      }),
    ).toThrow(`${P}dr-plan-last-test`);
  });

  it('refuses unknown annotations, suggesting near names', () => {
    expect(() =>
      editCatalogInfoAnnotations(FILE, {
        entity: 'payments',
        kind: 'Component',
        annotations: { 'dr-plan-tested': '2026-11-02 pass' },
      }),
    ).toThrow(
      /itsec.justice.gov.uk\/dr-plan-tested: unknown itsec annotation \(did you mean dr-plan/,
    );
    expect(() =>
      editCatalogInfoAnnotations(FILE, {
        entity: 'payments',
        kind: 'Component',
        annotations: {},
      }),
    ).toThrow('annotations: give at least one');
  });

  it('refuses an entity that is not in the file, or is ambiguous', () => {
    expect(() =>
      editCatalogInfoAnnotations(FILE, {
        entity: 'billing',
        annotations: { classification: 'OFFICIAL' },
      }),
    ).toThrow(
      'entity: no entity billing in the file (it holds component:default/payments, api:default/payments)',
    );
    expect(() =>
      editCatalogInfoAnnotations(FILE, {
        entity: 'payments',
        annotations: { classification: 'OFFICIAL' },
      }),
    ).toThrow(
      'entity: 2 entities match payments (line 3, line 16); give the kind',
    );
  });

  it('refuses text that is not YAML or holds no entity', () => {
    expect(() =>
      editCatalogInfoAnnotations('kind: A\n  bad: [\n', {
        entity: 'x',
        annotations: { classification: 'OFFICIAL' },
      }),
    ).toThrow(/^the file is not valid YAML: line \d+, column \d+: /);
    expect(() =>
      editCatalogInfoAnnotations('- a\n- b\n', {
        entity: 'x',
        annotations: { classification: 'OFFICIAL' },
      }),
    ).toThrow('the file holds no catalog entity');
  });

  describe('on every file of the real-catalog corpus', () => {
    const files = fs
      .readdirSync(CORPUS)
      .filter(f => /\.ya?ml$/.test(f))
      .sort();

    it('has the corpus', () => {
      expect(files.length).toBeGreaterThan(30);
    });

    const SET = {
      classification: 'OFFICIAL-SENSITIVE',
      'risk-assessment-date': '2026-10-01',
    };
    const UPDATE = { classification: 'OFFICIAL' };

    type Case = { file: string; text: string; before: unknown[] };
    const read = (file: string): Case => {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      return { file, text, before: parsed(text) ?? [] };
    };
    const all = files.map(read);
    const refOf = (e: any) =>
      `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
    const targets = all.flatMap(c =>
      entitiesOf(c.before).map(entity => ({
        ...c,
        ref: refOf(entity),
        index: c.before.indexOf(entity),
        duplicated: entitiesOf(c.before).some(
          e => e !== entity && sameRef(e, entity),
        ),
      })),
    );
    const unique = targets.filter(t => !t.duplicated);
    const duplicated = targets.filter(t => t.duplicated);
    const notCatalog = all.filter(c => entitiesOf(c.before).length === 0);

    it('has files of each sort', () => {
      expect(unique.length).toBeGreaterThan(50);
      expect(notCatalog.length).toBeGreaterThan(2);
    });

    it.each(notCatalog.map(c => [c.file, c] as const))(
      '%s (not catalog YAML): a clear error',
      (_, c) => {
        expect(() =>
          editCatalogInfoAnnotations(c.text, {
            entity: 'anything',
            annotations: SET,
          }),
        ).toThrow(/^the file (is not valid YAML: line \d+|holds no)/);
      },
    );

    it.each(duplicated.map(t => [t.file, t.ref, t] as const))(
      '%s %s (declared twice): refused',
      (_, ref, t) => {
        expect(() =>
          editCatalogInfoAnnotations(t.text, { entity: ref, annotations: SET }),
        ).toThrow(/the file declares it more than once/);
      },
    );

    it.each(unique.map(t => [t.file, t.ref, t] as const))(
      '%s %s: only the target annotations change',
      (_, ref, t) => {
        const { text, before, index } = t;
        const r = editCatalogInfoAnnotations(text, {
          entity: ref,
          annotations: SET,
        });
        // The parsed documents: only the target's annotations changed.
        const after = parsed(r.text)!;
        const old = before[index] as any;
        const expected = [...before];
        expected[index] = {
          ...old,
          metadata: {
            ...old.metadata,
            annotations: {
              ...old.metadata.annotations,
              [`${P}classification`]: SET.classification,
              [`${P}risk-assessment-date`]: SET['risk-assessment-date'],
            },
          },
        };
        expect(after).toEqual(expected);

        // The lines: the original lines all there in order, and one block of
        // new lines holding only the target's annotations.
        const oldLines = text.split(/\r?\n/);
        const newLines = r.text.split(/\r?\n/);
        const added = newLines.length - oldLines.length;
        let first = 0;
        while (newLines[first] === oldLines[first]) first++;
        const block = newLines.slice(first, first + added);
        expect(block.join('\n')).toMatch(
          /^(\s*annotations:\n)?\s*itsec\.justice\.gov\.uk\/classification: OFFICIAL-SENSITIVE\n\s*itsec\.justice\.gov\.uk\/risk-assessment-date: 2026-10-01$/,
        );
        expect([
          ...newLines.slice(0, first),
          ...newLines.slice(first + added),
        ]).toEqual(oldLines);

        // An update of a value just added changes that one line only.
        const u = editCatalogInfoAnnotations(r.text, {
          entity: ref,
          annotations: UPDATE,
        });
        expect(u.updated).toEqual([`${P}classification`]);
        const a = r.text.split('\n');
        const b = u.text.split('\n');
        const at = first + block.findIndex(l => l.includes('classification'));
        const expectedLines = [...a];
        expectedLines[at] = a[at].replace(/OFFICIAL-SENSITIVE$/, 'OFFICIAL');
        expect(b).toEqual(expectedLines);
      },
    );
  });
});
