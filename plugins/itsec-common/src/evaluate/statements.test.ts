/* eslint jest/expect-expect: ['warn', { assertFunctionNames: ['expect', 'expectBoundaries'] }] */
/*
 * One block per record and attestation statement of the default catalogue:
 * met, gap and, where a review period applies, due-soon and expired around the
 * exact boundary dates (due - 31: met; due - 30 and due: due-soon; due + 1: gap,
 * with the default 30-day window).
 */
import { fromDayNumber, toDayNumber } from '../dates';
import { mojIctSecurityPolicy } from '../policy';
import type { SecurityProfile } from '../profile/types';
import {
  AS_OF,
  ATTESTATION_IDS,
  compliantProfile,
} from '../__testUtils__/profiles';
import { checkOf } from './checks';
import { evaluate } from './evaluate';
import type { EvaluateOptions, StatementResult } from './types';

const P = mojIctSecurityPolicy;

function res(
  profile: SecurityProfile,
  id: string,
  asOf = AS_OF,
  opts: Partial<EvaluateOptions> = {},
): StatementResult {
  const r = evaluate(profile, P, { asOf, ...opts }).results.find(
    x => x.statementId === id,
  );
  if (!r) throw new Error(`no result for ${id}`);
  return r;
}

/** The fix hint the statement's check declares for a reason code. */
function hintFor(id: string, code: string): string | undefined {
  const st = P.statements.find(s => s.id === id)!;
  const hint = checkOf(st)?.reasons[code]?.hint;
  return typeof hint === 'function' ? hint(st, P) : hint;
}

const shift = (date: string, days: number) =>
  fromDayNumber(toDayNumber(date) + days);

function expectBoundaries(
  profile: SecurityProfile,
  id: string,
  due: string,
  soonReason: string,
  overdueReason: string,
): StatementResult {
  const before = res(profile, id, shift(due, -31));
  expect(before).toMatchObject({ status: 'met', due });
  expect(before.remediation).toBeUndefined();
  expect(res(profile, id, shift(due, -30))).toMatchObject({
    status: 'due-soon',
    due,
    reasons: [soonReason],
  });
  const onDue = res(profile, id, due);
  expect(onDue).toMatchObject({ status: 'due-soon', due });
  expect(onDue.remediation?.hint).toBe(hintFor(id, soonReason));
  const after = res(profile, id, shift(due, 1));
  expect(after).toMatchObject({ status: 'gap', due });
  expect(after.reasons).toContain(overdueReason);
  expect(after.remediation?.hint).toBe(hintFor(id, after.reasons[0]));
  return after;
}

function withAttestation(
  id: string,
  patch: Record<string, unknown> | null,
  base = compliantProfile(),
): SecurityProfile {
  base.attestations = base.attestations.filter(a => a.statementId !== id);
  if (patch) {
    base.attestations.push({
      statementId: id,
      attestedBy: 'user:default/iao',
      attestedOn: '2025-03-10',
      evidenceLink: 'https://evidence.example/x',
      ...patch,
    });
  }
  return base;
}

/** A compliant profile in which `id` applies. */
function applicableProfile(id: string): SecurityProfile {
  const p = compliantProfile();
  if (id === 'POL.ITSEC.034') {
    p.flags.usesHmgCrypto = true;
    p.roles.comso = [
      { ref: 'user:default/comso', source: { inherited: false } },
    ];
    p.attestations.push({
      statementId: 'POL.ITSEC.023',
      attestedBy: 'user:default/comso',
      attestedOn: '2026-02-01',
      evidenceLink: 'x',
    });
  }
  return p;
}

