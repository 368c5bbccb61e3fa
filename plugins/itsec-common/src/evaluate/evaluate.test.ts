import {
  mojIctSecurityPolicy,
  mojIctSecurityPolicyData,
  PolicyCatalogueError,
} from '../policy';
import { emptySecurityProfile, SecurityProfile } from '../profile/types';
import { AS_OF, compliantProfile, deepFreeze } from '../__testUtils__/profiles';
import { computeScore, evaluate, evaluateAll } from './evaluate';
import type { StatementResult } from './types';

const P = mojIctSecurityPolicy;
const byId = (results: StatementResult[], id: string) =>
  results.find(r => r.statementId === id)!;

describe('evaluate', () => {
  it('returns one result per statement, in catalogue order, with the policy id and version', () => {
    const e = evaluate(compliantProfile(), P, { asOf: AS_OF });
    expect(e.entityRef).toBe('component:default/payments');
    expect(e.asOf).toBe(AS_OF);
    expect(e.policy).toEqual({
      id: 'moj-ict-security-policy',
      version: P.version,
    });
    expect(e.results.map(r => r.statementId)).toEqual(
      P.statements.map(s => s.id),
    );
  });

  it('scores a compliant profile 100 with no gaps', () => {
    const e = evaluate(compliantProfile(), P, { asOf: AS_OF });
    const notMet = e.results.filter(
      r =>
        r.status !== 'met' &&
        r.status !== 'not-scored' &&
        r.status !== 'not-applicable',
    );
    expect(notMet).toEqual([]);
    expect(e.summary).toMatchObject({
      counts: {
        met: 30,
        'due-soon': 0,
        gap: 0,
        excepted: 0,
        'not-applicable': 1,
        'not-scored': 16,
      },
      scored: 30,
      score: 100,
      topGaps: [],
      nextDue: '2027-02-01',
    });
  });

  it('marks organisation and behaviour statements not-scored', () => {
    const e = evaluate(emptySecurityProfile('component:default/x'), P, {
      asOf: AS_OF,
    });
    for (const s of P.statements.filter(
      x => x.kind === 'organisation' || x.kind === 'behaviour',
    )) {
      const r = byId(e.results, s.id);
      expect(r.status).toBe('not-scored');
      if (s.check) continue; // reported by its check, tested below
      expect(r.message).toBe(
        s.guidance ??
          (s.kind === 'organisation'
            ? 'Applies to the organisation or a whole domain, not to one system; shown at portfolio level'
            : 'User behaviour; guidance only'),
      );
    }
    expect(byId(e.results, 'POL.ITSEC.026').reasons).toEqual([
      'behaviour-statement',
    ]);
    expect(byId(e.results, 'POL.ITSEC.001').reasons).toEqual([
      'organisation-statement',
    ]);
  });

  it('reports the policy catalogue review (POL.ITSEC.011) without scoring it', () => {
    const ok = byId(
      evaluate(compliantProfile(), P, { asOf: AS_OF }).results,
      'POL.ITSEC.011',
    );
    expect(ok).toMatchObject({
      status: 'not-scored',
      reasons: ['policy-review-current'],
    });
    const late = byId(
      evaluate(compliantProfile(), P, { asOf: '2030-01-01' }).results,
      'POL.ITSEC.011',
    );
    expect(late).toMatchObject({
      status: 'not-scored',
      reasons: ['policy-review-overdue'],
    });
    expect(late.message).toContain('over 12 months ago');
    expect(late.remediation).toEqual({
      hint: 'Review the policy catalogue and update its lastReviewed date and version',
    });
  });

  it('shows the domain incident plan (POL.ITSEC.029) as not-scored evidence', () => {
    const r = byId(
      evaluate(compliantProfile(), P, { asOf: AS_OF }).results,
      'POL.ITSEC.029',
    );
    expect(r).toMatchObject({
      status: 'not-scored',
      reasons: ['domain-incident-plan-linked'],
    });
    expect(r.evidence[0].link).toBe('https://docs.example/incident');
  });

  it('scores an empty profile 0 and lists top gaps by severity, then statement order', () => {
    const e = evaluate(emptySecurityProfile('component:default/x'), P, {
      asOf: AS_OF,
      topGapLimit: 100,
    });
    expect(e.summary.score).toBe(0);
    expect(e.summary.counts.met).toBe(0);
    const sev = e.summary.topGaps.map(g => g.severity);
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    expect([...sev].sort((a, b) => rank[a] - rank[b])).toEqual(sev);
    expect(e.summary.topGaps).toHaveLength(e.summary.counts.gap);
    expect(e.summary.topGaps[0]).toMatchObject({
      statementId: 'POL.ITSEC.005',
      severity: 'high',
      title: expect.any(String),
    });
    expect(
      evaluate(emptySecurityProfile('component:default/x'), P, { asOf: AS_OF })
        .summary.topGaps,
    ).toHaveLength(5);
  });

  it('treats a missing classification as a gap', () => {
    const p = compliantProfile();
    delete p.classification;
    const e = evaluate(p, P, { asOf: AS_OF });
    const gaps = e.results
      .filter(r => r.reasons.includes('classification-missing'))
      .map(r => r.statementId);
    expect(gaps).toEqual(['POL.ITSEC.013', 'POL.ITSEC.040']);
    expect(e.summary.topGaps.map(g => g.statementId)).toEqual([
      'POL.ITSEC.013',
      'POL.ITSEC.040',
    ]);
  });

  describe('exceptions', () => {
    const id = 'POL.ITSEC.043';
    function withDrGap(
      exception?: Partial<SecurityProfile['exceptions'][number]>,
    ): SecurityProfile {
      const p = compliantProfile();
      delete p.records.drPlan;
      if (exception) {
        p.exceptions.push({
          id: 'EX-1',
          statementId: id,
          status: 'approved',
          approvedBy: 'user:default/siro',
          expiresOn: '2026-12-31',
          ...exception,
        });
      }
      return p;
    }

    it('turns a gap into excepted (never met) while approved and in date', () => {
      const r = byId(evaluate(withDrGap({}), P, { asOf: AS_OF }).results, id);
      expect(r).toMatchObject({
        status: 'excepted',
        reasons: ['dr-plan-missing', 'exception-approved'],
        due: '2026-12-31',
        message:
          'Exception EX-1 approved by user:default/siro until 2026-12-31; No DR plan recorded',
      });
      expect(r.evidence).toContainEqual(
        expect.objectContaining({
          kind: 'exception',
          label: 'Exception EX-1',
          date: '2026-12-31',
        }),
      );
      expect(r.remediation?.annotation).toBe('itsec.justice.gov.uk/dr-plan');
    });

    it('is in date up to and including expiresOn, a gap again the day after', () => {
      const p = withDrGap({ expiresOn: '2026-06-15' });
      expect(
        byId(evaluate(p, P, { asOf: '2026-06-15' }).results, id),
      ).toMatchObject({
        status: 'excepted',
        reasons: ['dr-plan-missing', 'exception-expiring'],
      });
      const after = byId(evaluate(p, P, { asOf: '2026-06-16' }).results, id);
      expect(after).toMatchObject({
        status: 'gap',
        reasons: ['dr-plan-missing', 'exception-expired'],
      });
      expect(after.message).toBe(
        'No DR plan recorded; exception EX-1 expired on 2026-06-15',
      );
    });

    it.each([
      ['expired', 'gap', ['dr-plan-missing', 'exception-expired']],
      ['requested', 'gap', ['dr-plan-missing', 'exception-requested']],
      ['rejected', 'gap', ['dr-plan-missing']],
      ['revoked', 'gap', ['dr-plan-missing']],
    ] as const)(
      'an exception with status %s leaves a gap',
      (status, expected, reasons) => {
        const r = byId(
          evaluate(withDrGap({ status }), P, { asOf: AS_OF }).results,
          id,
        );
        expect(r).toMatchObject({ status: expected, reasons });
      },
    );

    it('does not change a met statement', () => {
      const p = compliantProfile();
      p.exceptions.push({
        statementId: id,
        status: 'approved',
        expiresOn: '2027-01-01',
      });
      expect(byId(evaluate(p, P, { asOf: AS_OF }).results, id).status).toBe(
        'met',
      );
    });

    it('counts excepted at half weight in the score', () => {
      const e = evaluate(withDrGap({}), P, { asOf: AS_OF });
      expect(e.summary.counts).toMatchObject({ met: 29, excepted: 1, gap: 0 });
      expect(e.summary.score).toBe(Math.round((100 * (29 + 0.5)) / 30));
      expect(e.summary.nextDue).toBe('2026-12-31');
    });
  });

  describe('computeScore', () => {
    const counts = (
      met: number,
      soon: number,
      gap: number,
      excepted: number,
      na = 3,
      ns = 16,
    ) => ({
      met,
      'due-soon': soon,
      gap,
      excepted,
      'not-applicable': na,
      'not-scored': ns,
    });
    it('is round(100 * (met + due-soon + 0.5 * excepted) / (met + due-soon + gap + excepted))', () => {
      expect(computeScore(counts(10, 0, 0, 0))).toBe(100);
      expect(computeScore(counts(5, 5, 10, 0))).toBe(50);
      expect(computeScore(counts(1, 0, 1, 1))).toBe(50);
      expect(computeScore(counts(2, 0, 1, 0))).toBe(67);
    });
    it('is null when nothing is scored', () => {
      expect(computeScore(counts(0, 0, 0, 0))).toBeNull();
    });
  });

  it('uses the due-soon window given', () => {
    const p = compliantProfile();
    p.records.drPlan!.lastTest = { date: '2025-08-01', outcome: 'pass' }; // due 2026-08-01
    expect(
      byId(evaluate(p, P, { asOf: AS_OF }).results, 'POL.ITSEC.043').status,
    ).toBe('met');
    expect(
      byId(
        evaluate(p, P, { asOf: AS_OF, dueSoonWindow: 'P2M' }).results,
        'POL.ITSEC.043',
      ).status,
    ).toBe('due-soon');
    expect(
      byId(
        evaluate(p, P, { asOf: AS_OF, dueSoonWindow: 'P0D' }).results,
        'POL.ITSEC.043',
      ).status,
    ).toBe('met');
  });

  it('rejects a malformed asOf or window', () => {
    const p = compliantProfile();
    expect(() => evaluate(p, P, { asOf: '2026-02-30' })).toThrow(TypeError);
    expect(() => evaluate(p, P, { asOf: '' })).toThrow(/asOf/);
    expect(() =>
      evaluate(p, P, { asOf: AS_OF, dueSoonWindow: '30 days' }),
    ).toThrow(/dueSoonWindow/);
  });

  it('is pure: reads no clock, never mutates its input, same output for same input', () => {
    const p = deepFreeze(compliantProfile());
    const RealDate = Date;
    const trap = () => {
      throw new Error('the engine must not read the clock');
    };
    (global as any).Date = class extends RealDate {
      constructor() {
        super();
        trap();
      }
      static now = trap;
    };
    let a;
    let b;
    try {
      a = evaluate(p, P, { asOf: AS_OF });
      b = evaluate(p, P, { asOf: AS_OF });
    } finally {
      (global as any).Date = RealDate;
    }
    expect(a).toEqual(b);
  });

  it('returns JSON-serialisable data', () => {
    const e = evaluate(emptySecurityProfile('component:default/x'), P, {
      asOf: AS_OF,
    });
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('tolerates profiles received over HTTP with missing collections', () => {
    const sparse = {
      entityRef: 'component:default/x',
      kind: 'component',
    } as SecurityProfile;
    expect(evaluate(sparse, P, { asOf: AS_OF }).summary.score).toBe(0);
  });

  it('evaluates a custom policy that reuses the built-in checks', () => {
    const custom = {
      id: 'acme',
      title: 'Acme policy',
      version: '7',
      lastReviewed: '2026-01-01',
      sections: [{ id: 'bc', title: 'Continuity' }],
      statements: [
        {
          id: 'ACME-DR',
          section: 'bc',
          title: 'DR tested twice a year',
          text: 'DR plans must be tested every six months.',
          kind: 'record',
          check: 'dr-plan',
          evidence: 'DR plan tested within 6 months',
          validity: 'P6M',
          severity: 'critical',
        },
      ],
    };
    const p = compliantProfile();
    p.records.drPlan!.lastTest = { date: '2025-12-01', outcome: 'pass' };
    const e = evaluate(p, custom as any, { asOf: AS_OF });
    expect(e.policy).toEqual({ id: 'acme', version: '7' });
    expect(e.results).toEqual([
      expect.objectContaining({
        statementId: 'ACME-DR',
        status: 'gap',
        message: 'DR plan last tested 2025-12-01: over 6 months ago',
        severity: 'critical',
      }),
    ]);
    expect(() =>
      evaluate(p, { ...custom, statements: [] } as any, { asOf: AS_OF }),
    ).toThrow(PolicyCatalogueError);
  });

  it('accepts the raw default catalogue data too', () => {
    const e = evaluate(compliantProfile(), mojIctSecurityPolicyData as any, {
      asOf: AS_OF,
    });
    expect(e.summary.score).toBe(100);
  });

  it('evaluateAll evaluates each profile', () => {
    const all = evaluateAll(
      [compliantProfile(), emptySecurityProfile('component:default/x')],
      P,
      { asOf: AS_OF },
    );
    expect(all.map(e => e.summary.score)).toEqual([100, 0]);
  });
});
