/*
 * The peer: Tech Insights' own checker (JsonRulesEngineFactChecker of
 * @backstage-community/plugin-tech-insights-backend-module-jsonfc), in memory,
 * with checks as close to ours as its rules language allows.
 *
 * Tech Insights splits the work in two: fact retrievers turn entities into
 * flat facts (stored), then the checker runs rules over the stored facts. So
 * the bench times `profileFacts` (our profile → flat facts, done by a fact
 * retriever there) and `runChecks` separately.
 *
 * Rules compare numbers, so dates are facts in days since 1970 and each rule's
 * threshold is "as-of day minus validity", fixed when the checks are built, as
 * a check written for a scheduled run would be.
 *
 * Not equivalent (the peer does less): checks are pass/fail, so there is no
 * due-soon status, no not-applicable vs not-scored, no score, no messages,
 * reasons, due dates or remediation; "has every role holder acknowledged"
 * (023) and "oldest supplier assessment" (039) are computed in the fact
 * retriever, not the rule; inheritance is already resolved in both arms.
 */
import {
  JSON_RULE_ENGINE_CHECK_TYPE,
  JsonRulesEngineFactChecker,
  TechInsightJsonRuleCheck,
} from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { toDayNumber, type SecurityProfile } from '../src';

type Options = ConstructorParameters<typeof JsonRulesEngineFactChecker>[0];
type Store = Options['repository'];
type FactValue = number | boolean | string;
type Facts = Record<string, FactValue>;

const RETRIEVER = 'itsec-profile-retriever';
const day = (iso: string | undefined) => (iso ? toDayNumber(iso) : -1);

const ATTESTED = [
  '002', '005', '010', '015', '018', '024', '025', '027', '032', '033',
  '034', '038', '040', '044', '045', '046',
].map(n => `POL.ITSEC.${n}`); // prettier-ignore
const attestedFact = (id: string) => `attested_${id.slice(-3)}`;
const exceptedFact = (id: string) => `exceptedUntil_${id.slice(-3)}`;
const EXCEPTABLE = [
  ...ATTESTED,
  ...['003', '012', '013', '014', '016', '017', '019', '022', '023'],
  ...['028', '031', '039', '041', '042', '043'],
].map(id => (id.startsWith('POL') ? id : `POL.ITSEC.${id}`));

/** A profile as the flat facts a Tech Insights fact retriever would store. */
export function profileFacts(p: SecurityProfile): Facts {
  const r = p.records;
  const f: Facts = {
    classification: p.classification ?? 'none',
    usesCryptography: p.flags.usesCryptography === true,
    usesHmgCrypto: p.flags.usesHmgCrypto === true,
    handlesPersonalData: p.flags.handlesPersonalData === true,
    hasSuppliers: p.flags.hasSuppliers === true,
    hasExternalConnections: p.flags.hasExternalConnections === true,
    securityProceduresReviewed: r.securityProcedures?.link
      ? day(r.securityProcedures.reviewedOn)
      : -1,
    riskAssessment: r.riskAssessment?.method ? day(r.riskAssessment.date) : -1,
    accreditationStatus: r.accreditation?.status ?? 'none',
    accreditationExpiry: day(r.accreditation?.expiry),
    itsoAdvice: day(r.itsoAdvice?.date),
    bia: r.bia?.availability !== undefined ? day(r.bia.date) : -1,
    pia: day(r.pia?.date),
    piaOutcome: r.pia?.outcome ?? 'none',
    hasDpia: Boolean(r.pia?.dpiaLink),
    hasChangeLog: Boolean(r.changeLog?.link),
    incidentProvision: Boolean(
      r.incident?.planLink &&
        r.incident.contacts?.length &&
        r.incident.budgetLine,
    ),
    disposalStandard: r.disposal?.standard ?? 'none',
    disposalReviewed: day(r.disposal?.reviewedOn),
    drTested: day(r.drPlan?.lastTest?.date),
    drOutcome: r.drPlan?.lastTest?.outcome ?? 'none',
    cocNotAgreed: p.codesOfConnection.filter(c => c.status !== 'agreed').length,
    cocOldestAgreed: p.codesOfConnection.length
      ? Math.min(...p.codesOfConnection.map(c => day(c.agreedDate)))
      : -1,
    oldestSupplierAssessed: r.suppliers?.length
      ? Math.min(...r.suppliers.map(s => day(s.assessedOn)))
      : -1,
  };
  for (const role of [
    'business-siro',
    'iao',
    'system-manager',
    'service-provider',
    'accreditor',
    'comso',
  ] as const)
    f[`role_${role}`] = Boolean(p.roles[role]?.length);
  const holders = Object.values(p.roles).flatMap(h => h ?? []);
  const acknowledged = new Set(
    p.attestations
      .filter(a => a.statementId === 'POL.ITSEC.023')
      .map(a => a.attestedBy),
  );
  f.unacknowledgedRoles = holders.filter(h => !acknowledged.has(h.ref)).length;
  for (const id of ATTESTED) f[attestedFact(id)] = -1;
  for (const a of p.attestations) {
    const k = attestedFact(a.statementId);
    if (k in f) f[k] = Math.max(f[k] as number, day(a.attestedOn));
  }
  for (const id of EXCEPTABLE) f[exceptedFact(id)] = -1;
  for (const e of p.exceptions) {
    if (e.status !== 'approved') continue;
    const k = exceptedFact(e.statementId);
    f[k] = Math.max(f[k] as number, day(e.expiresOn));
  }
  return f;
}

