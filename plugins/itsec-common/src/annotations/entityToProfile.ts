import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  AccreditationStatus,
  CodeOfConnection,
  DisposalRecord,
  DrTestOutcome,
  OWN_SOURCE,
  PiaOutcome,
  ProfileFlags,
  ProfileRecords,
  ROLE_IDS,
  RoleHolder,
  RoleId,
  SecurityProfile,
  emptySecurityProfile,
} from '../profile/types';
import {
  parseItsecAnnotations,
  ItsecAnnotationValues,
  AnnotationProblem,
} from './parse';
import { parseEntityRefValue } from './values';
import {
  DEFAULT_ITSO_GROUP,
  connectionsOwnedFor,
} from '../codeOfConnection/connections';
import {
  owningGroupsOf,
  type GroupMembership,
} from '../codeOfConnection/membership';

import { roleAcknowledgementStatements } from '../evaluate/checks';
import { mojIctSecurityPolicy } from '../policy/catalogue';
import type { PolicyCatalogue } from '../policy/types';

const acknowledged = new WeakMap<PolicyCatalogue, readonly string[]>();
/** Ids of the policy's role-acknowledgement statements (cached per catalogue). */
function acknowledgedStatements(policy: PolicyCatalogue): readonly string[] {
  let ids = acknowledged.get(policy);
  if (!ids) {
    ids = roleAcknowledgementStatements(policy).map(s => s.id);
    acknowledged.set(policy, ids);
  }
  return ids;
}

/**
 * Options for {@link entityToProfile}.
 *
 * @public
 */
export interface EntityToProfileOptions {
  /**
   * Codes of Connection: either the list for this entity, or an index by
   * lowercase entity ref (see `indexCodesOfConnection`).
   */
  codesOfConnection?:
    | CodeOfConnection[]
    | ReadonlyMap<string, CodeOfConnection[]>;
  /**
   * The ITSO group (`itsec.itsoGroup`), default `group:default/itso`. A Code
   * of Connection counts for the entity only when it is owned by the entity's
   * owner or by this group; others are left out.
   */
  itsoGroup?: string;
  /**
   * Members of the ITSO group (user refs), kept in the profile with its Codes
   * of Connection: an ITSO approval counts when it is by one of them or by
   * the ITSO a Domain declares. Unknown when absent: then only a Domain's `role-itso` counts.
   */
  itsoGroupMembers?: readonly string[];
  /**
   * Group membership (see `indexGroupMembership`): with it the profile
   * carries its owner with the owner's members (`owningGroups`), and an
   * Accreditor or IAO in the owning team does not count; an owner whose
   * members it does not know leaves independence unknown. Without it,
   * independence is not checked.
   */
  groupMembership?: GroupMembership;
  /**
   * The evaluation date: annotation dates on which something happened that
   * are later than this are reported as problems (see `parseItsecAnnotations`).
   */
  asOf?: string;
  /**
   * The policy evaluated: acknowledgements signed on paper
   * (`role-acknowledgements`) count for its role-acknowledgement statements.
   * Default: the MoJ ICT Security Policy.
   */
  policy?: PolicyCatalogue;
}

/**
 * The owner of an entity as a lowercase entity ref: its `ownedBy` relation,
 * else `spec.owner` (kind Group by default). Never throws.
 *
 * @public
 */
export function entityOwnerRef(entity: Entity): string | undefined {
  const rel = entity.relations?.find(r => r.type === 'ownedBy');
  if (rel) return rel.targetRef.toLocaleLowerCase('en-US');
  const owner = (entity.spec as Record<string, unknown> | undefined)?.owner;
  if (typeof owner !== 'string') return undefined;
  const r = parseEntityRefValue(owner, {
    kind: 'group',
    namespace: entity.metadata?.namespace ?? 'default',
  });
  return r.ok ? r.value.ref : undefined;
}

const FLAG_KEYS: ReadonlyArray<
  [keyof ItsecAnnotationValues['flags'], keyof ProfileFlags]
