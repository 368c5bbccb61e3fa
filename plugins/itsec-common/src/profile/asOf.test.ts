import { evaluate } from '../evaluate';
import { mojIctSecurityPolicy } from '../policy';
import { compliantProfile, deepFreeze } from '../__testUtils__/profiles';
import { profileAsOf } from './asOf';
import type { PolicyException, SecurityProfile } from './types';

// compliantProfile's evidence is dated 2026-02-01, its CoC sign-offs 2026-01-20..22.
const EVIDENCE_DAY = '2026-02-01';
const DAY_BEFORE = '2026-01-31';

const reasonsOf = (profile: SecurityProfile, asOf: string) =>
  evaluate(profile, mojIctSecurityPolicy, { asOf }).results.flatMap(
    r => r.reasons,
  );

describe('profileAsOf', () => {
  it('keeps evidence dated on or before the day, unchanged', () => {
    const profile = deepFreeze(compliantProfile());
    expect(profileAsOf(profile, EVIDENCE_DAY)).toEqual(profile);
  });

  it('leaves out every kind of evidence dated after the day, without changing the input', () => {
    const profile = deepFreeze(compliantProfile());
    const then = profileAsOf(profile, DAY_BEFORE);

    expect(Object.keys(then.records).sort()).toEqual([
      'changeLog',
      'disposal',
      'drPlan',
      'incident',
      'securityProcedures',
      'suppliers',
    ]);
    expect(then.records.drPlan).toEqual({
      link: 'https://docs.example/dr',
      rto: 'PT4H',
      rpo: 'PT1H',
    });
    expect(then.records.disposal?.reviewedOn).toBeUndefined();
    expect(then.records.disposal?.link).toBe('https://docs.example/disposal');
    expect(then.records.securityProcedures?.reviewedOn).toBeUndefined();
    expect(then.records.suppliers).toEqual([
      {
        name: 'Acme Hosting',
        handlesMojData: true,
        link: 'https://docs.example/acme',
      },
    ]);
    expect(then.attestations).toEqual([]);
    expect(then.codesOfConnection[0]).toMatchObject({
      status: 'draft',
      approvals: profile.codesOfConnection[0].approvals,
    });
    expect(then.codesOfConnection[0].agreedDate).toBeUndefined();
    expect(profile.records.riskAssessment?.date).toBe(EVIDENCE_DAY);
  });

  it('keeps only the sign-offs of a Code of Connection made by the day', () => {
    const then = profileAsOf(compliantProfile(), '2026-01-21');
    expect(then.codesOfConnection[0].approvals).toEqual({
      accreditor: { by: 'user:default/accreditor', date: '2026-01-20' },
      itso: { by: 'user:default/itso', date: '2026-01-21' },
    });
  });

  it('scores what did not exist yet as missing, not as future-dated evidence', () => {
    const profile = compliantProfile();
    // The engine on its own reports a date after asOf as a problem...
    expect(reasonsOf(profile, DAY_BEFORE)).toContain('evidence-future-dated');
    // ...while the profile as it stood then simply lacks it.
    const then = reasonsOf(profileAsOf(profile, DAY_BEFORE), DAY_BEFORE);
    expect(then).not.toContain('evidence-future-dated');
    expect(then).toEqual(
      expect.arrayContaining(['risk-assessment-missing', 'bia-missing']),
    );
    const score = (p: SecurityProfile, asOf: string) =>
      evaluate(p, mojIctSecurityPolicy, { asOf }).summary.score!;
    expect(score(profileAsOf(profile, DAY_BEFORE), DAY_BEFORE)).toBeLessThan(
      score(profileAsOf(profile, EVIDENCE_DAY), EVIDENCE_DAY),
    );
  });

  it('keeps exceptions approved by the day, in force if they had not yet expired', () => {
    const base = {
      statementId: 'POL.ITSEC.005',
      approvedBy: 'user:default/siro',
      justification: 'x',
    };
    const exceptions: PolicyException[] = [
      {
        ...base,
        id: 'later',
        status: 'approved',
        approvedOn: '2026-03-01',
        expiresOn: '2026-09-01',
      },
      {
        ...base,
        id: 'lapsed-since',
        status: 'expired',
        approvedOn: '2025-12-01',
        expiresOn: '2026-02-15',
      },
      {
        ...base,
        id: 'lapsed-before',
        status: 'expired',
        approvedOn: '2025-06-01',
        expiresOn: '2025-12-31',
      },
      { ...base, id: 'asked', status: 'requested', expiresOn: '2026-09-01' },
    ];
    const then = profileAsOf(
      { ...compliantProfile(), exceptions },
      DAY_BEFORE,
    ).exceptions;
    expect(then.map(e => [e.id, e.status])).toEqual([
      ['lapsed-since', 'approved'],
      ['lapsed-before', 'expired'],
      ['asked', 'requested'],
    ]);
  });

  it('refuses a day that is not YYYY-MM-DD, naming asOf', () => {
    expect(() => profileAsOf(compliantProfile(), '31/01/2026')).toThrow(
      "profileAsOf: asOf must be a YYYY-MM-DD date, got '31/01/2026'",
    );
  });
});
