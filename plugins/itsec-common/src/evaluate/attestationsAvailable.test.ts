import { mojIctSecurityPolicy } from '../policy';
import type { SecurityProfile } from '../profile/types';
import {
  AS_OF,
  ATTESTATION_IDS,
  compliantProfile,
} from '../__testUtils__/profiles';
import { evaluate } from './evaluate';
import type { StatementResult } from './types';

const P = mojIctSecurityPolicy;
const byId = (results: StatementResult[], id: string) =>
  results.find(r => r.statementId === id)!;

/** The compliant profile as catalog files show it: no portal attestations. */
function filesOnly(): SecurityProfile {
  return { ...compliantProfile(), attestations: [], exceptions: [] };
}

describe('evaluate with attestationsAvailable: false', () => {
  it('does not score what only a portal attestation proves, and scores the rest', () => {
    const online = evaluate(filesOnly(), P, { asOf: AS_OF });
    const offline = evaluate(filesOnly(), P, {
      asOf: AS_OF,
      attestationsAvailable: false,
    });
    // Online, every applicable attestation statement is a gap: the files
    // cannot hold them (034 applies only with HMG cryptography).
    const applicable = ATTESTATION_IDS.filter(id => id !== 'POL.ITSEC.034');
    expect(byId(online.results, 'POL.ITSEC.034').status).toBe('not-applicable');
    for (const id of applicable)
      expect(byId(online.results, id).status).toBe('gap');
    for (const id of applicable) {
      const r = byId(offline.results, id);
      expect(r).toMatchObject({
        status: 'not-scored',
        reasons: ['attested-in-portal'],
        message: expect.stringContaining('Attested in the portal'),
      });
      expect(r.remediation?.attestation).toBe(true);
    }
    // Record statements are untouched.
    const records = P.statements.filter(s => s.kind === 'record');
    for (const s of records)
      expect(byId(offline.results, s.id)).toEqual(byId(online.results, s.id));
    expect(offline.summary.counts.gap).toBe(0);
    expect(offline.summary.score).toBe(100);
    expect(online.summary.score).toBeLessThan(100);
    expect(offline.summary.scored).toBe(
      online.summary.scored - applicable.length,
    );
  });

  it('keeps a gap the files show, even on an attestation statement', () => {
    const p = filesOnly();
    // No role holders: POL.ITSEC.023 cannot be met by anyone's attestation.
    p.roles = {};
    const offline = evaluate(p, P, {
      asOf: AS_OF,
      attestationsAvailable: false,
    });
    expect(byId(offline.results, 'POL.ITSEC.023')).toMatchObject({
      status: 'gap',
      reasons: ['roles-missing'],
    });
  });

  it('keeps an attestation statement a gap when the files show a role is missing', () => {
    // POL.ITSEC.034 (HMG cryptography) also needs a named COMSO.
    const p = filesOnly();
    p.flags = { ...p.flags, usesHmgCrypto: true };
    const offline = evaluate(p, P, {
      asOf: AS_OF,
      attestationsAvailable: false,
    });
    expect(byId(offline.results, 'POL.ITSEC.034')).toMatchObject({
      status: 'gap',
      reasons: ['attestation-missing', 'comso-missing'],
    });
    p.roles = {
      ...p.roles,
      comso: [{ ref: 'user:default/comso', source: { inherited: false } }],
    };
    expect(
      byId(
        evaluate(p, P, { asOf: AS_OF, attestationsAvailable: false }).results,
        'POL.ITSEC.034',
      ).status,
    ).toBe('not-scored');
  });

  it('keeps met attestations declared in the files (paper acknowledgements)', () => {
    const p = compliantProfile();
    p.attestations = p.attestations!.filter(
      a => a.statementId === 'POL.ITSEC.023',
    );
    const offline = evaluate(p, P, {
      asOf: AS_OF,
      attestationsAvailable: false,
    });
    expect(byId(offline.results, 'POL.ITSEC.023').status).toBe('met');
  });
});