/** The fact schema of the retriever, from one profile's facts. */
function schemaOf(facts: Facts) {
  return Object.fromEntries(
    Object.entries(facts).map(([k, v]) => [
      k,
      {
        type: (typeof v === 'number' ? 'integer' : typeof v) as
          | 'integer'
          | 'string'
          | 'boolean',
        description: k,
      },
    ]),
  );
}

/**
 * An in-memory TechInsightsStore: latest facts per entity and one schema.
 * Read-side only (the checker reads; nothing is persisted in the bench).
 */
export class InMemoryFactStore implements Store {
  private readonly facts = new Map<string, Facts>();
  private schema: Record<string, unknown> = {};

  put(entityRef: string, facts: Facts) {
    if (!this.facts.size) this.schema = schemaOf(facts);
    this.facts.set(entityRef, facts);
  }

  async insertFacts(): Promise<void> {
    throw new Error('the bench store is read-only');
  }

  async insertFactSchema(): Promise<void> {
    throw new Error('the bench store is read-only');
  }

  async getLatestFactsByIds(
    ids: string[],
    entity: string,
  ): ReturnType<Store['getLatestFactsByIds']> {
    const facts = this.facts.get(entity);
    if (!facts || !ids.includes(RETRIEVER)) return {};
    const [kind, rest] = entity.split(':');
    const [namespace, name] = rest.split('/');
    return {
      [RETRIEVER]: {
        id: RETRIEVER,
        entity: { kind, namespace, name },
        facts,
      },
    };
  }

  async getFactsBetweenTimestampsByIds() {
    return {};
  }

  async getEntities() {
    return [...this.facts.keys()].map(ref => {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      return { kind, namespace, name };
    });
  }

  async getLatestSchemas(ids?: string[]) {
    return !ids || ids.includes(RETRIEVER) ? [this.schema as any] : [];
  }
}

type Condition = Record<string, unknown>;
const is = (fact: string, operator: string, value: unknown): Condition => ({
  fact,
  operator,
  value,
});
const within = (fact: string, asOf: number, days: number) =>
  is(fact, 'greaterThanInclusive', asOf - days);
const present = (fact: string) => is(fact, 'greaterThanInclusive', 0);
const unless = (fact: string, value: unknown, then: Condition): Condition => ({
  any: [is(fact, 'equal', value), then],
});
const OFFICIAL_OR_NONE = ['OFFICIAL', 'none'];

