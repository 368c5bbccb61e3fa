import { mojIctSecurityPolicy } from '../policy';
import { emptySecurityProfile, SecurityProfile } from '../profile/types';
import { deepFreeze } from '../__testUtils__/profiles';
import { evaluate } from '../evaluate';
import { resolveProfile } from './resolveProfile';

function domain(): SecurityProfile {
  const d = emptySecurityProfile('domain:default/justice');
  d.classification = 'OFFICIAL';
  d.sensitive = true;
  d.roles['business-siro'] = [
    { ref: 'user:default/siro', source: { inherited: false } },
  ];
  d.roles.itso = [{ ref: 'user:default/ciso', source: { inherited: false } }];
  d.records.incident = {
    planLink: 'https://docs.example/domain-incident-plan',
  };
  d.attestations.push({
    statementId: 'POL.ITSEC.044',
    attestedBy: 'user:default/hosting',
    attestedOn: '2026-01-01',
    evidenceLink: 'x',
  });
  return d;
}

function system(): SecurityProfile {
  const s = emptySecurityProfile('system:default/payments');
  s.roles.iao = [{ ref: 'user:default/iao', source: { inherited: false } }];
  s.roles['business-siro'] = [
    { ref: 'user:default/payments-siro', source: { inherited: false } },
  ];
  s.records.drPlan = {
    link: 'https://docs.example/dr',
    rto: 'PT4H',
    rpo: 'PT1H',
    lastTest: { date: '2026-01-01', outcome: 'pass' },
  };
  s.flags.usesCryptography = true;
  s.records.suppliers = [{ name: 'Acme', assessedOn: '2026-01-01' }];
  s.codesOfConnection.push({
    ref: 'COC-1',
    counterparty: 'hmrc',
    status: 'agreed',
    agreedDate: '2026-01-01',
  });
  s.attestations.push({
    statementId: 'POL.ITSEC.044',
    attestedBy: 'user:default/sys',
    attestedOn: '2026-02-01',
    evidenceLink: 'y',
  });
  return s;
}

