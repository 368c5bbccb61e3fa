/*
 * The synthetic portfolio both engines evaluate: security profiles with mixed
 * classifications, roles, records, attestations, Codes of Connection and
 * exceptions, dated so evidence is a mix of in date, due soon and overdue.
 */
import {
  addDays,
  Attestation,
  Classification,
  mojIctSecurityPolicy,
  SecurityProfile,
} from '../src';

export const AS_OF = '2026-06-15';

// Small deterministic PRNG (mulberry32) so runs are comparable.
let seed = 0x5eed;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p: number) => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
/** A date within the last ~20 months of AS_OF, so evidence is a mix of in date, due soon and overdue. */
const recent = () => backDate(Math.floor(rand() * 600));
function backDate(days: number): string {
  return addDays('2026-06-15', -days);
}

const CLASSIFICATIONS: (Classification | undefined)[] = [
  'OFFICIAL',
  'OFFICIAL',
  'OFFICIAL',
  'OFFICIAL',
  'SECRET',
  'TOP SECRET',
  undefined,
];
const ATTESTATION_IDS = mojIctSecurityPolicy.statements
  .filter(s => s.kind === 'attestation')
  .map(s => s.id);
const SCORED_IDS = mojIctSecurityPolicy.statements
  .filter(s => s.kind === 'record' || s.kind === 'attestation')
  .map(s => s.id);
const USERS = Array.from({ length: 200 }, (_, i) => `user:default/person-${i}`);
const own = { inherited: false };
const fromSystem = (i: number) => ({
  inherited: true,
  from: `system:default/system-${i % 500}`,
});

/** A deterministic synthetic profile (the i-th of the portfolio). */
export function makeProfile(i: number): SecurityProfile {
  const inherited = chance(0.6);
  const src = inherited ? fromSystem(i) : own;
  const holder = () => [{ ref: pick(USERS), source: src }];
  const p: SecurityProfile = {
    entityRef: `component:default/component-${i}`,
    kind: 'component',
    classification: pick(CLASSIFICATIONS),
    sensitive: chance(0.2),
    roles: {},
    flags: {
      usesCryptography: chance(0.7),
      usesHmgCrypto: chance(0.05),
      handlesPersonalData: chance(0.5),
      hasSuppliers: chance(0.5),
      hasExternalConnections: chance(0.3),
    },
    records: {},
    codesOfConnection: [],
    attestations: [],
    exceptions: [],
  };
  if (chance(0.9)) p.roles['business-siro'] = holder();
  if (chance(0.85)) p.roles.iao = holder();
  if (chance(0.85)) p.roles['system-manager'] = holder();
  if (chance(0.8)) p.roles['service-provider'] = holder();
  if (chance(0.6)) p.roles['dr-lead'] = holder();
  if (chance(0.5)) p.roles.accreditor = holder();
  if (p.flags.usesHmgCrypto && chance(0.7)) p.roles.comso = holder();

  const r = p.records;
  if (chance(0.8))
    r.riskAssessment = {
      date: recent(),
      method: 'NCSC',
      assessor: pick(USERS),
      link: 'https://docs/ra',
      source: src,
    };
  if (chance(0.7)) {
    r.accreditation = {
      status: pick([
        'accredited',
        'accredited',
        'accredited-with-conditions',
        'in-progress',
        'not-required',
        'expired',
      ] as const),
      accreditor: pick(USERS),
      decisionDate: backDate(400),
      expiry: backDate(Math.floor(rand() * 400) - 300),
      rmadsLink: 'https://docs/rmads',
    };
  }
  if (chance(0.3)) r.itsoAdvice = { date: recent(), link: 'https://docs/itso' };
  if (chance(0.7))
    r.bia = {
      date: recent(),
      confidentiality: 3,
      integrity: 2,
      availability: chance(0.9) ? 2 : undefined,
      link: 'https://docs/bia',
    };
  if (chance(0.7))
    r.pia = {
      date: recent(),
      outcome: pick(['not-required', 'required', 'completed'] as const),
      dpiaLink: chance(0.6) ? 'https://docs/dpia' : undefined,
    };
  if (chance(0.75)) {
    r.drPlan = {
      link: 'https://docs/dr',
      rto: 'PT4H',
      rpo: chance(0.9) ? 'PT1H' : undefined,
      lastTest: chance(0.85)
        ? {
            date: recent(),
            outcome: pick(['pass', 'pass', 'pass', 'partial', 'fail'] as const),
          }
        : undefined,
      source: src,
    };
  }
  if (chance(0.7))
    r.disposal = {
      link: 'https://docs/disposal',
      standard: pick([
        'IS5',
        'NCSC secure sanitisation',
        'GovS 007',
        'ISO 27001',
      ]),
      approver: chance(0.8) ? pick(USERS) : undefined,
      reviewedOn: recent(),
    };
  if (chance(0.8))
    r.incident = {
      planLink: 'https://docs/incident',
      contacts: chance(0.8) ? [pick(USERS)] : [],
      budgetLine: chance(0.7) ? 'CC-1' : undefined,
      source: src,
    };
  if (chance(0.8))
    r.securityProcedures = { link: 'https://docs/syops', reviewedOn: recent() };
  if (chance(0.8)) r.changeLog = { link: 'https://jira/changes' };
  if (p.flags.hasSuppliers) {
    r.suppliers = Array.from(
      { length: 1 + Math.floor(rand() * 3) },
      (_, k) => ({
        name: `Supplier ${k}`,
        handlesMojData: chance(0.8),
        assessedOn: chance(0.9) ? recent() : undefined,
      }),
    );
  }
  if (p.flags.hasExternalConnections) {
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      p.codesOfConnection.push({
        ref: `COC-${i}-${k}`,
        counterparty: pick(['hmcts', 'hmrc', 'dwp', 'acme-ltd']),
        status: pick([
          'agreed',
          'agreed',
          'agreed',
          'draft',
          'expired',
        ] as const),
        agreedDate: recent(),
      });
    }
  }
  for (const id of ATTESTATION_IDS) {
    if (!chance(0.7)) continue;
    const a: Attestation = {
      statementId: id,
      attestedBy: pick(USERS),
      attestedOn: recent(),
      evidenceLink: chance(0.95) ? 'https://evidence/x' : undefined,
    };
    p.attestations.push(a);
  }
  for (const list of Object.values(p.roles)) {
    if (list && chance(0.6))
      p.attestations.push({
        statementId: 'POL.ITSEC.023',
        attestedBy: list[0].ref,
        attestedOn: recent(),
        evidenceLink: 'https://evidence/ack',
      });
  }
  const nEx = chance(0.3) ? 1 + Math.floor(rand() * 3) : 0;
  for (let k = 0; k < nEx; k++) {
    p.exceptions.push({
      id: `EX-${i}-${k}`,
      statementId: pick(SCORED_IDS),
      status: pick([
        'approved',
        'approved',
        'requested',
        'expired',
        'rejected',
      ] as const),
      approvedBy: pick(USERS),
      expiresOn: backDate(Math.floor(rand() * 300) - 200),
    });
  }
  return p;
}