/** One rule per scored statement, as close to our checks as json-rules-engine allows. */
export function equivalentChecks(asOfIso: string): TechInsightJsonRuleCheck[] {
  const asOf = day(asOfIso);
  const year = 365;
  const rules: Record<string, Condition> = {};
  for (const id of ATTESTED) rules[id] = present(attestedFact(id));
  for (const id of [
    '002', '005', '010', '015', '018', '024', '025', '044', '045',
  ]) rules[`POL.ITSEC.${id}`] = within(attestedFact(`POL.ITSEC.${id}`), asOf, year); // prettier-ignore
  rules['POL.ITSEC.033'] = {
    any: [
      {
        all: [
          is('usesCryptography', 'equal', false),
          is('usesHmgCrypto', 'equal', false),
        ],
      },
      within(attestedFact('POL.ITSEC.033'), asOf, year),
    ],
  };
  rules['POL.ITSEC.034'] = unless('usesHmgCrypto', false, {
    all: [
      within(attestedFact('POL.ITSEC.034'), asOf, year),
      is('role_comso', 'equal', true),
    ],
  });
  rules['POL.ITSEC.040'] = {
    any: [
      is('classification', 'notIn', ['OFFICIAL', 'SECRET', 'TOP SECRET']),
      present(attestedFact('POL.ITSEC.040')),
    ],
  };
  rules['POL.ITSEC.003'] = within('securityProceduresReviewed', asOf, year);
  rules['POL.ITSEC.012'] = present('riskAssessment');
  rules['POL.ITSEC.013'] = {
    any: [
      {
        all: [
          is('classification', 'in', OFFICIAL_OR_NONE),
          is('accreditationStatus', 'in', [
            'accredited',
            'accredited-with-conditions',
            'not-required',
          ]),
          is('accreditationExpiry', 'greaterThanInclusive', asOf),
        ],
      },
      {
        all: [
          is('classification', 'in', ['SECRET', 'TOP SECRET']),
          within('itsoAdvice', asOf, 3 * year),
        ],
      },
    ],
  };
  rules['POL.ITSEC.014'] = {
    any: [
      is('classification', 'notIn', OFFICIAL_OR_NONE),
      within('riskAssessment', asOf, year),
    ],
  };
  rules['POL.ITSEC.016'] = present('bia');
  rules['POL.ITSEC.017'] = unless('handlesPersonalData', false, {
    all: [
      present('pia'),
      {
        any: [
          is('piaOutcome', 'notEqual', 'required'),
          is('hasDpia', 'equal', true),
        ],
      },
    ],
  });
  rules['POL.ITSEC.019'] = is('hasChangeLog', 'equal', true);
  rules['POL.ITSEC.022'] = {
    all: ['business-siro', 'iao', 'system-manager', 'service-provider'].map(
      role => is(`role_${role}`, 'equal', true),
    ),
  };
  rules['POL.ITSEC.023'] = is('unacknowledgedRoles', 'equal', 0);
  rules['POL.ITSEC.028'] = unless('hasExternalConnections', false, {
    all: [
      is('cocNotAgreed', 'equal', 0),
      within('cocOldestAgreed', asOf, year),
      is('role_accreditor', 'equal', true),
    ],
  });
  rules['POL.ITSEC.031'] = is('incidentProvision', 'equal', true);
  rules['POL.ITSEC.039'] = unless(
    'hasSuppliers',
    false,
    within('oldestSupplierAssessed', asOf, year),
  );
  rules['POL.ITSEC.041'] = is('disposalStandard', 'in', [
    'IS5',
    'NCSC secure sanitisation',
  ]);
  rules['POL.ITSEC.042'] = within('disposalReviewed', asOf, year);
  rules['POL.ITSEC.043'] = {
    all: [
      within('drTested', asOf, year),
      is('drOutcome', 'in', ['pass', 'partial']),
    ],
  };
  return Object.entries(rules).map(([id, condition]) => ({
    id,
    type: JSON_RULE_ENGINE_CHECK_TYPE,
    name: id,
    description: id,
    factIds: [RETRIEVER],
    // Met, or a gap covered by an approved exception still in date.
    rule: {
      conditions: {
        any: [
          condition,
          is(exceptedFact(id), 'greaterThanInclusive', asOf),
        ] as any,
      },
    },
  }));
}

/** The checker over an in-memory store; what it logs above debug is kept in `warnings`. */
export function peerChecker(asOfIso: string, store: InMemoryFactStore) {
  const warnings: string[] = [];
  const logger = {
    debug() {},
    info() {},
    warn(message: string) {
      warnings.push(message);
    },
    error(message: string) {
      warnings.push(message);
    },
    child() {
      return logger;
    },
  };
  const checker = new JsonRulesEngineFactChecker({
    checks: equivalentChecks(asOfIso),
    repository: store,
    logger: logger as unknown as Options['logger'],
  });
  return { checker, warnings };
}
