import { parseItsecAnnotations, hasItsecAnnotations } from './parse';
import {
  ITSEC_ANNOTATION_SPECS,
  ItsecAnnotationFormat,
  itsecAnnotation,
} from './spec';

const P = 'itsec.justice.gov.uk/';

/** Valid forms of each format: [written, what it parses to (as seen via parse)]. */
const VALID: Record<ItsecAnnotationFormat, string[]> = {
  classification: [
    'OFFICIAL',
    'official-sensitive',
    'Official Sensitive',
    'SECRET',
    'TOP SECRET',
    'top-secret',
  ],
  boolean: ['true', 'false', 'TRUE', ' false '],
  date: ['2025-01-31', '2024-02-29'],
  url: ['https://example.justice.gov.uk/x', 'http://intranet/doc?id=3#s2'],
  user: [
    'jane.doe',
    'user:default/jane.doe',
    'User:Default/Jane.Doe',
    'user:jane.doe',
    'default/jane.doe',
  ],
  users: ['jane.doe', 'jane.doe, user:default/sam.lee', 'a,b,,c'],
  text: ['NCSC guidance', 'IS5'],
  'text-list': ['jane.doe, incidents@example.org, #cmc-incidents'],
  enum: [],
  'enum-list': [],
  duration: [
    '4h',
    '30m',
    '1d',
    '2w',
    '4 hours',
    '90 minutes',
    'PT4H',
    'P1D',
    'pt30m',
    '0m',
  ],
  impact: [
    'C=IL3, I=IL2, A=IL2',
    'c=3,i=2,a=1',
    'A=IL0, C=IL6, I=IL4',
    'confidentiality=IL3, integrity=IL2, availability=IL2',
  ],
  suppliers: [
    'Acme Cloud Ltd=2025-04-01',
    'Acme=2025-04-01, Print Co=no-data, New Ltd',
    'Acme=2025-04-01 ISO 27001 certificate, Print Co=no-data',
  ],
  'dated-outcome': [
    '2025-07-08 pass',
    '2025-07-08 partial',
    '2025-07-08  FAIL',
  ],
  'dated-users': [
    'jane.doe=2026-03-02',
    'jane.doe = 2026-03-02, user:default/sam.lee=2026-01-15,',
    'Default/Jane.Doe=2024-02-29',
  ],
};

