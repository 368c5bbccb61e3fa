/*
 * Values a delivery team writes for itself must not make a cell green without
 * the evidence the policy asks for: one block per way found to do so.
 */
import { mojIctSecurityPolicy } from '../policy';
import type { SecurityProfile } from '../profile/types';
import { AS_OF, compliantProfile } from '../__testUtils__/profiles';
import { evaluate } from './evaluate';
import type { StatementResult } from './types';

function res(
  profile: SecurityProfile,
  id: string,
  asOf = AS_OF,
): StatementResult {
  return evaluate(profile, mojIctSecurityPolicy, { asOf }).results.find(
    x => x.statementId === id,
  )!;
}

describe('accreditation-applies "false" against the accreditation record', () => {
  it.each(['accredited', 'accredited-with-conditions', 'in-progress'] as const)(
    'cannot take a system whose status is %s out of the annual risk assessment (014) or the Accreditor role (022)',
    status => {
      const p = compliantProfile();
      p.records.accreditation!.status = status;
      p.flags.accreditationApplies = false;
      delete p.records.riskAssessment;
      delete p.roles.accreditor;
      expect(res(p, 'POL.ITSEC.014')).toMatchObject({
        status: 'gap',
        reasons: ['risk-assessment-missing'],
      });
      expect(res(p, 'POL.ITSEC.022')).toMatchObject({
        status: 'gap',
        reasons: ['accreditor-missing'],
      });
    },
  );

  it('still decides for a system the Accreditor found not to need accreditation', () => {
    const p = compliantProfile();
    p.records.accreditation!.status = 'not-required';
    p.flags.accreditationApplies = false;
    expect(res(p, 'POL.ITSEC.014').status).toBe('not-applicable');
  });
});

describe('an accreditation decision of not-required', () => {
  const id = 'POL.ITSEC.013';
  const notRequired = (decisionDate?: string): SecurityProfile => {
    const p = compliantProfile();
    p.records.accreditation = {
      status: 'not-required',
      accreditor: 'user:default/accreditor',
      ...(decisionDate ? { decisionDate } : {}),
    };
    return p;
  };

  it('needs the decision date to count validity from', () => {
    expect(res(notRequired(), id)).toMatchObject({
      status: 'gap',
      reasons: ['accreditation-date-missing'],
    });
  });

  it('lapses 36 months (the statement validity) after the decision', () => {
    const p = notRequired('2024-01-10');
    expect(res(p, id)).toMatchObject({
      status: 'met',
      reasons: ['accreditation-not-required'],
      due: '2027-01-10',
    });
    expect(res(p, id, '2026-12-20')).toMatchObject({
      status: 'due-soon',
      reasons: ['not-required-lapsing'],
    });
    const lapsed = res(p, id, '2027-01-11');
    expect(lapsed).toMatchObject({
      status: 'gap',
      reasons: ['not-required-lapsed'],
    });
    expect(lapsed.message).toBe(
      'Accreditation recorded as not required by user:default/accreditor on 2024-01-10, but the decision lapsed on 2027-01-10',
    );
  });
});

describe('ITSO advice for a SECRET or TOP SECRET system', () => {
  const id = 'POL.ITSEC.013';
  const secret = (advice: { date?: string; link?: string }) => {
    const p = compliantProfile();
    p.classification = 'SECRET';
    p.records.itsoAdvice = advice;
    return p;
  };

  it('needs both its date and a link to the advice', () => {
    expect(
      res(secret({ link: 'https://docs.example/advice' }), id),
    ).toMatchObject({ status: 'gap', reasons: ['itso-advice-incomplete'] });
    expect(res(secret({ date: '2026-01-05' }), id)).toMatchObject({
      status: 'gap',
      reasons: ['itso-advice-incomplete'],
    });
  });

  it('lapses 36 months (the statement validity) after it was given', () => {
    const p = secret({
      date: '2023-01-05',
      link: 'https://docs.example/advice',
    });
    expect(res(p, id, '2026-01-05')).toMatchObject({
      status: 'due-soon',
      reasons: ['itso-advice-due-soon'],
    });
    expect(res(p, id, '2026-01-06')).toMatchObject({
      status: 'gap',
      reasons: ['itso-advice-overdue'],
      message:
        'SECRET system: ITSO advice given on 2023-01-05: over 36 months ago',
    });
  });
});

