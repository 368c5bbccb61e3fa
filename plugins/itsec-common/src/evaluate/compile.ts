import { IsoDuration, parseIsoDuration, toDayNumber } from '../dates';
import { isParsedPolicyCatalogue, parsePolicyCatalogue } from '../policy/parse';
import type {
  ApplicabilityCondition,
  CheckId,
  PolicyCatalogue,
  PolicyStatement,
  Severity,
  StatementKind,
} from '../policy/types';
import { ROLE_IDS } from '../profile/types';
import type { Classification, ProfileFlag, RoleId } from '../profile/types';
import type { CheckDefinition } from './checks/types';
import { normaliseStandard } from './standards';
import type { Remediation, StatementResult } from './types';

export { normaliseStandard };

/** Indices into the effective-flag array. */
export const FLAG_INDEX: Readonly<Record<ProfileFlag, number>> = Object.freeze({
  usesCryptography: 0,
  usesHmgCrypto: 1,
  handlesPersonalData: 2,
  hasSuppliers: 3,
  hasExternalConnections: 4,
  accreditationApplies: 5,
});

export interface CompiledCondition {
  classifications?: readonly Classification[];
  /** Bit mask of flags that must all be true. */
  allMask: number;
  /** Bit mask of flags of which one must be true. */
  anyMask: number;
  anyNames: readonly ProfileFlag[];
  allNames: readonly ProfileFlag[];
  sensitive?: boolean;
  /** Human wording: 'the system uses cryptography'. */
  text: string;
}

export interface CompiledRole {
  role: RoleId;
  /** Index in ROLE_IDS. */
  index: number;
  when?: CompiledCondition;
  missing: readonly string[];
}

/** A policy statement as the engine runs it: what a check reads of it. @public */
export interface CompiledStatement {
  index: number;
  statement: PolicyStatement;
  /** The (validated) catalogue it belongs to. */
  policy: PolicyCatalogue;
  id: string;
  kind: StatementKind;
  severity?: Severity;
  severityRank: number;
  scored: boolean;
  check?: CheckId;
  /** The check's definition, set when the policy is compiled. */
  def?: CheckDefinition;
  validity?: IsoDuration;
  validitySensitive?: IsoDuration;
  condition?: CompiledCondition;
  requiredRoles: readonly CompiledRole[];
  /** Normalised accepted standards (lowercase alphanumerics). */
  acceptedStandards: readonly string[];
  /** Shared result for statements that never depend on the profile. */
  staticResult?: StatementResult;
  remediations: Map<string, Remediation>;
  lastReason?: string;
  lastRemediation?: Remediation;
  /** Lazily built shared not-applicable results (flags known / unknown). */
  notApplicable?: StatementResult;
  notApplicableUnknown?: StatementResult;
  /** The check function, resolved on first use. */
  run?: (ctx: any, cs: CompiledStatement) => StatementResult;
}

export interface CompiledPolicy {
  policy: PolicyCatalogue;
  ref: { id: string; version: string };
  statements: CompiledStatement[];
  byId: Map<string, CompiledStatement>;
  lastReviewedDay: number;
  /** Scratch: per statement, the first attestation of the profile being evaluated. */
  attHead: Int32Array;
  /** Memo for the policy-review result of the last asOf seen. */
  reviewMemo?: { asOf: string; soon: number; result: StatementResult };
}

const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

const FLAG_TEXT: Record<ProfileFlag, string> = {
  usesCryptography: 'it uses cryptography',
  usesHmgCrypto: 'it uses HMG cryptographic material',
  handlesPersonalData: 'it handles personal data',
  hasSuppliers: 'it has suppliers',
  hasExternalConnections:
    'it connects to other domains, departments or third parties',
  accreditationApplies: 'it is subject to accreditation',
};

function compileCondition(
  c: ApplicabilityCondition | undefined,
): CompiledCondition | undefined {
  if (!c) return undefined;
  const all = c.allFlags ?? [];
  const any = c.anyFlags ?? [];
  if (
    !c.classifications &&
    all.length === 0 &&
    any.length === 0 &&
    c.sensitive === undefined
  ) {
    return undefined;
  }
  const parts: string[] = [];
  if (c.classifications)
    parts.push(`it is classified ${c.classifications.join(' or ')}`);
  if (c.sensitive !== undefined)
    parts.push(
      c.sensitive ? 'it is OFFICIAL-SENSITIVE' : 'it is not OFFICIAL-SENSITIVE',
    );
  if (all.length) parts.push(all.map(f => FLAG_TEXT[f]).join(' and '));
  if (any.length) parts.push(any.map(f => FLAG_TEXT[f]).join(' or '));
  return Object.freeze({
    classifications: c.classifications,
    allMask: all.reduce((m, f) => m | (1 << FLAG_INDEX[f]), 0),
    anyMask: any.reduce((m, f) => m | (1 << FLAG_INDEX[f]), 0),
    allNames: all,
    anyNames: any,
    sensitive: c.sensitive,
    text: parts.join(', and '),
  });
}

function compileStatement(
  st: PolicyStatement,
  index: number,
  policy: PolicyCatalogue,
): CompiledStatement {
  const scored = st.kind === 'record' || st.kind === 'attestation';
  return {
    index,
    statement: st,
    policy,
    id: st.id,
    kind: st.kind,
    severity: st.severity,
    severityRank: st.severity ? SEVERITY_RANK[st.severity] : 9,
    scored,
    check: st.check ?? (st.kind === 'attestation' ? 'attestation' : undefined),
    def: undefined,
    validity: st.validity ? parseIsoDuration(st.validity) : undefined,
    validitySensitive: st.validityWhenSensitive
      ? parseIsoDuration(st.validityWhenSensitive)
      : undefined,
    condition: compileCondition(st.appliesWhen),
    requiredRoles: Object.freeze(
      (st.requiredRoles ?? []).map(r => ({
        role: r.role,
        index: ROLE_IDS.indexOf(r.role),
        when: compileCondition(r.when),
        missing: Object.freeze([`${r.role}-missing`]),
      })),
    ),
    acceptedStandards: Object.freeze(
      (st.acceptedStandards ?? []).map(normaliseStandard).filter(Boolean),
    ),
    // Every field is present from the start so all compiled statements share one hidden class.
    staticResult: undefined,
    remediations: new Map(),
    lastReason: undefined,
    lastRemediation: undefined,
    notApplicable: undefined,
    notApplicableUnknown: undefined,
    run: undefined,
  };
}

const compiled = new WeakMap<PolicyCatalogue, CompiledPolicy>();

/**
 * Compiles a catalogue once (cached per catalogue object). Catalogues not made
 * by parsePolicyCatalogue are validated first.
 */
export function compilePolicy(
  policy: PolicyCatalogue,
  finish: (cp: CompiledPolicy, cs: CompiledStatement) => void,
): CompiledPolicy {
  const hit = compiled.get(policy);
  if (hit) return hit;
  const valid = isParsedPolicyCatalogue(policy)
    ? policy
    : parsePolicyCatalogue(policy);
  const statements = valid.statements.map((st, i) =>
    compileStatement(st, i, valid),
  );
  const cp: CompiledPolicy = {
    policy: valid,
    ref: Object.freeze({ id: valid.id, version: valid.version }),
    statements,
    byId: new Map(statements.map(s => [s.id, s])),
    lastReviewedDay: toDayNumber(valid.lastReviewed),
    attHead: new Int32Array(statements.length).fill(-1),
  };
  for (const cs of statements) finish(cp, cs);
  compiled.set(policy, cp);
  if (valid !== policy) compiled.set(valid, cp);
  return cp;
}
