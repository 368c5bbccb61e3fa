import { mojIctSecurityPolicy, mojIctSecurityPolicyData } from './catalogue';
import { parsePolicyCatalogue } from './parse';
import { personalAttestationStatements } from './personal';
import { CHECKS, checkOf } from '../evaluate/checks';
import { SEVERITIES } from './types';

const CHECK_IDS: readonly string[] = CHECKS.map(c => c.id);

const EXPECTED_IDS = Array.from(
  { length: 47 },
  (_, i) => `POL.ITSEC.${String(i + 1).padStart(3, '0')}`,
);

// Our reading of the statement kinds (DOMAIN.md, with the notes in the catalogue).
const KINDS: Record<string, string> = {
  record: '003 012 013 014 016 017 019 022 028 031 039 041 042 043',
  attestation:
    '002 005 010 015 018 023 024 025 027 032 033 034 038 040 044 045 046',
  organisation: '001 004 006 007 008 009 011 020 021 029',
  behaviour: '026 030 035 036 037 047',
};

describe('mojIctSecurityPolicy', () => {
  const statements = mojIctSecurityPolicy.statements;

  it('holds exactly the 47 statement ids of the policy, in order, each with text', () => {
    expect(statements.map(s => s.id)).toEqual(EXPECTED_IDS);
    for (const s of statements) {
      expect(s.text.length).toBeGreaterThan(20);
      expect(s.title.length).toBeGreaterThan(3);
    }
  });

  it('has plain, clean text: no mis-encoded dashes, no HTML', () => {
    for (const s of statements) {
      expect(s.text).not.toMatch(/â€|<[a-z/]|&amp;|\s{2}/i);
    }
    const byId = Object.fromEntries(statements.map(s => [s.id, s.text]));
    expect(byId['POL.ITSEC.011']).toBe(
      'MoJ ICT Security Policies must be maintained and reviewed on a regular basis to a schedule determined by the ITSO – This is currently annually for all policies in this policy set.',
    );
    expect(byId['POL.ITSEC.014']).toContain(
      'HMG Information Assurance Standard No. 1 & 2.',
    );
    expect(byId['POL.ITSEC.043']).toBe(
      'All MoJ Systems must have an ICT Disaster Recovery Plan. This plan must conform to the ICT Security – ICT Disaster Recovery Policy.',
    );
  });

  it('has the kinds of our reading', () => {
    for (const [kind, ids] of Object.entries(KINDS)) {
      const expected = ids.split(' ').map(n => `POL.ITSEC.${n}`);
      expect(statements.filter(s => s.kind === kind).map(s => s.id)).toEqual(
        expected,
      );
    }
  });

  it('describes evidence, severity and check for every record and attestation statement', () => {
    for (const s of statements.filter(
      x => x.kind === 'record' || x.kind === 'attestation',
    )) {
      expect({
        id: s.id,
        evidence: typeof s.evidence === 'string' && s.evidence.trim() !== '',
        severity: (SEVERITIES as readonly string[]).includes(
          String(s.severity),
        ),
        check: checkOf(s)?.id,
      }).toEqual({ id: s.id, evidence: true, severity: true, check: s.check });
      expect(CHECK_IDS).toContain(s.check);
    }
  });

  it('uses the review cadences of DOMAIN.md', () => {
    const v = Object.fromEntries(
      statements.map(s => [s.id.slice(-3), s.validity]),
    );
    for (const id of [
      '002',
      '003',
      '005',
      '010',
      '014',
      '015',
      '018',
      '023',
      '024',
      '025',
      '028',
      '033',
      '034',
      '039',
      '042',
      '043',
      '044',
      '045',
    ]) {
      expect([id, v[id]]).toEqual([id, 'P12M']);
    }
    for (const id of [
      '012',
      '016',
      '017',
      '019',
      '022',
      '027',
      '031',
      '032',
      '038',
      '040',
      '041',
      '046',
    ]) {
      expect([id, v[id]]).toEqual([id, undefined]);
    }
    // The Accreditor sets the expiry, within a re-accreditation cycle.
    expect(v['013']).toBe('P36M');
    expect(
      statements.find(s => s.id === 'POL.ITSEC.025')!.validityWhenSensitive,
    ).toBe('P6M');
  });

  it('records where it departs from DOMAIN.md', () => {
    const notes = (id: string) => statements.find(s => s.id === id)!.notes;
    expect(notes('POL.ITSEC.022')).toMatch(/^DOMAIN\.md lists the DR lead/);
    expect(notes('POL.ITSEC.040')).toMatch(/^DOMAIN\.md reads this statement/);
    expect(notes('POL.ITSEC.013')).toMatch(
      /^HMG IA Standards No\. 1 & 2 are retired/,
    );
  });

  it('has an id, a version and a last-reviewed date, and every section is used', () => {
    expect(mojIctSecurityPolicy).toMatchObject({
      id: 'moj-ict-security-policy',
      version: expect.any(String),
    });
    expect(mojIctSecurityPolicy.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const used = new Set(statements.map(s => s.section));
    expect(
      mojIctSecurityPolicy.sections.map(s => s.id).filter(id => !used.has(id)),
    ).toEqual([]);
  });

  it('is frozen and round-trips through JSON and the parser', () => {
    expect(Object.isFrozen(mojIctSecurityPolicy)).toBe(true);
    expect(Object.isFrozen(statements[0])).toBe(true);
    const again = parsePolicyCatalogue(
      JSON.parse(JSON.stringify(mojIctSecurityPolicy)),
    );
    expect(again).toEqual(mojIctSecurityPolicy);
    expect(parsePolicyCatalogue(mojIctSecurityPolicyData)).toEqual(
      mojIctSecurityPolicy,
    );
  });
});

describe('personalAttestationStatements', () => {
  it('names the statements each person attests for themselves', () => {
    expect([...personalAttestationStatements(mojIctSecurityPolicy)]).toEqual([
      'POL.ITSEC.023',
    ]);
  });
});