> = [
  ['uses-cryptography', 'usesCryptography'],
  ['uses-hmg-crypto', 'usesHmgCrypto'],
  ['handles-personal-data', 'handlesPersonalData'],
  ['has-suppliers', 'hasSuppliers'],
  ['has-external-connections', 'hasExternalConnections'],
  ['accreditation-applies', 'accreditationApplies'],
];

/** The lowercase 'kind:namespace/name' ref of an entity (never throws). @public */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef({
    kind: String(entity.kind ?? ''),
    namespace: String(entity.metadata?.namespace ?? DEFAULT_NAMESPACE),
    name: String(entity.metadata?.name ?? ''),
  });
}

/**
 * The entity a profile inherits from, as a lowercase ref: a Component, API or
 * Resource inherits from its `spec.system`, a System from its `spec.domain`, a
 * Domain from its `spec.subdomainOf`. Undefined when there is none.
 *
 * Resolve parents first and pass the parent's resolved profile as the only
 * ancestor: `resolveProfile(own, [resolvedParent])`. (Passing own profiles of
 * the whole chain loses values a parent inherits partly, such as the Domain's
 * incident plan under a System's own incident contacts.)
 *
 * @public
 */
export function parentEntityRef(entity: Entity): string | undefined {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const kind = String(entity.kind ?? '').toLowerCase();
  const ns = entity.metadata?.namespace ?? 'default';
  let value: unknown;
  let defaultKind: string;
  if (kind === 'component' || kind === 'api' || kind === 'resource') {
    value = spec.system;
    defaultKind = 'system';
  } else if (kind === 'system') {
    value = spec.domain;
    defaultKind = 'domain';
  } else if (kind === 'domain') {
    value = spec.subdomainOf;
    defaultKind = 'domain';
  } else {
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const r = parseEntityRefValue(value, { kind: defaultKind, namespace: ns });
  return r.ok ? r.value.ref : undefined;
}

/** Drops undefined fields; returns undefined when nothing is left. */
function compact<T extends object>(record: T): T | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(record)) {
    if (v !== undefined) {
      out[k] = v;
      any = true;
    }
  }
  return any ? (out as T) : undefined;
}

/**
 * Builds the entity's own security profile from its itsec annotations (and
 * the Codes of Connection given): the input of inheritance and evaluation.
 * Invalid annotation values are left out (see {@link entityToProfileWithProblems}).
 *
 * @public
 */
export function entityToProfile(
  entity: Entity,
  options: EntityToProfileOptions = {},
): SecurityProfile {
  return entityToProfileWithProblems(entity, options).profile;
}

/**
 * {@link entityToProfile}, also returning the annotation problems found.
 *
 * @public
 */
