import type { Entity } from '@backstage/catalog-model';
import { entityToProfile } from '../annotations';
import { parsePolicyCatalogue, personalAttestationStatements } from '../policy';
import { notificationRoles } from './checks';
import { evaluate } from './evaluate';
import type { StatementResult } from './types';
import teamPolicy from './__fixtures__/team-policy.json';

/*
 * A team's own policy: its own statement ids, mapped to our checks. Nothing
 * in the engine may depend on the MoJ policy's statement ids.
 */
const POLICY = parsePolicyCatalogue(teamPolicy, 'team-policy.json');
const AS_OF = '2026-06-15';
const A = 'itsec.justice.gov.uk/';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'default', annotations },
    spec: { owner: 'group:default/team' },
  };
}

const COMPLIANT = {
  [`${A}classification`]: 'OFFICIAL',
  [`${A}uses-hmg-crypto`]: 'false',
  [`${A}role-iao`]: 'iao',
  [`${A}role-dr-lead`]: 'drlead',
  [`${A}role-acknowledgements`]: 'iao=2026-02-01, drlead=2026-02-01',
  [`${A}role-acknowledgements-evidence`]: 'https://evidence.example/acks',
  [`${A}dr-plan`]: 'https://evidence.example/dr',
  [`${A}dr-plan-rto`]: '4h',
  [`${A}dr-plan-rpo`]: '1h',
  [`${A}dr-plan-last-test`]: '2026-01-10 pass',
};

function results(annotations: Record<string, string>) {
  const profile = entityToProfile(entity(annotations), {
    policy: POLICY,
    asOf: AS_OF,
  });
  const e = evaluate(profile, POLICY, { asOf: AS_OF });
  const by = (id: string): StatementResult =>
    e.results.find(r => r.statementId === id)!;
  return { e, by };
}

describe('a custom policy with its own statement ids', () => {
  it('evaluates every statement by its check', () => {
    const { e, by } = results(COMPLIANT);
    expect(e.policy).toEqual({ id: 'team-policy', version: '0.3.0' });
    expect(e.results.map(r => [r.statementId, r.status, r.reasons])).toEqual([
      ['TEAM-ROLES', 'met', ['roles-named']],
      ['TEAM-ACK', 'met', ['roles-acknowledged']],
      ['TEAM-DR', 'met', ['dr-test-current']],
      ['TEAM-CRYPTO', 'not-applicable', ['not-applicable']],
      ['TEAM-REVIEW', 'not-scored', ['policy-review-current']],
    ]);
    expect(e.summary.score).toBe(100);
    expect(by('TEAM-ACK').evidence.map(x => x.label)).toEqual([
      'Acknowledged by user:default/iao (declared in catalog-info.yaml)',
      'Acknowledged by user:default/drlead (declared in catalog-info.yaml)',
    ]);
  });

  it('names its own statements in messages and hints, never the MoJ ids', () => {
    const { by } = results({ [`${A}classification`]: 'OFFICIAL' });
    const ack = by('TEAM-ACK');
    expect(ack).toMatchObject({
      status: 'gap',
      reasons: ['roles-missing'],
      message: 'No security role holders are named (see TEAM-ROLES)',
      remediation: {
        annotation: `${A}role-iao`,
        hint: 'Name the security role holders first (TEAM-ROLES), then have each acknowledge the role',
      },
    });
    const { by: by2 } = results({
      ...COMPLIANT,
      [`${A}role-acknowledgements`]: 'iao=2026-02-01',
    });
    expect(by2('TEAM-ACK')).toMatchObject({
      status: 'gap',
      reasons: ['role-not-acknowledged'],
      message: 'Not acknowledged by user:default/drlead',
    });
    expect(by2('TEAM-ACK').remediation?.hint).toContain(
      'with an attestation for TEAM-ACK',
    );
    const crypto = results({
      ...COMPLIANT,
      [`${A}uses-hmg-crypto`]: 'true',
    }).by('TEAM-CRYPTO');
    expect(crypto).toMatchObject({
      status: 'gap',
      reasons: ['attestation-missing', 'comso-missing'],
    });
    expect(crypto.remediation?.hint).toBe(
      'Record an attestation for TEAM-CRYPTO with an evidence link: An attestation that use conforms.',
    );
    const json = JSON.stringify(results({}).e);
    expect(json).not.toMatch(/POL\.ITSEC/);
  });

  it('finds its role acknowledgements and notification roles by check', () => {
    expect([...personalAttestationStatements(POLICY)]).toEqual(['TEAM-ACK']);
    const roles = Object.fromEntries(
      POLICY.statements.map(s => [s.id, notificationRoles(s)]),
    );
    expect(roles).toEqual({
      'TEAM-ROLES': undefined,
      'TEAM-ACK': [
        'business-siro',
        'iao',
        'system-manager',
        'service-provider',
        'accreditor',
        'comso',
        'dr-lead',
      ],
      'TEAM-DR': ['dr-lead'],
      'TEAM-CRYPTO': ['comso'],
      'TEAM-REVIEW': undefined,
    });
  });

  it('counts paper acknowledgements for the policy given, not the default', () => {
    const profile = entityToProfile(entity(COMPLIANT), { asOf: AS_OF });
    expect(new Set(profile.attestations.map(a => a.statementId))).toEqual(
      new Set(['POL.ITSEC.023']),
    );
    const e = evaluate(profile, POLICY, { asOf: AS_OF });
    expect(e.results.find(r => r.statementId === 'TEAM-ACK')?.reasons).toEqual([
      'role-not-acknowledged',
    ]);
  });
});