describe('attestation statements', () => {
  const generic = ATTESTATION_IDS.filter(id => id !== 'POL.ITSEC.023');

  it('covers every attestation statement of the catalogue', () => {
    expect(generic).toEqual([
      'POL.ITSEC.002',
      'POL.ITSEC.005',
      'POL.ITSEC.010',
      'POL.ITSEC.015',
      'POL.ITSEC.018',
      'POL.ITSEC.024',
      'POL.ITSEC.025',
      'POL.ITSEC.027',
      'POL.ITSEC.032',
      'POL.ITSEC.033',
      'POL.ITSEC.034',
      'POL.ITSEC.038',
      'POL.ITSEC.040',
      'POL.ITSEC.044',
      'POL.ITSEC.045',
      'POL.ITSEC.046',
    ]);
  });

  describe.each(generic)('%s', id => {
    const st = P.statements.find(s => s.id === id)!;

    it('is met with an in-date attestation carrying an evidence link', () => {
      const r = res(applicableProfile(id), id);
      expect(r.status).toBe('met');
      expect(r.reasons).toEqual(['attestation-in-date']);
      expect(r.evidence).toEqual([
        expect.objectContaining({
          kind: 'attestation',
          date: '2026-02-01',
          link: `https://evidence.example/${id}`,
        }),
      ]);
    });

    it('is a gap without an attestation', () => {
      const r = res(withAttestation(id, null, applicableProfile(id)), id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['attestation-missing'],
        message: 'No attestation recorded',
      });
      expect(r.remediation).toMatchObject({ attestation: true });
      expect(r.remediation!.hint).toContain(id);
    });

    it('is a gap when the attestation has no evidence link', () => {
      const r = res(
        withAttestation(id, { evidenceLink: undefined }, applicableProfile(id)),
        id,
      );
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['attestation-evidence-missing'],
      });
    });

    if (st.validity) {
      it(`is due-soon and then expired around attestedOn + ${st.validity}`, () => {
        const p = withAttestation(
          id,
          { attestedOn: '2025-03-10' },
          applicableProfile(id),
        );
        const after = expectBoundaries(
          p,
          id,
          '2026-03-10',
          'attestation-due-soon',
          'attestation-expired',
        );
        expect(after.message).toBe(
          'Attested by user:default/iao on 2025-03-10: over 12 months ago',
        );
      });
    } else {
      it('has no review period: stays met years later, until an explicit validUntil', () => {
        const p = withAttestation(
          id,
          { attestedOn: '2019-01-01' },
          applicableProfile(id),
        );
        expect(res(p, id)).toMatchObject({ status: 'met', due: undefined });
        const q = withAttestation(
          id,
          { attestedOn: '2025-01-01', validUntil: '2026-07-01' },
          applicableProfile(id),
        );
        expectBoundaries(
          q,
          id,
          '2026-07-01',
          'attestation-due-soon',
          'attestation-expired',
        );
      });
    }
  });

  it('uses the latest attestation and caps validity at validUntil', () => {
    const id = 'POL.ITSEC.005';
    const p = withAttestation(id, { attestedOn: '2024-01-01' });
    p.attestations.push({
      statementId: id,
      attestedBy: 'user:default/b',
      attestedOn: '2026-01-01',
      evidenceLink: 'l',
    });
    expect(res(p, id)).toMatchObject({ status: 'met', due: '2027-01-01' });
    const q = withAttestation(id, {
      attestedOn: '2026-01-01',
      validUntil: '2026-06-20',
    });
    expect(res(q, id)).toMatchObject({ status: 'due-soon', due: '2026-06-20' });
    expect(res(q, id, '2026-06-21').message).toContain(
      'valid until 2026-06-20, now expired',
    );
  });

  describe('POL.ITSEC.025 (need-to-know review: 6 months when OFFICIAL-SENSITIVE)', () => {
    const id = 'POL.ITSEC.025';
    it('uses P6M under the SENSITIVE caveat', () => {
      const p = withAttestation(id, { attestedOn: '2026-01-10' });
      p.sensitive = true;
      const after = expectBoundaries(
        p,
        id,
        '2026-07-10',
        'attestation-due-soon',
        'attestation-expired',
      );
      expect(after.message).toContain('over 6 months ago');
    });
    it('uses P12M without the caveat', () => {
      const p = withAttestation(id, { attestedOn: '2026-01-10' });
      expect(res(p, id, '2026-07-11')).toMatchObject({
        status: 'met',
        due: '2027-01-10',
      });
    });
  });

  describe('POL.ITSEC.033 (cryptography)', () => {
    const id = 'POL.ITSEC.033';
    it('is not applicable when the system uses no cryptography', () => {
      const p = compliantProfile();
      p.flags.usesCryptography = false;
      expect(res(p, id)).toMatchObject({
        status: 'not-applicable',
        reasons: ['not-applicable'],
      });
    });
    it('says so when the flag is not recorded, pointing at the annotation', () => {
      const p = compliantProfile();
      delete p.flags.usesCryptography;
      delete p.flags.usesHmgCrypto;
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'not-applicable',
        reasons: ['applicability-unknown'],
      });
      expect(r.remediation?.annotation).toBe(
        'itsec.justice.gov.uk/uses-cryptography',
      );
    });
    it('applies when HMG cryptographic material is used', () => {
      const p = withAttestation(id, null);
      p.flags.usesCryptography = false;
      p.flags.usesHmgCrypto = true;
      expect(res(p, id).status).toBe('gap');
    });
  });

  describe('POL.ITSEC.034 (HMG cryptography)', () => {
    const id = 'POL.ITSEC.034';
    it('is not applicable unless HMG cryptographic material is used', () => {
      expect(res(compliantProfile(), id).status).toBe('not-applicable');
    });
    it('needs a named COMSO as well as the attestation', () => {
      const p = applicableProfile(id);
      delete p.roles.comso;
      const r = res(p, id);
      expect(r).toMatchObject({ status: 'gap', reasons: ['comso-missing'] });
      expect(r.message).toMatch(/^No named COMSO; Attested by/);
      expect(r.remediation?.annotation).toBe('itsec.justice.gov.uk/role-comso');
      const q = withAttestation(id, null, p);
      expect(res(q, id).reasons).toEqual([
        'attestation-missing',
        'comso-missing',
      ]);
    });
  });

  describe('POL.ITSEC.040 (media sanitisation)', () => {
    const id = 'POL.ITSEC.040';
    it('is a gap when the entity has no classification', () => {
      const p = compliantProfile();
      delete p.classification;
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['classification-missing'],
      });
    });
    it('applies at SECRET too', () => {
      const p = withAttestation(id, null);
      p.classification = 'SECRET';
      expect(res(p, id).status).toBe('gap');
    });
  });

  describe('POL.ITSEC.023 (each role holder acknowledged)', () => {
    const id = 'POL.ITSEC.023';
    it('is met when every distinct role holder acknowledged', () => {
      const r = res(compliantProfile(), id);
      expect(r).toMatchObject({
        status: 'met',
        reasons: ['roles-acknowledged'],
        due: '2027-02-01',
      });
      expect(r.evidence).toHaveLength(6);
    });
    it('is a gap naming who has not acknowledged', () => {
      const p = compliantProfile();
      p.attestations = p.attestations.filter(
        a => !(a.statementId === id && a.attestedBy === 'user:default/iao'),
      );
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['role-not-acknowledged'],
      });
      expect(r.message).toBe('Not acknowledged by user:default/iao');
      expect(r.remediation?.attestation).toBe(true);
    });
    it('is a gap when no role holder is named', () => {
      const p = compliantProfile();
      p.roles = {};
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['roles-missing'],
      });
    });
    it('falls due 12 months after the oldest acknowledgement', () => {
      const p = compliantProfile();
      const ack = p.attestations.find(
        a => a.statementId === id && a.attestedBy === 'user:default/sysman',
      )!;
      ack.attestedOn = '2025-03-10';
      const after = expectBoundaries(
        p,
        id,
        '2026-03-10',
        'role-acknowledgement-due-soon',
        'role-acknowledgement-expired',
      );
      expect(after.message).toBe(
        'acknowledgement over 12 months old for user:default/sysman',
      );
    });
    it('counts an acknowledgement declared in catalog-info.yaml, and says so', () => {
      const p = compliantProfile();
      const ack = p.attestations.find(
        a => a.statementId === id && a.attestedBy === 'user:default/iao',
      )!;
      ack.origin = 'catalog';
      const r = res(p, id);
      expect(r.status).toBe('met');
      expect(r.evidence.map(e => e.label)).toContain(
        'Acknowledged by user:default/iao (declared in catalog-info.yaml)',
      );
      expect(r.evidence.map(e => e.label)).toContain(
        'Acknowledged by user:default/sysman',
      );
    });
    it("ignores acknowledgements by people who hold no role here, and uses each holder's newest", () => {
      const p = compliantProfile();
      p.attestations = p.attestations.filter(
        a => !(a.statementId === id && a.attestedBy === 'user:default/iao'),
      );
      p.attestations.push(
        {
          statementId: id,
          attestedBy: 'user:default/somebody-else',
          attestedOn: '2026-05-01',
          origin: 'catalog',
        },
        {
          statementId: id,
          attestedBy: 'user:default/sysman',
          attestedOn: '2024-01-01',
          origin: 'catalog',
        },
      );
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['role-not-acknowledged'],
        message: 'Not acknowledged by user:default/iao',
      });
      const sysman = r.evidence.find(e => e.label.includes('sysman'))!;
      expect(sysman.label).toBe('Acknowledged by user:default/sysman');
      expect(r.remediation?.annotation).toBe(
        'itsec.justice.gov.uk/role-acknowledgements',
      );
    });
  });
});