export function entityToProfileWithProblems(
  entity: Entity,
  options: EntityToProfileOptions = {},
): { profile: SecurityProfile; problems: AnnotationProblem[] } {
  const entityRef = entityRefOf(entity);
  const profile = emptySecurityProfile(entityRef, String(entity.kind ?? ''));
  const { values: v, problems } = parseItsecAnnotations(
    entity.metadata?.annotations,
    {
      defaultNamespace: entity.metadata?.namespace ?? 'default',
      kind: String(entity.kind ?? ''),
      asOf: options.asOf,
    },
  );

  if (v.classification) {
    profile.classification = v.classification.classification;
    profile.sensitive = v.classification.sensitive;
  }

  for (const [key, flag] of FLAG_KEYS) {
    const value = v.flags[key];
    if (value !== undefined) profile.flags[flag] = value;
  }

  const organisation = v.text['service-provider-organisation'];
  for (const role of ROLE_IDS as readonly RoleId[]) {
    const refs = v.roles[`role-${role}`];
    if (!refs || refs.length === 0) continue;
    profile.roles[role] = refs.map(ref => {
      const holder: RoleHolder = { ref, source: OWN_SOURCE };
      if (role === 'service-provider' && organisation)
        holder.organisation = organisation;
      return holder;
    });
  }

  const d = v.dates;
  const l = v.links;
  const t = v.text;
  const records: ProfileRecords = {};
  records.securityProcedures = compact({
    link: l['security-procedures'],
    reviewedOn: d['security-procedures-reviewed'],
  });
  records.riskAssessment = compact({
    date: d['risk-assessment-date'],
    method: t['risk-assessment-method'],
    assessor: t['risk-assessment-assessor'],
    link: l['risk-assessment'],
  });
  const accreditation = compact({
    status: t['accreditation-status'] as AccreditationStatus | undefined,
    decisionDate: d['accreditation-date'],
    expiry: d['accreditation-expiry'],
    rmadsLink: l.rmads,
  });
  if (accreditation) {
    const accreditor = v.roles['role-accreditor']?.[0];
    records.accreditation = accreditor
      ? { ...accreditation, accreditor }
      : accreditation;
  }
  records.itsoAdvice = compact({
    date: d['itso-advice-date'],
    link: l['itso-advice'],
  });
  records.bia = compact({
    date: d['bia-date'],
    confidentiality: v.impact?.confidentiality,
    integrity: v.impact?.integrity,
    availability: v.impact?.availability,
    rto: v.durations['bia-rto'],
    rpo: v.durations['bia-rpo'],
    link: l.bia,
  });
  records.pia = compact({
    date: d['pia-date'],
    outcome: t.pia as PiaOutcome | undefined,
    dpiaLink: l.dpia,
  });
  records.drPlan = compact({
    link: l['dr-plan'],
    rto: v.durations['dr-plan-rto'],
    rpo: v.durations['dr-plan-rpo'],
    lastTest: v.drTest
      ? { date: v.drTest.date, outcome: v.drTest.outcome as DrTestOutcome }
      : undefined,
  });
  records.disposal = compact({
    link: l['disposal-procedure'],
    standard: t['disposal-standard'],
    scope: v.lists['disposal-scope'] as DisposalRecord['scope'],
    approver: t['disposal-approver'],
    reviewedOn: d['disposal-reviewed'],
  });
  records.incident = compact({
    planLink: l['incident-plan'],
    contacts: v.lists['incident-contacts'],
    budgetLine: t['incident-budget-line'],
  });
  records.changeLog = compact({ link: l['change-log'] });
  if (v.suppliers && v.suppliers.length > 0) {
    const evidence = l['suppliers-evidence'];
    records.suppliers = v.suppliers.map(s => ({
      name: s.name,
      handlesMojData: s.handlesMojData,
      ...(s.assessedOn ? { assessedOn: s.assessedOn } : {}),
      ...(s.basis ? { basis: s.basis } : {}),
      ...(evidence && s.assessedOn ? { link: evidence } : {}),
    }));
  }
  for (const key of Object.keys(records) as Array<keyof ProfileRecords>) {
    if (records[key] === undefined) delete records[key];
  }
  profile.records = records;

  const ackEvidence = l['role-acknowledgements-evidence'];
  for (const ack of v.acknowledgements ?? []) {
    for (const statementId of acknowledgedStatements(
      options.policy ?? mojIctSecurityPolicy,
    )) {
      profile.attestations.push({
        statementId,
        attestedBy: ack.user,
        attestedOn: ack.date,
        origin: 'catalog',
        ...(ackEvidence ? { evidenceLink: ackEvidence } : {}),
      });
    }
  }

  if (options.groupMembership)
    profile.owningGroups = owningGroupsOf(
      entityOwnerRef(entity),
      options.groupMembership,
    );

  const cocs = options.codesOfConnection;
  if (cocs) {
    const list = Array.isArray(cocs)
      ? cocs
      : (cocs as ReadonlyMap<string, CodeOfConnection[]>).get(entityRef);
    const owned = list
      ? connectionsOwnedFor(
          list,
          entityOwnerRef(entity),
          options.itsoGroup ?? DEFAULT_ITSO_GROUP,
        )
      : [];
    if (owned.length > 0) {
      profile.codesOfConnection = owned.map(c => ({ ...c }));
      if (options.itsoGroupMembers)
        profile.itsoGroupMembers = options.itsoGroupMembers.map(m =>
          m.toLocaleLowerCase('en-US'),
        );
    }
  }
  return { profile, problems };
}