describe('resolveProfile', () => {
  it('takes roles, classification, flags and records from the nearest ancestor that has them', () => {
    const component = emptySecurityProfile('component:default/payments-api');
    component.records.drPlan = { link: 'https://docs.example/api-dr' };
    component.records.incident = {
      contacts: ['user:default/oncall'],
      budgetLine: 'CC-1',
    };
    const resolvedSystem = resolveProfile(system(), [domain()]);
    const r = resolveProfile(component, [resolvedSystem, domain()]);

    expect(r.classification).toBe('OFFICIAL');
    expect(r.sensitive).toBe(true);
    expect(r.sources?.classification).toEqual({
      inherited: true,
      from: 'domain:default/justice',
    });

    expect(r.roles.iao).toEqual([
      {
        ref: 'user:default/iao',
        source: { inherited: true, from: 'system:default/payments' },
      },
    ]);
    // the System's own SIRO shadows the Domain's
    expect(r.roles['business-siro']).toEqual([
      {
        ref: 'user:default/payments-siro',
        source: { inherited: true, from: 'system:default/payments' },
      },
    ]);
    // origin kept through two levels
    expect(r.roles.itso).toEqual([
      {
        ref: 'user:default/ciso',
        source: { inherited: true, from: 'domain:default/justice' },
      },
    ]);

    expect(r.flags.usesCryptography).toBe(true);
    expect(r.sources?.flags?.usesCryptography).toEqual({
      inherited: true,
      from: 'system:default/payments',
    });

    // own record wins and is marked own
    expect(r.records.drPlan).toEqual({
      link: 'https://docs.example/api-dr',
      source: { inherited: false },
    });
    // incident: own contacts, plan link from the Domain
    expect(r.records.incident).toMatchObject({
      contacts: ['user:default/oncall'],
      planLink: 'https://docs.example/domain-incident-plan',
      planLinkSource: { inherited: true, from: 'domain:default/justice' },
      source: { inherited: false },
    });
    expect(r.records.suppliers).toEqual([
      {
        name: 'Acme',
        assessedOn: '2026-01-01',
        source: { inherited: true, from: 'system:default/payments' },
      },
    ]);
    expect(r.codesOfConnection[0].source).toEqual({
      inherited: true,
      from: 'system:default/payments',
    });
    // attestations per statement: the System's shadows the Domain's
    expect(r.attestations).toEqual([
      expect.objectContaining({
        attestedBy: 'user:default/sys',
        source: { inherited: true, from: 'system:default/payments' },
      }),
    ]);
  });

  it('keeps own values and never modifies its inputs', () => {
    const own = system();
    own.classification = 'SECRET';
    own.sensitive = false;
    const d = domain();
    deepFreeze(own);
    deepFreeze(d);
    const r = resolveProfile(own, [d]);
    expect(r.classification).toBe('SECRET');
    expect(r.sensitive).toBe(false);
    expect(r.sources?.classification).toEqual({ inherited: false });
    expect(r.roles.iao![0].source).toEqual({ inherited: false });
  });

  it('inherits role acknowledgements per person, other attestations per statement', () => {
    const ack = (attestedBy: string, attestedOn: string) => ({
      statementId: 'POL.ITSEC.023',
      attestedBy,
      attestedOn,
      origin: 'catalog' as const,
    });
    const s = system();
    s.attestations.push(
      ack('user:default/iao', '2026-01-10'),
      ack('user:default/payments-siro', '2026-01-11'),
    );
    const c = emptySecurityProfile('component:default/payments-api');
    c.roles['system-manager'] = [
      { ref: 'user:default/api-lead', source: { inherited: false } },
    ];
    c.attestations.push(
      ack('user:default/api-lead', '2026-02-01'),
      ack('user:default/iao', '2026-03-01'),
      {
        statementId: 'POL.ITSEC.044',
        attestedBy: 'user:default/api-lead',
        attestedOn: '2026-02-01',
      },
    );
    const r = resolveProfile(c, [s]);
    const acks = r.attestations
      .filter(a => a.statementId === 'POL.ITSEC.023')
      .map(a => [a.attestedBy, a.attestedOn, a.source?.inherited]);
    expect(acks).toEqual([
      ['user:default/api-lead', '2026-02-01', false],
      ['user:default/iao', '2026-03-01', false],
      ['user:default/payments-siro', '2026-01-11', true],
    ]);
    expect(
      r.attestations
        .filter(a => a.statementId === 'POL.ITSEC.044')
        .map(a => a.attestedBy),
    ).toEqual(['user:default/api-lead']);
    const viaOption = resolveProfile(c, [s], {
      personalStatements: new Set(),
    });
    expect(
      viaOption.attestations.filter(a => a.statementId === 'POL.ITSEC.023'),
    ).toHaveLength(2);
  });

  it('does not inherit lists the entity declares it has none of', () => {
    const c = emptySecurityProfile('component:default/x');
    c.flags.hasSuppliers = false;
    c.flags.hasExternalConnections = false;
    const r = resolveProfile(c, [system()]);
    expect(r.records.suppliers).toBeUndefined();
    expect(r.codesOfConnection).toEqual([]);
  });

  it('feeds evaluate: inherited evidence is reported with its source', () => {
    const c = emptySecurityProfile('component:default/payments-api');
    const r = resolveProfile(c, [resolveProfile(system(), [domain()])]);
    const e = evaluate(r, mojIctSecurityPolicy, { asOf: '2026-06-15' });
    const dr = e.results.find(x => x.statementId === 'POL.ITSEC.043')!;
    expect(dr.status).toBe('met');
    expect(dr.evidence[0].source).toEqual({
      inherited: true,
      from: 'system:default/payments',
    });
    const pol25 = e.results.find(x => x.statementId === 'POL.ITSEC.025')!;
    expect(pol25.status).toBe('gap');
  });
});
