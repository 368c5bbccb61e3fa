/*
 * Forward-looking dates (an accreditation's expiry, a Code of Connection's
 * review date, an attestation's validUntil) can shorten validity, never extend
 * it past the statement's validity counted from the evidence date. One block
 * per bound; the bounds come from the policy catalogue.
 */
import { addDurationToDate } from '../dates';
import { mojIctSecurityPolicy, parsePolicyCatalogue } from '../policy';
import type { PolicyCatalogue } from '../policy';
import type { SecurityProfile } from '../profile/types';
import { AS_OF, compliantProfile } from '../__testUtils__/profiles';
import { evaluate } from './evaluate';
import type { StatementResult } from './types';

function res(
  profile: SecurityProfile,
  id: string,
  asOf = AS_OF,
  policy: PolicyCatalogue = mojIctSecurityPolicy,
): StatementResult {
  return evaluate(profile, policy, { asOf }).results.find(
    x => x.statementId === id,
  )!;
}

const validityOf = (id: string) =>
  mojIctSecurityPolicy.statements.find(s => s.id === id)!.validity!;

describe('an attestation validUntil (bound: attestedOn + the statement validity)', () => {
  const id = 'POL.ITSEC.005';
  const withValidUntil = (validUntil: string) => {
    const p = compliantProfile();
    p.attestations = p.attestations.map(a =>
      a.statementId === id ? { ...a, validUntil } : a,
    );
    return p;
  };
  const bound = addDurationToDate('2026-02-01', validityOf(id));

  it('shortens validity', () => {
    expect(res(withValidUntil('2026-09-30'), id)).toMatchObject({
      status: 'met',
      due: '2026-09-30',
    });
  });

  it('never extends it past the bound', () => {
    expect(bound).toBe('2027-02-01');
    const p = withValidUntil('2099-12-31');
    expect(res(p, id)).toMatchObject({ status: 'met', due: bound });
    expect(res(p, id, addDurationToDate(bound, 'P1D'))).toMatchObject({
      status: 'gap',
      reasons: ['attestation-expired'],
    });
  });

  it('shortens an attestation of a statement that has no review period', () => {
    const noReview = 'POL.ITSEC.027';
    expect(
      mojIctSecurityPolicy.statements.find(s => s.id === noReview)!.validity,
    ).toBeUndefined();
    const p = compliantProfile();
    p.attestations = p.attestations.map(a =>
      a.statementId === noReview ? { ...a, validUntil: '2026-06-01' } : a,
    );
    expect(res(p, noReview)).toMatchObject({
      status: 'gap',
      reasons: ['attestation-expired'],
    });
  });
});

describe('a Code of Connection reviewDue (bound: agreedDate + POL.ITSEC.028 validity)', () => {
  const id = 'POL.ITSEC.028';
  const withReview = (reviewDue: string) => {
    const p = compliantProfile();
    p.codesOfConnection = [{ ...p.codesOfConnection[0], reviewDue }];
    return p;
  };
  const bound = addDurationToDate('2026-02-01', validityOf(id));

  it('brings the review forward', () => {
    expect(res(withReview('2026-10-01'), id)).toMatchObject({
      status: 'met',
      due: '2026-10-01',
    });
  });

  it('never puts it later than the bound', () => {
    expect(bound).toBe('2027-02-01');
    expect(res(withReview('2030-02-01'), id)).toMatchObject({
      status: 'met',
      due: bound,
    });
    expect(
      res(withReview('2030-02-01'), id, addDurationToDate(bound, 'P1D')),
    ).toMatchObject({ status: 'gap', reasons: ['coc-review-overdue'] });
  });

  it('needs the agreed date: a review date alone is no evidence', () => {
    const p = withReview('2026-12-01');
    delete p.codesOfConnection[0].agreedDate;
    expect(res(p, id)).toMatchObject({
      status: 'gap',
      reasons: ['coc-agreed-date-missing'],
    });
  });
});

describe('an accreditation expiry (bound: accreditation date + POL.ITSEC.013 validity)', () => {
  const id = 'POL.ITSEC.013';
  const withExpiry = (expiry: string | undefined) => {
    const p = compliantProfile();
    const acc = { ...p.records.accreditation! };
    if (expiry) acc.expiry = expiry;
    else delete acc.expiry;
    p.records.accreditation = acc;
    return p;
  };

  it('the MoJ catalogue bounds accreditation to 36 months from the decision', () => {
    expect(
      mojIctSecurityPolicy.statements.find(s => s.id === id)!.validity,
    ).toBe('P36M');
  });

  it('shortens validity', () => {
    expect(res(withExpiry('2026-12-31'), id)).toMatchObject({
      status: 'met',
      due: '2026-12-31',
    });
  });

  it('never extends it past the bound, and bounds an accreditation with no expiry', () => {
    const r = res(withExpiry('2099-12-31'), id);
    expect(r).toMatchObject({ status: 'met', due: '2029-02-01' });
    expect(r.message).toContain(
      'the recorded expiry 2099-12-31 is beyond the 36 months the policy allows from the decision on 2026-02-01',
    );
    expect(res(withExpiry(undefined), id)).toMatchObject({
      status: 'met',
      due: '2029-02-01',
    });
    expect(res(withExpiry('2099-12-31'), id, '2029-02-02')).toMatchObject({
      status: 'gap',
      reasons: ['accreditation-expired'],
    });
  });

  // A policy file may set another period.
  const bounded = parsePolicyCatalogue({
    ...mojIctSecurityPolicy,
    statements: mojIctSecurityPolicy.statements.map(s =>
      s.id === id ? { ...s, validity: 'P24M' } : s,
    ),
  });

  it('follows the period of a custom catalogue', () => {
    expect(res(withExpiry('2099-12-31'), id, AS_OF, bounded)).toMatchObject({
      status: 'met',
      due: '2028-02-01',
    });
  });

  it('needs the decision date to count validity from', () => {
    const p = withExpiry('2026-12-31');
    delete p.records.accreditation!.decisionDate;
    expect(res(p, id)).toMatchObject({
      status: 'gap',
      reasons: ['accreditation-date-missing'],
    });
  });
});