describe('record statements', () => {
  describe('POL.ITSEC.003 security procedures (12 months)', () => {
    const id = 'POL.ITSEC.003';
    it('is met with a link reviewed in date', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        reasons: ['security-procedures-current'],
        due: '2027-02-01',
      });
    });
    it('is a gap without a link', () => {
      const p = compliantProfile();
      delete p.records.securityProcedures;
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['security-procedures-missing'],
      });
      expect(r.remediation?.annotation).toBe(
        'itsec.justice.gov.uk/security-procedures',
      );
    });
    it('is a gap without a review date', () => {
      const p = compliantProfile();
      p.records.securityProcedures = { link: 'x', reviewedOn: '2026-02-30' };
      expect(res(p, id).reasons).toEqual([
        'security-procedures-review-date-missing',
      ]);
    });
    it('is due-soon, then overdue, 12 months after review', () => {
      const p = compliantProfile();
      p.records.securityProcedures!.reviewedOn = '2025-03-10';
      const after = expectBoundaries(
        p,
        id,
        '2026-03-10',
        'security-procedures-review-due-soon',
        'security-procedures-review-overdue',
      );
      expect(after.message).toBe(
        'Security procedures last reviewed 2025-03-10: over 12 months ago',
      );
    });
  });

  describe('POL.ITSEC.012 technical risk assessment (on change)', () => {
    const id = 'POL.ITSEC.012';
    it('is met with date, method, assessor and link; no due date', () => {
      const r = res(compliantProfile(), id);
      expect(r).toMatchObject({
        status: 'met',
        reasons: ['risk-assessment-recorded'],
        due: undefined,
      });
      expect(r.evidence[0]).toMatchObject({
        link: 'https://docs.example/ra',
        source: { inherited: false },
      });
    });
    it('does not expire (renewed on change)', () => {
      const p = compliantProfile();
      p.records.riskAssessment!.date = '2015-01-01';
      expect(res(p, id).status).toBe('met');
    });
    it('is a gap when missing or incomplete', () => {
      const p = compliantProfile();
      delete p.records.riskAssessment!.assessor;
      delete p.records.riskAssessment!.method;
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['risk-assessment-incomplete'],
        message:
          'Technical risk assessment record is missing: method, assessor',
      });
      delete p.records.riskAssessment;
      expect(res(p, id).reasons).toEqual(['risk-assessment-missing']);
    });
  });

  describe('POL.ITSEC.013 accreditation / ITSO advice', () => {
    const id = 'POL.ITSEC.013';
    it('is met while accredited, falling due on the expiry date', () => {
      const p = compliantProfile();
      p.records.accreditation!.expiry = '2026-09-30';
      const after = expectBoundaries(
        p,
        id,
        '2026-09-30',
        'accreditation-expiring',
        'accreditation-expired',
      );
      expect(after.message).toBe(
        'Accredited, but the accreditation expired on 2026-09-30',
      );
    });
    it('accepts accredited-with-conditions and a recorded not-required decision (IS1&2 retired)', () => {
      const p = compliantProfile();
      p.records.accreditation!.status = 'accredited-with-conditions';
      expect(res(p, id)).toMatchObject({
        status: 'met',
        reasons: ['accredited-with-conditions'],
      });
      p.records.accreditation = {
        status: 'not-required',
        accreditor: 'user:default/accreditor',
        decisionDate: '2025-01-01',
      };
      expect(res(p, id)).toMatchObject({
        status: 'met',
        reasons: ['accreditation-not-required'],
      });
    });
    it.each([
      ['in-progress', 'accreditation-in-progress'],
      ['not-assessed', 'accreditation-not-assessed'],
      ['expired', 'accreditation-expired'],
    ] as const)('is a gap when %s', (status, reason) => {
      const p = compliantProfile();
      p.records.accreditation!.status = status;
      expect(res(p, id)).toMatchObject({ status: 'gap', reasons: [reason] });
    });
    it('is a gap with no accreditation record', () => {
      const p = compliantProfile();
      delete p.records.accreditation;
      expect(res(p, id).reasons).toEqual(['accreditation-missing']);
    });
    it('is a gap when the entity has no classification', () => {
      const p = compliantProfile();
      delete p.classification;
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['classification-missing'],
      });
      expect(r.remediation?.annotation).toBe(
        'itsec.justice.gov.uk/classification',
      );
    });
    it('asks SECRET and TOP SECRET systems for ITSO advice instead', () => {
      const p = compliantProfile();
      p.classification = 'SECRET';
      delete p.records.accreditation;
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['itso-advice-missing'],
      });
      p.classification = 'TOP SECRET';
      p.records.itsoAdvice = {
        date: '2026-01-05',
        link: 'https://docs.example/itso',
      };
      expect(res(p, id)).toMatchObject({
        status: 'met',
        reasons: ['itso-advice-recorded'],
      });
    });
  });

  describe('POL.ITSEC.014 annual risk assessment (where accreditation applies)', () => {
    const id = 'POL.ITSEC.014';
    it('is met with a risk assessment in the last 12 months', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        reasons: ['risk-assessment-current'],
      });
    });
    it('is due-soon, then overdue, 12 months after the assessment', () => {
      const p = compliantProfile();
      p.records.riskAssessment!.date = '2025-03-10';
      expectBoundaries(
        p,
        id,
        '2026-03-10',
        'risk-assessment-due-soon',
        'risk-assessment-overdue',
      );
    });
    it('is a gap without a dated risk assessment', () => {
      const p = compliantProfile();
      delete p.records.riskAssessment;
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['risk-assessment-missing'],
      });
    });
    it('applies only where accreditation applies (flag, or derived from the accreditation status)', () => {
      const p = compliantProfile();
      delete p.flags.accreditationApplies;
      expect(res(p, id).status).toBe('met'); // status 'accredited' => in scope
      p.records.accreditation!.status = 'not-required';
      expect(res(p, id).status).toBe('not-applicable');
      p.flags.accreditationApplies = true;
      expect(res(p, id).status).toBe('met');
      delete p.records.accreditation;
      p.flags.accreditationApplies = false;
      expect(res(p, id).status).toBe('not-applicable');
    });
  });

  describe('POL.ITSEC.016 Business Impact Assessment (on change)', () => {
    const id = 'POL.ITSEC.016';
    it('is met with date, C/I/A levels and link', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        message: 'Business Impact Assessment dated 2026-02-01 (C3 I3 A2)',
      });
    });
    it('accepts impact level 0', () => {
      const p = compliantProfile();
      p.records.bia!.integrity = 0;
      expect(res(p, id).status).toBe('met');
    });
    it('is a gap when missing or incomplete', () => {
      const p = compliantProfile();
      delete p.records.bia!.availability;
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['bia-incomplete'],
      });
      delete p.records.bia;
      expect(res(p, id).reasons).toEqual(['bia-missing']);
    });
  });

  describe('POL.ITSEC.017 PIA / DPIA screening (on change)', () => {
    const id = 'POL.ITSEC.017';
    it('is met when screened, with a DPIA linked when one was needed', () => {
      expect(res(compliantProfile(), id).status).toBe('met');
      const p = compliantProfile();
      p.records.pia = { date: '2024-05-01', outcome: 'not-required' };
      expect(res(p, id)).toMatchObject({
        status: 'met',
        message: 'PIA screening dated 2024-05-01: no DPIA needed',
      });
    });
    it('is a gap when a DPIA is required but not linked', () => {
      const p = compliantProfile();
      p.records.pia = { date: '2026-01-01', outcome: 'required' };
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['dpia-missing'],
      });
    });
    it('is a gap when missing or incomplete', () => {
      const p = compliantProfile();
      p.records.pia = { outcome: 'not-required' };
      expect(res(p, id).reasons).toEqual(['pia-incomplete']);
      delete p.records.pia;
      expect(res(p, id).reasons).toEqual(['pia-missing']);
    });
  });

  describe('POL.ITSEC.019 change log', () => {
    const id = 'POL.ITSEC.019';
    it('is met with a linked change log, a gap without', () => {
      expect(res(compliantProfile(), id).status).toBe('met');
      const p = compliantProfile();
      delete p.records.changeLog;
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['change-log-missing'],
      });
      expect(r.remediation?.annotation).toBe('itsec.justice.gov.uk/change-log');
    });
  });

  describe('POL.ITSEC.022 named role holders', () => {
    const id = 'POL.ITSEC.022';
    it('is met when every mandatory role is held', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        message: 'All 6 required roles are named',
      });
    });
    it('lists each missing role as its own reason', () => {
      const p = compliantProfile();
      delete p.roles.iao;
      p.roles['dr-lead'] = [];
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['iao-missing', 'dr-lead-missing'],
      });
      expect(r.message).toBe('No named Information Asset Owner, DR lead');
      expect(r.remediation?.annotation).toBe('itsec.justice.gov.uk/role-iao');
    });
    it('needs an Accreditor only with accreditation or connections, a COMSO only with HMG crypto', () => {
      const p = compliantProfile();
      delete p.roles.accreditor;
      expect(res(p, id).reasons).toEqual(['accreditor-missing']);
      p.flags.accreditationApplies = false;
      p.flags.hasExternalConnections = false;
      p.codesOfConnection = [];
      // An accredited system stays in scope whatever the flag says.
      expect(res(p, id).reasons).toEqual(['accreditor-missing']);
      p.records.accreditation!.status = 'not-required';
      expect(res(p, id).status).toBe('met');
      p.flags.usesHmgCrypto = true;
      expect(res(p, id).reasons).toEqual(['comso-missing']);
    });
    it('counts inherited holders and says where they came from', () => {
      const p = compliantProfile();
      p.roles.iao = [
        {
          ref: 'user:default/iao',
          source: { inherited: true, from: 'system:default/pay' },
        },
      ];
      const r = res(p, id);
      expect(r.status).toBe('met');
      expect(r.evidence).toContainEqual(
        expect.objectContaining({
          kind: 'role',
          source: { inherited: true, from: 'system:default/pay' },
        }),
      );
    });
  });

  describe('POL.ITSEC.028 Codes of Connection (12 months after agreement)', () => {
    const id = 'POL.ITSEC.028';
    it('is met when every connection has an agreed, in-date Code of Connection', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        due: '2027-02-01',
      });
    });
    it('is due-soon, then overdue, 12 months after agreement', () => {
      const p = compliantProfile();
      p.codesOfConnection[0].agreedDate = '2025-03-10';
      const after = expectBoundaries(
        p,
        id,
        '2026-03-10',
        'coc-review-due-soon',
        'coc-review-overdue',
      );
      expect(after.message).toBe(
        '1 Code of Connection: COC-1 with hmcts: review was due 2026-03-10',
      );
    });
    it('uses an explicit review date when recorded', () => {
      const p = compliantProfile();
      p.codesOfConnection[0].reviewDue = '2026-07-01';
      expect(res(p, id)).toMatchObject({
        status: 'due-soon',
        due: '2026-07-01',
      });
    });
    it.each([
      ['draft', 'coc-not-agreed'],
      ['expired', 'coc-expired'],
      ['revoked', 'coc-revoked'],
    ] as const)(
      'is a gap when a Code of Connection is %s',
      (status, reason) => {
        const p = compliantProfile();
        p.codesOfConnection.push({
          ref: 'COC-2',
          counterparty: 'hmrc',
          status,
        });
        expect(res(p, id)).toMatchObject({ status: 'gap', reasons: [reason] });
      },
    );
    it('is a gap when connections are declared without any Code of Connection', () => {
      const p = compliantProfile();
      p.codesOfConnection = [];
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['coc-missing'],
      });
      p.flags.hasExternalConnections = false;
      expect(res(p, id).status).toBe('not-applicable');
    });
    it('applies whenever a Code of Connection is recorded', () => {
      const p = compliantProfile();
      delete p.flags.hasExternalConnections;
      p.codesOfConnection[0].status = 'draft';
      expect(res(p, id).status).toBe('gap');
    });
    it('needs ITSO advice for connections of a SECRET system', () => {
      const p = compliantProfile();
      p.classification = 'SECRET';
      expect(res(p, id).reasons).toEqual([
        'coc-above-official-needs-itso-advice',
      ]);
      p.records.itsoAdvice = { date: '2026-01-01', link: 'x' };
      expect(res(p, id).status).toBe('met');
    });
    it('needs ITSO advice when a connection shares data above OFFICIAL', () => {
      const p = compliantProfile();
      p.codesOfConnection[0].classification = 'SECRET';
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['coc-above-official-needs-itso-advice'],
        message:
          '1 Code of Connection: SECRET data shared: connections need ITSO and Accreditor advice, none recorded',
      });
      p.records.itsoAdvice = { date: '2026-01-01', link: 'x' };
      expect(res(p, id).status).toBe('met');
    });
    it('is a gap when an agreed Code of Connection lacks an approval, naming whose', () => {
      const p = compliantProfile();
      delete p.codesOfConnection[0].approvals!.itso;
      delete p.codesOfConnection[0].approvals!.iao;
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['coc-approvals-missing'],
        message:
          '1 Code of Connection: COC-1 with hmcts: no approval by the ITSO, IAO recorded',
      });
      expect(r.remediation?.hint).toMatch(/spec\.approvals/);
      delete p.codesOfConnection[0].approvals;
      expect(res(p, id).message).toContain(
        'no approval by the Accreditor, ITSO, IAO recorded',
      );
    });
    it('links the information-sharing agreement as evidence', () => {
      const p = compliantProfile();
      p.codesOfConnection[0].agreementLink = 'https://docs.example/isa';
      expect(res(p, id).evidence[0]).toMatchObject({
        kind: 'code-of-connection',
        link: 'https://docs.example/isa',
      });
    });
  });

  describe('POL.ITSEC.031 incident management provision', () => {
    const id = 'POL.ITSEC.031';
    it('is met with plan link, contacts and budget line', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        message: 'Incident plan linked, 1 contact, budget line CC-1234',
      });
    });
    it('is a gap listing what is missing', () => {
      const p = compliantProfile();
      p.records.incident = { planLink: 'x', contacts: [] };
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['incident-contacts-missing', 'incident-budget-line-missing'],
        message:
          'Incident management provision is missing: contacts, budget line',
      });
      delete p.records.incident;
      expect(res(p, id).reasons).toEqual(['incident-provision-missing']);
    });
  });

  describe('POL.ITSEC.039 supplier assessments (annual)', () => {
    const id = 'POL.ITSEC.039';
    it('names the basis of each assessment in its evidence', () => {
      const p = compliantProfile();
      p.records.suppliers = [
        {
          name: 'Acme',
          assessedOn: '2026-02-01',
          basis: 'ISO 27001 certificate',
        },
        { name: 'Beta', assessedOn: '2026-02-01' },
      ];
      expect(res(p, id).evidence.map(e => e.label)).toEqual([
        'Supplier Acme (ISO 27001 certificate)',
        'Supplier Beta',
      ]);
    });
    it('is met when every supplier handling MoJ data was assessed within 12 months', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        due: '2027-02-01',
      });
    });
    it('is due-soon, then overdue, 12 months after the assessment', () => {
      const p = compliantProfile();
      p.records.suppliers!.push({ name: 'Old Co', assessedOn: '2025-03-10' });
      const after = expectBoundaries(
        p,
        id,
        '2026-03-10',
        'supplier-assessment-due-soon',
        'supplier-assessment-overdue',
      );
      expect(after.message).toBe(
        '2 suppliers handling MoJ data: Old Co: assessed 2025-03-10, over 12 months ago',
      );
    });
    it('is a gap for an unassessed supplier or when no supplier is recorded', () => {
      const p = compliantProfile();
      p.records.suppliers!.push({ name: 'New Co' });
      expect(res(p, id).reasons).toEqual(['supplier-not-assessed']);
      p.records.suppliers = [];
      expect(res(p, id).reasons).toEqual(['supplier-assessments-missing']);
    });
    it('is not applicable when no supplier handles MoJ data', () => {
      const p = compliantProfile();
      p.records.suppliers = [{ name: 'Stationery Ltd', handlesMojData: false }];
      expect(res(p, id)).toMatchObject({
        status: 'not-applicable',
        reasons: ['no-supplier-handles-moj-data'],
      });
    });
  });

  describe('POL.ITSEC.041 disposal to IS5 or its successor', () => {
    const id = 'POL.ITSEC.041';
    it.each([
      'IS5',
      'HMG IA Standard No.5',
      'HMG Information Assurance Standard No. 5',
      'NCSC Secure Sanitisation of storage media',
      'GovS 007',
    ])('accepts %s', standard => {
      const p = compliantProfile();
      p.records.disposal!.standard = standard;
      expect(res(p, id)).toMatchObject({
        status: 'met',
        reasons: ['disposal-standard-cited'],
      });
    });
    it('names the scope the procedure covers in its evidence', () => {
      const p = compliantProfile();
      p.records.disposal!.scope = ['physical', 'cloud'];
      expect(res(p, id).evidence[0].label).toBe(
        'Asset disposal procedure (physical, cloud)',
      );
      delete p.records.disposal!.scope;
      expect(res(p, id).evidence[0].label).toBe('Asset disposal procedure');
    });
    it('is a gap for another standard, no standard or no procedure', () => {
      const p = compliantProfile();
      p.records.disposal!.standard = 'ISO 27001';
      expect(res(p, id).reasons).toEqual(['disposal-standard-not-recognised']);
      delete p.records.disposal!.standard;
      expect(res(p, id).reasons).toEqual(['disposal-standard-missing']);
      delete p.records.disposal;
      expect(res(p, id).reasons).toEqual(['disposal-procedure-missing']);
    });
  });

  describe('POL.ITSEC.042 asset disposal procedure (12 months)', () => {
    const id = 'POL.ITSEC.042';
    it('is met with link, approver and a review in date', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        due: '2027-02-01',
      });
    });
    it('is due-soon, then overdue, 12 months after review', () => {
      const p = compliantProfile();
      p.records.disposal!.reviewedOn = '2025-03-10';
      expectBoundaries(
        p,
        id,
        '2026-03-10',
        'disposal-review-due-soon',
        'disposal-review-overdue',
      );
    });
    it('is a gap without an approver, a review date or a procedure', () => {
      const p = compliantProfile();
      delete p.records.disposal!.approver;
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['disposal-approver-missing'],
      });
      p.records.disposal!.reviewedOn = '2025-01-01';
      expect(res(p, id).reasons).toEqual([
        'disposal-approver-missing',
        'disposal-review-overdue',
      ]);
      p.records.disposal = { link: 'x', approver: 'user:default/a' };
      expect(res(p, id).reasons).toEqual(['disposal-review-date-missing']);
      delete p.records.disposal;
      expect(res(p, id).reasons).toEqual(['disposal-procedure-missing']);
    });
  });

  describe('POL.ITSEC.043 DR plan tested within 12 months', () => {
    const id = 'POL.ITSEC.043';
    it('is met with a plan whose last successful test is in date', () => {
      expect(res(compliantProfile(), id)).toMatchObject({
        status: 'met',
        reasons: ['dr-test-current'],
        message: 'DR plan last tested 2026-02-01: next due 2027-02-01',
        due: '2027-02-01',
      });
    });
    it('is due-soon, then overdue, 12 months after the last successful test', () => {
      const p = compliantProfile();
      p.records.drPlan!.lastTest = { date: '2025-09-01', outcome: 'pass' };
      const after = expectBoundaries(
        p,
        id,
        '2026-09-01',
        'dr-test-due-soon',
        'dr-test-overdue',
      );
      expect(after.message).toBe(
        'DR plan last tested 2025-09-01: over 12 months ago',
      );
      expect(after.remediation).toEqual({
        annotation: 'itsec.justice.gov.uk/dr-plan-last-test',
        hint: expect.stringContaining('Test the DR plan'),
      });
    });
    it('counts only a successful test', () => {
      const p = compliantProfile();
      p.records.drPlan!.lastTest = { date: '2026-05-01', outcome: 'fail' };
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['dr-test-failed'],
        message:
          'DR plan last tested 2026-05-01: fail, no successful test recorded',
      });
      p.records.drPlan!.lastTest = { date: '2026-05-01', outcome: 'partial' };
      expect(res(p, id).reasons).toEqual(['dr-test-partial']);
    });
    it('is a gap with no plan, an untested plan or no RTO/RPO', () => {
      const p = compliantProfile();
      delete p.records.drPlan!.rpo;
      expect(res(p, id)).toMatchObject({
        status: 'gap',
        reasons: ['dr-plan-incomplete'],
      });
      delete p.records.drPlan!.lastTest;
      expect(res(p, id).reasons).toEqual([
        'dr-plan-incomplete',
        'dr-test-missing',
      ]);
      delete p.records.drPlan;
      const r = res(p, id);
      expect(r).toMatchObject({
        status: 'gap',
        reasons: ['dr-plan-missing'],
        message: 'No DR plan recorded',
      });
      expect(r.remediation?.annotation).toBe('itsec.justice.gov.uk/dr-plan');
    });
  });
});

describe('catalogue coverage of these tests', () => {
  it('has a block above for every record statement', () => {
    const records = P.statements
      .filter(s => s.kind === 'record')
      .map(s => s.id);
    expect(records).toEqual([
      'POL.ITSEC.003',
      'POL.ITSEC.012',
      'POL.ITSEC.013',
      'POL.ITSEC.014',
      'POL.ITSEC.016',
      'POL.ITSEC.017',
      'POL.ITSEC.019',
      'POL.ITSEC.022',
      'POL.ITSEC.028',
      'POL.ITSEC.031',
      'POL.ITSEC.039',
      'POL.ITSEC.041',
      'POL.ITSEC.042',
      'POL.ITSEC.043',
    ]);
  });
});