/** Invalid forms of each format, with a fragment of the expected message. */
const INVALID: Record<ItsecAnnotationFormat, Array<[string, string]>> = {
  classification: [
    ['SECRETISH', 'is not a classification'],
    ['RESTRICTED', 'retired in 2014'],
    ['PROTECT', 'retired in 2014'],
    ['IL3', 'is a Business Impact Level'],
    ['OFFICIAL SENSITIVE SECRET', 'is not a classification'],
  ],
  boolean: [
    ['yes', 'is not true or false'],
    ['1', 'is not true or false'],
  ],
  date: [
    ['2025-13-01', 'is not a calendar date'],
    ['2025-02-30', 'is not a calendar date'],
    ['01/02/2025', 'is not a date (use YYYY-MM-DD)'],
    ['2025-1-5', 'is not a date'],
    ['last week', 'is not a date'],
  ],
  url: [
    ['example.com/doc', 'is not a link'],
    ['ftp://example.com/doc', 'is not a link'],
    ['see the wiki', 'is not a link'],
    ['https://', 'is not a link'],
    ['https://TODO', 'is a placeholder, not a link to the document'],
    ['http://tbc/dr-plan', 'is a placeholder, not a link to the document'],
    ['https://localhost:8080/x', 'is a placeholder, not a link'],
  ],
  user: [
    ['group:default/team-a', 'is a group ref, not a user entity ref'],
    ['jane.doe@justice.gov.uk', 'not an e-mail address'],
    ['Jane Doe', 'is not a user entity ref'],
    ['jane.doe, sam.lee', 'names more than one person'],
  ],
  users: [
    ['jane.doe, group:team-a', 'has "group:team-a", which is a group ref'],
    ['Jane Doe', 'is not a user entity ref'],
    ['user:default/', 'is not a user entity ref'],
  ],
  text: [['line one\nline two', 'spans several lines']],
  'text-list': [[' , ', 'lists nothing']],
  enum: [],
  'enum-list': [],
  duration: [
    ['4', 'is not a duration'],
    ['four hours', 'is not a duration'],
    ['4y', 'is not a duration'],
    ['P', 'is not a duration'],
    ['1.5h', 'is not a duration'],
  ],
  impact: [
    ['IL3', 'is not a C/I/A impact list'],
    ['C=IL3, I=IL2', 'lacks availability'],
    ['C=IL3, I=IL2, A=IL9', 'levels run IL0 to IL6'],
    ['C=IL3, C=IL2, A=IL2', 'gives confidentiality twice'],
    ['X=IL3, I=IL2, A=IL2', 'is not a C/I/A impact list'],
  ],
  suppliers: [
    ['Acme=2025-13-01', 'after = put the assessment date'],
    ['Acme=yesterday', 'after = put the assessment date'],
    ['Acme=ISO 27001 2025-04-01', 'after = put the assessment date'],
    ['=2025-01-01', 'no supplier name'],
    ['Acme, acme=2025-01-01', 'lists "acme" twice'],
    [' , ', 'lists no suppliers'],
  ],
  'dated-outcome': [
    ['2025-07-08', 'has no outcome'],
    ['pass 2025-07-08', 'does not start with a date'],
    [
      '2025-07-32 pass',
      'starts with "2025-07-32", which is not a calendar date',
    ],
    [
      '2025-07-08 ok',
      'has outcome "ok", which is not one of pass, partial, fail',
    ],
    ['2025-07-08 pass again', 'has more than a date and an outcome'],
  ],
  'dated-users': [
    ['jane.doe', 'has "jane.doe" with no date'],
    ['jane.doe=2026-02-30', 'whose date is not a calendar date'],
    ['jane.doe=yesterday', 'whose date is not a date (use YYYY-MM-DD)'],
    ['group:team-a=2026-01-01', 'is a group ref, not a user entity ref'],
    ['jane@justice.gov.uk=2026-01-01', 'not an e-mail address'],
    [
      'jane.doe=2026-01-01, user:default/jane.doe=2026-02-01',
      'lists user:default/jane.doe twice',
    ],
    [' , ', 'lists nobody'],
  ],
};

const ENUM_INVALID = 'definitely-not-a-value';

/** Parses one annotation, with the valid examples of the annotations it requires. */
function parseOne(key: string, value: unknown) {
  const annotations: Record<string, unknown> = {
    [itsecAnnotation(key)]: value,
  };
  const spec = ITSEC_ANNOTATION_SPECS.find(s => s.key === key);
  for (const required of spec?.requires ?? []) {
    const companion = ITSEC_ANNOTATION_SPECS.find(s => s.key === required)!;
    annotations[companion.name] = companion.example;
  }
  return parseItsecAnnotations(annotations);
}

