import type { Entity } from '@backstage/catalog-model';
import { evaluate } from '../evaluate';
import { resolveProfile } from '../inheritance';
import { mojIctSecurityPolicy } from '../policy';
import { indexCodesOfConnection } from '../codeOfConnection';
import {
  entityRefOf,
  entityToProfile,
  entityToProfileWithProblems,
  parentEntityRef,
} from './entityToProfile';

const P = 'itsec.justice.gov.uk/';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'Civil-Money-Claims',
    annotations: {
      [`${P}classification`]: 'OFFICIAL-SENSITIVE',
      [`${P}uses-cryptography`]: 'true',
      [`${P}uses-hmg-crypto`]: 'false',
      [`${P}handles-personal-data`]: 'true',
      [`${P}has-suppliers`]: 'true',
      [`${P}has-external-connections`]: 'true',
      [`${P}accreditation-applies`]: 'true',
      [`${P}role-business-siro`]: 'sarah.whitfield',
      [`${P}role-iao`]: 'thomas.green',
      [`${P}role-system-manager`]: 'oliver.bennett',
      [`${P}role-service-provider`]: 'oliver.bennett',
      [`${P}service-provider-organisation`]: 'HMCTS Digital',
      [`${P}role-accreditor`]: 'david.okafor, helen.pritchard',
      [`${P}role-dr-lead`]: 'oliver.bennett',
      [`${P}role-acknowledgements`]:
        'thomas.green=2026-03-02, user:default/david.okafor=2026-02-16',
      [`${P}role-acknowledgements-evidence`]: 'https://example.org/acks',
      [`${P}security-procedures`]: 'https://example.org/syops',
      [`${P}security-procedures-reviewed`]: '2025-11-03',
      [`${P}risk-assessment`]: 'https://example.org/ra',
      [`${P}risk-assessment-date`]: '2025-09-15',
      [`${P}risk-assessment-method`]: 'NCSC risk management guidance',
      [`${P}risk-assessment-assessor`]: 'user:default/helen.pritchard',
      [`${P}accreditation-status`]: 'accredited',
      [`${P}accreditation-date`]: '2025-10-01',
      [`${P}accreditation-expiry`]: '2026-09-30',
      [`${P}rmads`]: 'https://example.org/rmads',
      [`${P}bia`]: 'https://example.org/bia',
      [`${P}bia-date`]: '2025-05-12',
      [`${P}bia-impact`]: 'C=IL3, I=IL2, A=IL2',
      [`${P}bia-rto`]: '4h',
      [`${P}bia-rpo`]: '1h',
      [`${P}pia`]: 'completed',
      [`${P}pia-date`]: '2025-03-02',
      [`${P}dpia`]: 'https://example.org/dpia',
      [`${P}change-log`]: 'https://example.org/changelog',
      [`${P}incident-plan`]: 'https://example.org/incident-plan',
      [`${P}incident-contacts`]: 'oliver.bennett, cmc-incidents@example.org',
      [`${P}incident-budget-line`]: 'HMCTS-4471',
      [`${P}disposal-procedure`]: 'https://example.org/disposal',
      [`${P}disposal-standard`]: 'NCSC secure sanitisation',
      [`${P}disposal-scope`]: 'physical, cloud',
      [`${P}disposal-approver`]: 'thomas.green',
      [`${P}disposal-reviewed`]: '2025-08-30',
      [`${P}dr-plan`]: 'https://example.org/dr',
      [`${P}dr-plan-rto`]: '4h',
      [`${P}dr-plan-rpo`]: '15m',
      [`${P}dr-plan-last-test`]: '2025-07-08 pass',
      [`${P}suppliers`]:
        'Acme Cloud Ltd=2025-04-01 ISO 27001 certificate, Print Co=no-data',
      [`${P}suppliers-evidence`]: 'https://example.org/suppliers',
    },
  },
  spec: { owner: 'team-a' },
};