describe('evidence recorded in the portal is dated too', () => {
  it('a future-dated attestation is a gap, whatever its validUntil', () => {
    const id = 'POL.ITSEC.005';
    const p = compliantProfile();
    p.attestations = p.attestations.map(a =>
      a.statementId === id ? { ...a, attestedOn: '2026-06-16' } : a,
    );
    const r = res(p, id);
    expect(r).toMatchObject({
      status: 'gap',
      reasons: ['evidence-future-dated'],
      remediation: { attestation: true },
    });
    expect(r.message).toBe(
      'Attestation by user:default/iao dated 2026-06-16 is in the future (evaluated on 2026-06-15): not evidence until it has happened',
    );
    // The next day it is evidence.
    expect(res(p, id, '2026-06-16').status).toBe('met');
  });
});

describe('POL.ITSEC.028 approvals by the people who hold the role', () => {
  const id = 'POL.ITSEC.028';
  const approvedBy = (approval: 'accreditor' | 'itso' | 'iao', by: string) => {
    const p = compliantProfile();
    const c = p.codesOfConnection[0];
    p.codesOfConnection = [
      {
        ...c,
        approvals: { ...c.approvals, [approval]: { by, date: '2026-01-20' } },
      },
    ];
    return p;
  };

  it('is met when the Accreditor, the IAO and an ITSO group member approved', () => {
    expect(res(compliantProfile(), id).status).toBe('met');
  });

  it.each([
    [
      'accreditor',
      'the Accreditor approval is by user:default/owner, who is not the system\u2019s Accreditor (user:default/accreditor)',
    ],
    [
      'iao',
      'the Information Asset Owner approval is by user:default/owner, who is not the system\u2019s Information Asset Owner (user:default/iao)',
    ],
    [
      'itso',
      'the ITSO approval is by user:default/owner, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named)',
    ],
  ] as const)(
    'is a gap naming the %s approval by someone else',
    (approval, text) => {
      const r = res(approvedBy(approval, 'user:default/owner'), id);
      expect(r.status).toBe('gap');
      expect(r.reasons).toEqual(['coc-approval-not-role-holder']);
      expect(r.message).toBe(`1 Code of Connection: COC-1 with hmcts: ${text}`);
      expect(r.remediation?.hint).toMatch(/hold those roles for this system/);
    },
  );

  it('takes the ITSO approval from the Domain\u2019s role-itso when the group is unknown, never from the system\u2019s own', () => {
    const p = approvedBy('itso', 'user:default/ciso');
    delete p.itsoGroupMembers;
    expect(res(p, id).reasons).toEqual(['coc-approval-not-role-holder']);
    p.roles.itso = [{ ref: 'user:default/ciso', source: { inherited: false } }];
    expect(res(p, id).reasons).toEqual(['coc-approval-not-role-holder']);
    p.roles.itso = [
      {
        ref: 'user:default/ciso',
        source: { inherited: true, from: 'domain:default/moj' },
      },
    ];
    expect(res(p, id).status).toBe('met');
  });

  it('counts inherited role holders (the Domain\u2019s Accreditor)', () => {
    const p = approvedBy('accreditor', 'user:default/domain-accreditor');
    p.roles.accreditor = [
      {
        ref: 'user:default/domain-accreditor',
        source: { inherited: true, from: 'domain:default/hmcts' },
      },
    ];
    expect(res(p, id).status).toBe('met');
  });
});

describe('ITSO advice for connections above OFFICIAL', () => {
  it('does not count when dated in the future', () => {
    const p = compliantProfile();
    p.classification = 'SECRET';
    p.records.itsoAdvice = {
      date: '2026-06-16',
      link: 'https://docs.example/advice',
    };
    const r = res(p, 'POL.ITSEC.028');
    expect(r.status).toBe('gap');
    expect(r.reasons).toEqual(['evidence-future-dated']);
    expect(r.message).toContain(
      'SECRET system: ITSO advice dated 2026-06-16 is in the future',
    );
    p.records.itsoAdvice = {
      date: '2026-06-15',
      link: 'https://docs.example/advice',
    };
    expect(res(p, 'POL.ITSEC.028').status).toBe('met');
  });
});
