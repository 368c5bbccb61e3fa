import { mojIctSecurityPolicy } from '../policy';
import type { Attestation, SecurityProfile } from '../profile/types';

/** The date most tests evaluate on. */
export const AS_OF = '2026-06-15';

/** Ids of the attestation statements of the default catalogue. */
export const ATTESTATION_IDS = mojIctSecurityPolicy.statements
  .filter(s => s.kind === 'attestation')
  .map(s => s.id);

const holder = (ref: string) => [{ ref, source: { inherited: false } }];

export const ROLE_HOLDERS = {
  'business-siro': 'user:default/siro',
  iao: 'user:default/iao',
  'system-manager': 'user:default/sysman',
  'service-provider': 'user:default/provider',
  'dr-lead': 'user:default/drlead',
  accreditor: 'user:default/accreditor',
} as const;

/**
 * An OFFICIAL component that meets every applicable statement on {@link AS_OF}
 * with plenty of margin (evidence dated 2026-02-01, due 2027-02-01).
 */
export function compliantProfile(): SecurityProfile {
  const attestations: Attestation[] = ATTESTATION_IDS.filter(
    id => id !== 'POL.ITSEC.023',
  ).map(id => ({
    statementId: id,
    attestedBy: 'user:default/iao',
    attestedOn: '2026-02-01',
    evidenceLink: `https://evidence.example/${id}`,
  }));
  for (const ref of new Set(Object.values(ROLE_HOLDERS))) {
    attestations.push({
      statementId: 'POL.ITSEC.023',
      attestedBy: ref,
      attestedOn: '2026-02-01',
      evidenceLink: 'https://evidence.example/ack',
    });
  }
  return {
    entityRef: 'component:default/payments',
    kind: 'component',
    classification: 'OFFICIAL',
    sensitive: false,
    roles: {
      'business-siro': holder(ROLE_HOLDERS['business-siro']),
      iao: holder(ROLE_HOLDERS.iao),
      'system-manager': holder(ROLE_HOLDERS['system-manager']),
      'service-provider': [
        {
          ref: ROLE_HOLDERS['service-provider'],
          organisation: 'Acme Hosting',
          source: { inherited: false },
        },
      ],
      'dr-lead': holder(ROLE_HOLDERS['dr-lead']),
      accreditor: holder(ROLE_HOLDERS.accreditor),
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
      riskAssessment: {
        date: '2026-02-01',
        method: 'NCSC risk management',
        assessor: 'user:default/assessor',
        link: 'https://docs.example/ra',
      },
      accreditation: {
        status: 'accredited',
        accreditor: 'user:default/accreditor',
        decisionDate: '2026-02-01',
        expiry: '2028-02-01',
        rmadsLink: 'https://docs.example/rmads',
      },
      bia: {
        date: '2026-02-01',
        confidentiality: 3,
        integrity: 3,
        availability: 2,
        rto: 'PT4H',
        rpo: 'PT1H',
        link: 'https://docs.example/bia',
      },
      pia: {
        date: '2026-02-01',
        outcome: 'completed',
        dpiaLink: 'https://docs.example/dpia',
      },
      drPlan: {
        link: 'https://docs.example/dr',
        rto: 'PT4H',
        rpo: 'PT1H',
        lastTest: { date: '2026-02-01', outcome: 'pass' },
      },
      disposal: {
        link: 'https://docs.example/disposal',
        standard: 'NCSC secure sanitisation',
        approver: 'user:default/iao',
        reviewedOn: '2026-02-01',
      },
      incident: {
        planLink: 'https://docs.example/incident',
        contacts: ['user:default/sysman'],
        budgetLine: 'CC-1234',
      },
      securityProcedures: {
        link: 'https://docs.example/syops',
        reviewedOn: '2026-02-01',
      },
      changeLog: { link: 'https://jira.example/changes' },
      suppliers: [
        {
          name: 'Acme Hosting',
          handlesMojData: true,
          assessedOn: '2026-02-01',
          link: 'https://docs.example/acme',
        },
      ],
    },
    codesOfConnection: [
      {
        ref: 'COC-1',
        counterparty: 'hmcts',
        category: 'moj-domain',
        status: 'agreed',
        agreedDate: '2026-02-01',
        classification: 'OFFICIAL',
        approvals: {
          accreditor: { by: 'user:default/accreditor', date: '2026-01-20' },
          itso: { by: 'user:default/itso', date: '2026-01-21' },
          iao: { by: 'user:default/iao', date: '2026-01-22' },
        },
      },
    ],
    itsoGroupMembers: ['user:default/itso'],
    attestations,
    exceptions: [],
  };
}

/** Deep-freezes test data so any mutation by the engine throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