describe('itsec annotations', () => {
  it('documents every annotation in docs/annotations.md', () => {
    const docs = require('node:fs').readFileSync(
      require('node:path').resolve(
        __dirname,
        '../../../../docs/annotations.md',
      ),
      'utf8',
    );
    expect(ITSEC_ANNOTATION_SPECS).toHaveLength(54);
    const documented = (key: string) =>
      new RegExp(`\\|\\s*\`${key.replace(/-/g, '\\-')}\`\\s*\\|`).test(docs);
    expect(
      ITSEC_ANNOTATION_SPECS.filter(s => !documented(s.key)).map(s => s.key),
    ).toEqual([]);
  });

  it('has unique, well-formed names', () => {
    const keys = ITSEC_ANNOTATION_SPECS.map(s => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of ITSEC_ANNOTATION_SPECS) {
      expect(s.name).toBe(`${P}${s.key}`);
      expect(s.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.key.length).toBeLessThanOrEqual(63);
      expect(s.description.length).toBeGreaterThan(10);
    }
  });

  describe.each(ITSEC_ANNOTATION_SPECS.map(s => [s.key, s] as const))(
    '%s',
    (key, spec) => {
      it('accepts its documented example', () => {
        const r = parseOne(key, spec.example);
        expect(r.problems).toEqual([]);
      });

      const valid =
        spec.format === 'enum' || spec.format === 'enum-list'
          ? [...(spec.values ?? [])]
          : VALID[spec.format];
      it.each(valid.map(v => [v]))('accepts %j', value => {
        expect(parseOne(key, value).problems).toEqual([]);
      });

      const invalid: Array<[string, string]> =
        spec.format === 'enum' || spec.format === 'enum-list'
          ? [[ENUM_INVALID, `is not one of ${spec.values!.join(', ')}`]]
          : INVALID[spec.format];
      it.each(invalid)('rejects %j', (value, fragment) => {
        const r = parseOne(key, value);
        expect(r.problems).toHaveLength(1);
        const p = r.problems[0];
        expect(p.annotation).toBe(spec.name);
        expect(p.value).toBe(value);
        expect(
          p.message.startsWith(`${spec.name}: ${JSON.stringify(value)} `),
        ).toBe(true);
        expect(p.message).toContain(fragment);
      });

      it('rejects an empty value and a non-string value', () => {
        expect(parseOne(key, '  ').problems[0].message).toBe(
          `${spec.name}: "  " is empty; give a value or remove the annotation`,
        );
        expect(parseOne(key, 42).problems[0].message).toContain(
          'is not a string; annotation values must be strings',
        );
      });
    },
  );

  it('parses values into typed, normalised values', () => {
    const r = parseItsecAnnotations(
      {
        [`${P}classification`]: 'official-sensitive',
        [`${P}uses-hmg-crypto`]: 'TRUE',
        [`${P}role-iao`]: 'Jane.Doe, user:default/jane.doe, ops/sam',
        [`${P}role-business-siro`]: 'user:default/sarah.whitfield',
        [`${P}disposal-approver`]: 'thomas.green',
        [`${P}dr-plan-rto`]: '4 hours',
        [`${P}dr-plan-rpo`]: '2w',
        [`${P}dr-plan-last-test`]: '2025-07-08 Partial',
        [`${P}bia-impact`]: 'A=2, C=IL3, I=IL1',
        [`${P}suppliers`]:
          'Acme=2025-04-01  ISO 27001 certificate , Print Co=no-data, New Ltd',
        [`${P}disposal-scope`]: 'Cloud, physical, cloud',
        [`${P}pia`]: 'Completed',
        [`${P}incident-contacts`]: 'a, b@example.org,',
        'backstage.io/techdocs-ref': 'dir:.',
      },
      { defaultNamespace: 'hmcts' },
    );
    expect(r.problems).toEqual([]);
    expect(r.present).toBe(true);
    expect(r.values.classification).toEqual({
      classification: 'OFFICIAL',
      sensitive: true,
    });
    expect(r.values.flags['uses-hmg-crypto']).toBe(true);
    expect(r.values.roles['role-iao']).toEqual([
      'user:hmcts/jane.doe',
      'user:default/jane.doe',
      'user:ops/sam',
    ]);
    expect(r.values.roles['role-business-siro']).toEqual([
      'user:default/sarah.whitfield',
    ]);
    expect(r.values.text['disposal-approver']).toBe('user:hmcts/thomas.green');
    expect(r.values.durations).toEqual({
      'dr-plan-rto': 'PT4H',
      'dr-plan-rpo': 'P2W',
    });
    expect(r.values.drTest).toEqual({ date: '2025-07-08', outcome: 'partial' });
    expect(r.values.impact).toEqual({
      confidentiality: 3,
      integrity: 1,
      availability: 2,
    });
    expect(r.values.suppliers).toEqual([
      {
        name: 'Acme',
        handlesMojData: true,
        assessedOn: '2025-04-01',
        basis: 'ISO 27001 certificate',
      },
      { name: 'Print Co', handlesMojData: false },
      { name: 'New Ltd', handlesMojData: true },
    ]);
    expect(r.values.lists['disposal-scope']).toEqual(['cloud', 'physical']);
    expect(r.values.text.pia).toBe('completed');
    expect(r.values.lists['incident-contacts']).toEqual(['a', 'b@example.org']);
  });

  describe('role acknowledgements', () => {
    const ACK = `${P}role-acknowledgements`;
    const EVIDENCE = `${P}role-acknowledgements-evidence`;

    it('parses who signed and when, in the entity namespace', () => {
      const r = parseItsecAnnotations(
        {
          [ACK]: 'Jane.Doe=2026-03-02, user:default/sam.lee=2026-01-15',
          [EVIDENCE]: 'https://example.justice.gov.uk/acks',
        },
        { defaultNamespace: 'hmcts' },
      );
      expect(r.problems).toEqual([]);
      expect(r.values.acknowledgements).toEqual([
        { user: 'user:hmcts/jane.doe', date: '2026-03-02' },
        { user: 'user:default/sam.lee', date: '2026-01-15' },
      ]);
      expect(r.values.links['role-acknowledgements-evidence']).toBe(
        'https://example.justice.gov.uk/acks',
      );
    });

    it('reports acknowledgements without an evidence link and does not use them', () => {
      const r = parseItsecAnnotations({ [ACK]: 'jane.doe=2026-03-02' });
      expect(r.problems).toEqual([
        {
          annotation: ACK,
          value: 'jane.doe=2026-03-02',
          message: `${ACK}: "jane.doe=2026-03-02" needs ${EVIDENCE} set to a valid value too; it is not counted without it`,
        },
      ]);
      expect(r.values.acknowledgements).toBeUndefined();
    });

    it('does not use them when the evidence link is malformed', () => {
      const r = parseItsecAnnotations({
        [ACK]: 'jane.doe=2026-03-02',
        [EVIDENCE]: 'the shared drive',
      });
      expect(r.problems.map(p => p.annotation)).toEqual([EVIDENCE, ACK]);
      expect(r.values.acknowledgements).toBeUndefined();
    });

    it('accepts an evidence link on its own', () => {
      const r = parseItsecAnnotations({
        [EVIDENCE]: 'https://example.justice.gov.uk/acks',
      });
      expect(r.problems).toEqual([]);
    });
  });

  it('ignores other annotations and reports nothing when none is set', () => {
    expect(hasItsecAnnotations(undefined)).toBe(false);
    expect(hasItsecAnnotations({ 'backstage.io/techdocs-ref': 'dir:.' })).toBe(
      false,
    );
    expect(
      parseItsecAnnotations({ 'backstage.io/techdocs-ref': 'dir:.' }),
    ).toEqual({
      present: false,
      values: {
        flags: {},
        roles: {},
        dates: {},
        links: {},
        text: {},
        lists: {},
        durations: {},
      },
      problems: [],
    });
  });

  it('reports unknown itsec annotations, suggesting the closest name', () => {
    const r = parseItsecAnnotations({
      [`${P}clasification`]: 'OFFICIAL',
      [`${P}totally-made-up`]: 'x',
    });
    expect(r.problems.map(p => p.message)).toEqual([
      `${P}clasification: unknown itsec annotation (did you mean ${P}classification?)`,
      `${P}totally-made-up: unknown itsec annotation`,
    ]);
  });

  describe('consistency between annotations', () => {
    it('requires accreditation-expiry after accreditation-date', () => {
      const r = parseItsecAnnotations({
        [`${P}accreditation-date`]: '2025-05-01',
        [`${P}accreditation-expiry`]: '2025-04-01',
      });
      expect(r.problems.map(p => p.message)).toEqual([
        `${P}accreditation-expiry: "2025-04-01" is not after accreditation-date "2025-05-01"`,
      ]);
      expect(
        parseItsecAnnotations({
          [`${P}accreditation-date`]: '2025-05-01',
          [`${P}accreditation-expiry`]: '2026-04-30',
        }).problems,
      ).toEqual([]);
    });

    it('flags contradictory flags', () => {
      expect(
        parseItsecAnnotations({
          [`${P}has-suppliers`]: 'false',
          [`${P}suppliers`]: 'Acme=2025-01-01',
        }).problems[0].message,
      ).toContain('contradicts itsec.justice.gov.uk/suppliers');
      expect(
        parseItsecAnnotations({
          [`${P}uses-hmg-crypto`]: 'true',
          [`${P}uses-cryptography`]: 'false',
        }).problems[0].annotation,
      ).toBe(`${P}uses-cryptography`);
    });
  });
});
