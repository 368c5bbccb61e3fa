import { mojIctSecurityPolicy, parsePolicyCatalogue } from '../policy';
import { ITSEC_ANNOTATION_SPEC_BY_KEY, annotationStatements } from './spec';

const row = (key: string) => ITSEC_ANNOTATION_SPEC_BY_KEY.get(key)!;

/** A team's own policy: its own statement ids, mapped to the built-in checks. */
const acme = parsePolicyCatalogue({
  id: 'acme-policy',
  title: 'Acme Security Policy',
  version: '1',
  lastReviewed: '2026-01-01',
  sections: [{ id: 's1', title: 'Section one' }],
  statements: [
    {
      id: 'ACME.DR',
      section: 's1',
      title: 'DR tested',
      text: 'Systems must have a tested DR plan.',
      kind: 'record',
      check: 'dr-plan',
      evidence: 'DR plan tested within 6 months',
      validity: 'P6M',
      severity: 'high',
    },
  ],
});

describe('annotationStatements', () => {
  it('links a row to the statements whose check reads it', () => {
    expect(
      annotationStatements(row('dr-plan-last-test'), mojIctSecurityPolicy),
    ).toEqual(['POL.ITSEC.043']);
    expect(
      annotationStatements(row('risk-assessment-date'), mojIctSecurityPolicy),
    ).toEqual(['POL.ITSEC.012', 'POL.ITSEC.014']);
  });

  it("follows a custom policy's mapping of its own statements to checks", () => {
    expect(annotationStatements(row('dr-plan-last-test'), acme)).toEqual([
      'ACME.DR',
    ]);
    expect(annotationStatements(row('risk-assessment-date'), acme)).toEqual([]);
  });

  it('links a flag to the statements and role requirements that depend on it', () => {
    expect(
      annotationStatements(row('uses-hmg-crypto'), mojIctSecurityPolicy),
    ).toEqual(['POL.ITSEC.022', 'POL.ITSEC.033', 'POL.ITSEC.034']);
  });
});
