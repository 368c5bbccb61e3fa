import {
  cleanPolicyText,
  parsePolicyCatalogue,
  parsePolicyCatalogueText,
} from './parse';
import { PolicyCatalogueError } from './types';

function minimal(): any {
  return {
    id: 'acme-policy',
    title: 'Acme Security Policy',
    version: '2',
    lastReviewed: '2026-01-01',
    sections: [{ id: 's1', title: 'Section one' }],
    statements: [
      {
        id: 'ACME.001',
        section: 's1',
        title: 'DR tested',
        text: 'Systems must have a tested DR plan.',
        kind: 'record',
        check: 'dr-plan',
        evidence: 'DR plan tested within 6 months',
        validity: 'P6M',
        severity: 'high',
      },
      {
        id: 'ACME.002',
        section: 's1',
        title: 'Be nice',
        text: 'Users must be nice.',
        kind: 'behaviour',
      },
    ],
  };
}

function problemsOf(raw: unknown) {
  try {
    parsePolicyCatalogue(raw, 'acme.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyCatalogueError);
    return e as PolicyCatalogueError;
  }
  throw new Error('expected a PolicyCatalogueError');
}

describe('parsePolicyCatalogue', () => {
  it('accepts a minimal custom catalogue and defaults attestation checks', () => {
    const raw = minimal();
    raw.statements.push({
      id: 'ACME.003',
      section: 's1',
      title: 'Pen test',
      text: 'Pen test annually',
      kind: 'attestation',
      evidence: 'Report link',
      severity: 'medium',
      validity: 'P1Y',
      appliesWhen: {
        anyFlags: ['hasExternalConnections'],
        classifications: ['OFFICIAL'],
      },
    });
    const p = parsePolicyCatalogue(raw);
    expect(p.statements.map(s => s.id)).toEqual([
      'ACME.001',
      'ACME.002',
      'ACME.003',
    ]);
    expect(p.statements[2].check).toBe('attestation');
    expect(Object.isFrozen(p.statements[2].appliesWhen)).toBe(true);
  });

  it('accepts YAML-style values: Date objects for dates, a numeric version', () => {
    const raw = minimal();
    raw.lastReviewed = new Date('2026-01-01T00:00:00Z');
    raw.version = 3;
    expect(parsePolicyCatalogue(raw)).toMatchObject({
      lastReviewed: '2026-01-01',
      version: '3',
    });
  });

  it('cleans statement prose', () => {
    const raw = minimal();
    raw.statements[0].text =
      'Must <b>conform</b> to the <a href="x">ICT Security â€“ DR Policy</a> &amp; more';
    expect(parsePolicyCatalogue(raw).statements[0].text).toBe(
      'Must conform to the ICT Security – DR Policy & more',
    );
  });

  it('lists every problem with statement id and field', () => {
    const raw = minimal();
    delete raw.id;
    raw.lastReviewed = '2026-13-01';
    raw.statements[0].validity = '12 months';
    raw.statements[0].severity = 'urgent';
    raw.statements[0].section = 'nope';
    raw.statements[1].kind = 'opinion';
    raw.statements.push({
      id: 'ACME.001',
      section: 's1',
      title: 't',
      text: 'x',
      kind: 'record',
      evidence: 'e',
      severity: 'low',
    });
    raw.statements.push({
      id: 'ACME.004',
      section: 's1',
      title: 't',
      text: '',
      kind: 'attestation',
      severity: 'low',
      valdity: 'P1Y',
    });
    raw.statements.push({
      id: 'ACME.005',
      section: 's1',
      title: 't',
      text: 'x',
      kind: 'organisation',
      severity: 'low',
      check: 'dr-plan',
    });
    raw.statements.push({
      id: 'ACME.006',
      section: 's1',
      title: 't',
      text: 'x',
      kind: 'record',
      check: 'roles',
      evidence: 'e',
      severity: 'low',
      requiredRoles: [{ role: 'cto' }],
      appliesWhen: { anyFlags: ['isCloud'], classifications: ['RESTRICTED'] },
    });
    const err = problemsOf(raw);
    const got = err.problems.map(p => `${p.statementId ?? '-'} ${p.field}`);
    expect(got).toEqual([
      '- id',
      '- lastReviewed',
      'ACME.001 statements[0].section',
      'ACME.001 statements[0].severity',
      'ACME.001 statements[0].validity',
      'ACME.002 statements[1].kind',
      'ACME.001 statements[2].id',
      'ACME.001 statements[2].check',
      'ACME.004 statements[3].valdity',
      'ACME.004 statements[3].text',
      'ACME.004 statements[3].evidence',
      'ACME.005 statements[4].check',
      'ACME.005 statements[4].severity',
      'ACME.006 statements[5].appliesWhen.classifications[0]',
      'ACME.006 statements[5].appliesWhen.anyFlags[0]',
      'ACME.006 statements[5].requiredRoles[0].role',
    ]);
    expect(err.message).toContain(
      'Invalid policy catalogue acme.yaml: 16 problems',
    );
    expect(err.message).toContain(
      'ACME.001 statements[0].validity: must be an ISO 8601 duration',
    );
    expect(err.message).toContain(
      'ACME.004 statements[3].valdity: unknown field',
    );
  });

  it('rejects non-objects and empty catalogues', () => {
    expect(problemsOf(null).problems).toEqual([
      { field: '(root)', message: expect.any(String) },
    ]);
    expect(problemsOf({}).problems.map(p => p.field)).toEqual([
      'id',
      'title',
      'version',
      'lastReviewed',
      'sections',
      'statements',
    ]);
  });

  it('requires the parameters a check needs', () => {
    const raw = minimal();
    raw.statements[0].check = 'disposal-standard';
    raw.statements.push({
      id: 'X.1',
      section: 's1',
      title: 't',
      text: 'x',
      kind: 'record',
      check: 'roles',
      evidence: 'e',
      severity: 'low',
    });
    expect(
      problemsOf(raw).problems.map(p => `${p.statementId} ${p.field}`),
    ).toEqual([
      'ACME.001 statements[0].acceptedStandards',
      'X.1 statements[2].requiredRoles',
    ]);
  });
});

describe('parsePolicyCatalogueText', () => {
  const YAML = [
    'id: acme-policy',
    'title: Acme Security Policy',
    'version: 2',
    'lastReviewed: 2026-01-01',
    'sections:',
    '  - { id: s1, title: Section one }',
    'statements:',
    '  - id: ACME.001',
    '    section: s1',
    '    title: DR tested',
    '    text: Systems must have a tested DR plan.',
    '    kind: record',
    '    check: dr-plan',
    '    evidence: DR plan tested within 6 months',
    '    validity: P6M',
    '    severity: high',
    '',
  ].join('\n');

  it('reads a YAML policy file', () => {
    const p = parsePolicyCatalogueText(YAML, 'acme.yaml');
    expect(p).toMatchObject({ version: '2', lastReviewed: '2026-01-01' });
    expect(p.statements.map(s => `${s.id} ${s.check} ${s.validity}`)).toEqual([
      'ACME.001 dr-plan P6M',
    ]);
  });

  it('reads a JSON policy file the same way', () => {
    const json = JSON.stringify(minimal());
    expect(parsePolicyCatalogueText(json)).toEqual(
      parsePolicyCatalogue(minimal()),
    );
  });

  it('names the file and the line when the text is not JSON or YAML', () => {
    expect(() =>
      parsePolicyCatalogueText('id: a\n  title: [unclosed', 'acme.yaml'),
    ).toThrow(
      /^Invalid policy catalogue acme\.yaml: 1 problem\n {2}- \(root\): not valid JSON or YAML: .+ at line 1, column 5$/,
    );
  });

  it('reports schema problems with the field path', () => {
    expect(() =>
      parsePolicyCatalogueText(YAML.replace('P6M', '6 months'), 'acme.yaml'),
    ).toThrow(
      'ACME.001 statements[0].validity: must be an ISO 8601 duration with calendar parts such as P12M, P1Y, P30D; got "6 months"',
    );
  });
});

describe('cleanPolicyText', () => {
  it('repairs mojibake, strips tags, decodes entities and collapses whitespace', () => {
    expect(
      cleanPolicyText('  A <br/>\n B â€“ C &#8211; D&nbsp;E &lt;F&gt; '),
    ).toBe('A B – C – D E <F>');
  });
});