const coc: Entity = {
  apiVersion: 'itsec.justice.gov.uk/v1alpha1',
  kind: 'CodeOfConnection',
  metadata: { name: 'cmc-to-bank' },
  spec: {
    system: 'civil-money-claims',
    counterparty: { organisation: 'Example Bank plc' },
    category: 'third-party',
    direction: 'out',
    dataShared: 'Payment references',
    personalData: true,
    classification: 'OFFICIAL',
    approvals: {
      accreditor: { by: 'david.okafor', date: '2025-06-01' },
      itso: { by: 'priya.shah', date: '2025-06-02' },
      iao: { by: 'thomas.green', date: '2025-06-03' },
    },
    status: 'agreed',
    agreedDate: '2025-06-10',
    owner: 'team-a',
  },
};

describe('entityToProfile', () => {
  it('maps every annotation into the security profile', () => {
    const cocs = indexCodesOfConnection([system, coc]);
    const { profile, problems } = entityToProfileWithProblems(system, {
      codesOfConnection: cocs,
    });
    expect(problems).toEqual([]);
    const own = { inherited: false };
    expect(profile).toEqual({
      entityRef: 'system:default/civil-money-claims',
      kind: 'system',
      classification: 'OFFICIAL',
      sensitive: true,
      roles: {
        'business-siro': [{ ref: 'user:default/sarah.whitfield', source: own }],
        iao: [{ ref: 'user:default/thomas.green', source: own }],
        'system-manager': [{ ref: 'user:default/oliver.bennett', source: own }],
        'service-provider': [
          {
            ref: 'user:default/oliver.bennett',
            organisation: 'HMCTS Digital',
            source: own,
          },
        ],
        accreditor: [
          { ref: 'user:default/david.okafor', source: own },
          { ref: 'user:default/helen.pritchard', source: own },
        ],
        'dr-lead': [{ ref: 'user:default/oliver.bennett', source: own }],
      },
      flags: {
        usesCryptography: true,
        usesHmgCrypto: false,
        handlesPersonalData: true,
        hasSuppliers: true,
        hasExternalConnections: true,
        accreditationApplies: true,
      },
      records: {
        securityProcedures: {
          link: 'https://example.org/syops',
          reviewedOn: '2025-11-03',
        },
        riskAssessment: {
          date: '2025-09-15',
          method: 'NCSC risk management guidance',
          assessor: 'user:default/helen.pritchard',
          link: 'https://example.org/ra',
        },
        accreditation: {
          status: 'accredited',
          accreditor: 'user:default/david.okafor',
          decisionDate: '2025-10-01',
          expiry: '2026-09-30',
          rmadsLink: 'https://example.org/rmads',
        },
        bia: {
          date: '2025-05-12',
          confidentiality: 3,
          integrity: 2,
          availability: 2,
          rto: 'PT4H',
          rpo: 'PT1H',
          link: 'https://example.org/bia',
        },
        pia: {
          date: '2025-03-02',
          outcome: 'completed',
          dpiaLink: 'https://example.org/dpia',
        },
        drPlan: {
          link: 'https://example.org/dr',
          rto: 'PT4H',
          rpo: 'PT15M',
          lastTest: { date: '2025-07-08', outcome: 'pass' },
        },
        disposal: {
          link: 'https://example.org/disposal',
          standard: 'NCSC secure sanitisation',
          scope: ['physical', 'cloud'],
          approver: 'user:default/thomas.green',
          reviewedOn: '2025-08-30',
        },
        incident: {
          planLink: 'https://example.org/incident-plan',
          contacts: ['oliver.bennett', 'cmc-incidents@example.org'],
          budgetLine: 'HMCTS-4471',
        },
        changeLog: { link: 'https://example.org/changelog' },
        suppliers: [
          {
            name: 'Acme Cloud Ltd',
            handlesMojData: true,
            assessedOn: '2025-04-01',
            basis: 'ISO 27001 certificate',
            link: 'https://example.org/suppliers',
          },
          { name: 'Print Co', handlesMojData: false },
        ],
      },
      codesOfConnection: [
        {
          ref: 'codeofconnection:default/cmc-to-bank',
          counterparty: 'Example Bank plc',
          category: 'third-party',
          direction: 'out',
          personalData: true,
          classification: 'OFFICIAL',
          approvals: {
            accreditor: { by: 'user:default/david.okafor', date: '2025-06-01' },
            itso: { by: 'user:default/priya.shah', date: '2025-06-02' },
            iao: { by: 'user:default/thomas.green', date: '2025-06-03' },
          },
          status: 'agreed',
          agreedDate: '2025-06-10',
          owner: 'group:default/team-a',
          source: own,
        },
      ],
      attestations: [
        {
          statementId: 'POL.ITSEC.023',
          attestedBy: 'user:default/thomas.green',
          attestedOn: '2026-03-02',
          origin: 'catalog',
          evidenceLink: 'https://example.org/acks',
        },
        {
          statementId: 'POL.ITSEC.023',
          attestedBy: 'user:default/david.okafor',
          attestedOn: '2026-02-16',
          origin: 'catalog',
          evidenceLink: 'https://example.org/acks',
        },
      ],
      exceptions: [],
    });
  });

  it('gives an empty profile for an entity without itsec annotations', () => {
    const profile = entityToProfile({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', namespace: 'Ops' },
      spec: {},
    });
    expect(profile).toEqual({
      entityRef: 'component:ops/x',
      kind: 'component',
      roles: {},
      flags: {},
      records: {},
      codesOfConnection: [],
      attestations: [],
      exceptions: [],
    });
  });

  it('leaves out invalid values and reports them', () => {
    const { profile, problems } = entityToProfileWithProblems({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'x',
        annotations: {
          [`${P}classification`]: 'RESTRICTED',
          [`${P}role-iao`]: 'group:default/team-a',
          [`${P}dr-plan`]: 'https://example.org/dr',
          [`${P}dr-plan-last-test`]: '2025-07-08',
        },
      },
    });
    expect(profile.classification).toBeUndefined();
    expect(profile.roles).toEqual({});
    expect(profile.records).toEqual({
      drPlan: { link: 'https://example.org/dr' },
    });
    expect(problems.map(p => p.annotation)).toEqual([
      `${P}classification`,
      `${P}role-iao`,
      `${P}dr-plan-last-test`,
    ]);
  });

  it('accepts a list of connections for the entity', () => {
    const x = {
      ref: 'x',
      counterparty: 'y',
      status: 'draft' as const,
      owner: 'group:default/team-a',
    };
    const profile = entityToProfile(system, { codesOfConnection: [x] });
    expect(profile.codesOfConnection).toEqual([x]);
  });

  it('counts a Code of Connection only when the system owner or the ITSO group owns it', () => {
    const owned = (owner: string | undefined) => ({
      ref: `coc-${owner}`,
      counterparty: 'y',
      status: 'draft' as const,
      ...(owner ? { owner } : {}),
    });
    const list = [
      owned('group:default/team-a'),
      owned('group:default/team-b'),
      owned('group:default/itso'),
      owned('group:default/security'),
      owned(undefined),
    ];
    expect(
      entityToProfile(system, {
        codesOfConnection: list,
      }).codesOfConnection.map(c => c.ref),
    ).toEqual(['coc-group:default/team-a', 'coc-group:default/itso']);
    // A configured ITSO group replaces the default one.
    expect(
      entityToProfile(system, {
        codesOfConnection: list,
        itsoGroup: 'group:default/security',
      }).codesOfConnection.map(c => c.ref),
    ).toEqual(['coc-group:default/team-a', 'coc-group:default/security']);
    // The ownedBy relation the catalog adds wins over spec.owner.
    expect(
      entityToProfile(
        {
          ...system,
          relations: [{ type: 'ownedBy', targetRef: 'group:default/team-b' }],
        },
        { codesOfConnection: list },
      ).codesOfConnection.map(c => c.ref),
    ).toEqual(['coc-group:default/team-b', 'coc-group:default/itso']);
  });

  it('keeps the ITSO group members with the Codes of Connection, and only then', () => {
    const cocs = indexCodesOfConnection([coc]);
    const members = ['user:default/Priya.Shah'];
    expect(
      entityToProfile(system, {
        codesOfConnection: cocs,
        itsoGroupMembers: members,
      }).itsoGroupMembers,
    ).toEqual(['user:default/priya.shah']);
    expect(
      entityToProfile(system, {
        codesOfConnection: new Map(),
        itsoGroupMembers: members,
      }).itsoGroupMembers,
    ).toBeUndefined();
  });

  it('never puts a business-group SIRO named on a Component, API or Resource into the profile', () => {
    for (const kind of ['Component', 'API', 'Resource']) {
      const { profile, problems } = entityToProfileWithProblems({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: {
          name: 'x',
          annotations: {
            [`${P}role-business-siro`]: 'owner.friend',
            [`${P}role-iao`]: 'thomas.green',
          },
        },
        spec: { owner: 'team-a', system: 'civil-money-claims' },
      });
      expect(profile.roles['business-siro']).toBeUndefined();
      expect(profile.roles.iao).toHaveLength(1);
      expect(problems.map(p => p.message)).toEqual([
        `${P}role-business-siro: "owner.friend" is set on a ${kind}; it may only be set on a System or Domain (the SIRO who approves exceptions is the Domain\u2019s, else the System\u2019s, never one named by the team that owns a Component, API or Resource), so it is not used`,
      ]);
    }
    for (const kind of ['System', 'Domain']) {
      const profile = entityToProfile({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: {
          name: 'x',
          annotations: { [`${P}role-business-siro`]: 'sarah.whitfield' },
        },
      });
      expect(profile.roles['business-siro']).toEqual([
        { ref: 'user:default/sarah.whitfield', source: { inherited: false } },
      ]);
    }
  });

  it('finds the parent an entity inherits from', () => {
    const e = (
      kind: string,
      spec: Entity['spec'],
      namespace?: string,
    ): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x', ...(namespace ? { namespace } : {}) },
      spec,
    });
    expect(parentEntityRef(e('Component', { system: 'Claims' }))).toBe(
      'system:default/claims',
    );
    expect(parentEntityRef(e('API', { system: 'system:ops/claims' }))).toBe(
      'system:ops/claims',
    );
    expect(parentEntityRef(e('Resource', { system: 'claims' }, 'hmcts'))).toBe(
      'system:hmcts/claims',
    );
    expect(parentEntityRef(e('System', { domain: 'hmcts' }))).toBe(
      'domain:default/hmcts',
    );
    expect(parentEntityRef(e('Domain', { subdomainOf: 'moj' }))).toBe(
      'domain:default/moj',
    );
    expect(parentEntityRef(e('Component', {}))).toBeUndefined();
    expect(
      parentEntityRef(e('Component', { system: 'Not A Ref' })),
    ).toBeUndefined();
    expect(parentEntityRef(e('User', { memberOf: ['a'] }))).toBeUndefined();
  });

  it('names entities in lowercase form', () => {
    expect(
      entityRefOf({
        apiVersion: 'a',
        kind: 'API',
        metadata: { name: 'Pay-API', namespace: 'HMCTS' },
      }),
    ).toBe('api:hmcts/pay-api');
  });

  it('feeds inheritance and evaluation: a fully annotated system meets every record statement', () => {
    const cocs = indexCodesOfConnection([coc]);
    const sys = entityToProfile(system, {
      codesOfConnection: cocs,
      itsoGroupMembers: ['user:default/priya.shah'],
    });
    const component = entityToProfile({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'cmc-api' },
      spec: { system: 'civil-money-claims' },
    });
    const resolved = resolveProfile(component, [sys]);
    expect(resolved.roles.iao?.[0]).toEqual({
      ref: 'user:default/thomas.green',
      source: { inherited: true, from: 'system:default/civil-money-claims' },
    });
    const result = evaluate(resolved, mojIctSecurityPolicy, {
      asOf: '2025-12-01',
    });
    const records = result.results.filter(r => r.kind === 'record');
    expect(
      records
        .filter(r => r.status !== 'met' && r.status !== 'not-applicable')
        .map(r => `${r.statementId} ${r.status} ${r.reasons.join(',')}`),
    ).toEqual([]);
  });
});