describe('the three MoJ approvals of a Code of Connection', () => {
  const id = 'POL.ITSEC.028';
  it('count once per person: one holder of two roles does not give two approvals', () => {
    const p = compliantProfile();
    // The Accreditor is also named IAO and approves as both.
    p.roles.iao = [
      ...p.roles.iao!,
      { ref: 'user:default/accreditor', source: { inherited: false } },
    ];
    p.codesOfConnection[0] = {
      ...p.codesOfConnection[0],
      approvals: {
        ...p.codesOfConnection[0].approvals,
        iao: { by: 'user:default/accreditor', date: '2026-01-22' },
      },
    };
    const r = res(p, id);
    expect(r).toMatchObject({
      status: 'gap',
      reasons: ['coc-approvals-not-separate'],
    });
    expect(r.message).toContain(
      'COC-1 with hmcts: the Information Asset Owner approval is by user:default/accreditor, who also gave the Accreditor approval',
    );
  });

  it('are met when three people give them', () => {
    expect(res(compliantProfile(), id).status).toBe('met');
  });
});

describe('an Accreditor who is also the IAO or the business-group SIRO', () => {
  it.each([
    ['iao', 'Information Asset Owner'],
    ['business-siro', 'business-group SIRO'],
  ] as const)(
    'does not make an accreditation decision that counts, nor fill the Accreditor role, when also the %s',
    (role, title) => {
      const p = compliantProfile();
      p.roles[role] = [
        { ref: 'user:default/accreditor', source: { inherited: false } },
      ];
      const decision = res(p, 'POL.ITSEC.013');
      expect(decision).toMatchObject({
        status: 'gap',
        reasons: ['accreditor-holds-assured-role'],
      });
      expect(decision.message).toBe(
        `The accreditation decision is by user:default/accreditor, who is also the system\u2019s ${title}: it does not count`,
      );
      expect(res(p, 'POL.ITSEC.022')).toMatchObject({
        status: 'gap',
        reasons: ['accreditor-holds-assured-role'],
      });
    },
  );

  it('leaves both met when they are different people', () => {
    const p = compliantProfile();
    expect(res(p, 'POL.ITSEC.013').status).toBe('met');
    expect(res(p, 'POL.ITSEC.022').status).toBe('met');
  });
});

describe('a DR plan against the recovery objectives of the BIA', () => {
  const id = 'POL.ITSEC.043';
  it('is a gap when the plan recovers slower, or loses more data, than the business needs', () => {
    const p = compliantProfile();
    p.records.bia = { ...p.records.bia!, rto: 'PT4H', rpo: 'PT1H' };
    p.records.drPlan = { ...p.records.drPlan!, rto: 'P1W', rpo: 'PT1H' };
    const r = res(p, id);
    expect(r).toMatchObject({
      status: 'gap',
      reasons: ['dr-plan-misses-bia'],
    });
    expect(r.message).toMatch(
      /^The DR plan's RTO \(P1W\) is longer than the BIA needs \(PT4H\); /,
    );
    p.records.drPlan = { ...p.records.drPlan!, rto: 'PT2H', rpo: 'P1D' };
    expect(res(p, id).message).toMatch(
      /^The DR plan's RPO \(P1D\) is longer than the BIA needs \(PT1H\); /,
    );
  });

  it('is met when the plan meets them', () => {
    const p = compliantProfile();
    p.records.drPlan = { ...p.records.drPlan!, rto: 'PT30M', rpo: 'PT1H' };
    expect(res(p, id).status).toBe('met');
  });
});

describe('ITSO advice for connections above OFFICIAL (028)', () => {
  it('counts only with both its date and its link', () => {
    const p = compliantProfile();
    p.classification = 'SECRET';
    p.records.itsoAdvice = { link: 'https://docs.example/advice' };
    const r = res(p, 'POL.ITSEC.028');
    expect(r).toMatchObject({
      status: 'gap',
      reasons: ['coc-above-official-needs-itso-advice'],
    });
    expect(r.message).toContain(
      'SECRET system: connections need ITSO and Accreditor advice, the ITSO advice recorded has no date',
    );
    p.records.itsoAdvice = {
      link: 'https://docs.example/advice',
      date: '2026-01-05',
    };
    expect(res(p, 'POL.ITSEC.028').status).toBe('met');
  });
});
