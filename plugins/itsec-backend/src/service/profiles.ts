import { parseEntityRef, type Entity } from '@backstage/catalog-model';
import {
  AttestationRecord,
  CodeOfConnection,
  EntityEvaluation,
  ExceptionRecord,
  GroupMembership,
  PolicyCatalogue,
  ResolvedProfiles,
  SecurityProfile,
  createProfileResolver,
  entityRefOf,
  entityToProfile,
  markMissingRoleHolders,
  evaluate,
  mojIctSecurityPolicy,
  parseEntityRefValue,
  personalAttestationStatements,
  withPortalRecords,
} from '@internal/plugin-itsec-common';
import { createHash } from 'node:crypto';
import { StoredResultWithProfile } from '../database/types';
import { packStatuses } from './statusCodec';

const personalStatementsByPolicy = new WeakMap<
  PolicyCatalogue,
  ReadonlySet<string>
>();

/** The policy's statements each person attests for themselves (computed once per policy). */
function personalStatementsOf(policy: PolicyCatalogue): ReadonlySet<string> {
  let hit = personalStatementsByPolicy.get(policy);
  if (!hit) {
    hit = personalAttestationStatements(policy);
    personalStatementsByPolicy.set(policy, hit);
  }
  return hit;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function refValue(
  value: unknown,
  defaults: { kind: string; namespace: string },
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const r = parseEntityRefValue(value, defaults);
  return r.ok ? r.value.ref : undefined;
}

/**
 * The entity an entity inherits from: Component / API / Resource from its
 * System, a System from its Domain, a Domain from its parent Domain.
 */
export function parentRefOf(entity: Entity): string | undefined {
  const spec = isObject(entity.spec) ? entity.spec : {};
  const kind = String(entity.kind ?? '').toLocaleLowerCase('en-US');
  const namespace = entity.metadata?.namespace ?? 'default';
  if (kind === 'component' || kind === 'api' || kind === 'resource') {
    return refValue(spec.system, { kind: 'system', namespace });
  }
  if (kind === 'system')
    return refValue(spec.domain, { kind: 'domain', namespace });
  if (kind === 'domain')
    return refValue(spec.subdomainOf, { kind: 'domain', namespace });
  return undefined;
}

/** The owner of an entity as a lowercase entity ref (relation first, then spec.owner). */
export function ownerRefOf(entity: Entity): string | undefined {
  const rel = entity.relations?.find(r => r.type === 'ownedBy');
  if (rel) return rel.targetRef.toLocaleLowerCase('en-US');
  const spec = isObject(entity.spec) ? entity.spec : {};
  return refValue(spec.owner, {
    kind: 'group',
    namespace: entity.metadata?.namespace ?? 'default',
  });
}

/**
 * The ITSO group and its members as read from the catalog: a Code of
 * Connection counts for a system only when the system's owner or this group
 * owns it, and its ITSO approval only from a member (or the ITSO its Domain
 * declares). With `groupMembership`, each profile carries the groups owning
 * the entity and its System with their members, so an Accreditor or IAO in
 * the owning team does not count.
 */
export interface ItsoOrganisation {
  itsoGroup: string;
  /** Lowercase user refs; undefined when the group is not in the catalog. */
  itsoGroupMembers?: string[];
  /** The catalog's Groups (see `indexGroupMembership`). */
  groupMembership?: GroupMembership;
  /**
   * Lowercase refs of every User in the catalog: a role holder not among
   * them is marked `missing` (see `markMissingRoleHolders`).
   */
  users?: ReadonlySet<string>;
}

/** Attestations and exceptions recorded in the portal, by lowercase entity ref. */
export interface PortalRecords {
  attestations: ReadonlyMap<string, AttestationRecord[]>;
  exceptions: ReadonlyMap<string, ExceptionRecord[]>;
}

export function groupByEntity<T extends { entityRef: string }>(
  items: Iterable<T>,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.entityRef);
    if (list) list.push(item);
    else out.set(item.entityRef, [item]);
  }
  return out;
}

/**
 * The entity's own profile: its annotations plus what people recorded in the
 * portal. The latest attestation per statement is the one that counts; for
 * statements each person attests for themselves (role acknowledgements), the
 * latest per statement and person. Paper acknowledgements count for the
 * policy's role-acknowledgement statements.
 */
export function ownProfileOf(
  entity: Entity,
  codesOfConnection: ReadonlyMap<string, CodeOfConnection[]>,
  records: PortalRecords,
  policy: PolicyCatalogue = mojIctSecurityPolicy,
  organisation?: ItsoOrganisation,
): SecurityProfile {
  const personalStatements = personalStatementsOf(policy);
  const read = entityToProfile(entity, {
    codesOfConnection,
    itsoGroup: organisation?.itsoGroup,
    itsoGroupMembers: organisation?.itsoGroupMembers,
    groupMembership: organisation?.groupMembership,
    policy,
  });
  const users = organisation?.users;
  const profile = users
    ? markMissingRoleHolders(read, ref => !users.has(ref))
    : read;
  return withPortalRecords(
    profile,
    {
      attestations: records.attestations.get(profile.entityRef),
      exceptions: records.exceptions.get(profile.entityRef),
    },
    personalStatements,
  );
}

/** Entities by ref, with resolution of inherited profiles (parents first, cycles cut). */
export class ProfileResolver {
  private readonly byRef = new Map<string, Entity>();
  private readonly chains = new Map<string, string[]>();
  private readonly profiles: ResolvedProfiles;

  constructor(
    entities: Iterable<Entity>,
    codesOfConnection: ReadonlyMap<string, CodeOfConnection[]>,
    records: PortalRecords,
    policy: PolicyCatalogue = mojIctSecurityPolicy,
    organisation?: ItsoOrganisation,
  ) {
    const byRef = this.byRef;
    for (const e of entities) {
      const ref = entityRefOf(e);
      if (!byRef.has(ref)) byRef.set(ref, e);
    }
    this.profiles = createProfileResolver(
      {
        ownProfile: ref => {
          const entity = byRef.get(ref);
          return (
            entity &&
            ownProfileOf(
              entity,
              codesOfConnection,
              records,
              policy,
              organisation,
            )
          );
        },
        parentRef: ref => {
          const entity = byRef.get(ref);
          return entity && parentRefOf(entity);
        },
      },
      { personalStatements: personalStatementsOf(policy) },
    );
  }

  entity(ref: string): Entity | undefined {
    return this.byRef.get(ref);
  }

  refs(): IterableIterator<string> {
    return this.byRef.keys();
  }

  /** Ancestors present among the inputs, nearest first. */
  ancestors(ref: string): string[] {
    const hit = this.chains.get(ref);
    if (hit) return hit;
    const chain: string[] = [];
    const seen = new Set([ref]);
    let current = this.byRef.get(ref);
    while (current) {
      const parent = parentRefOf(current);
      if (!parent || seen.has(parent) || !this.byRef.has(parent)) break;
      chain.push(parent);
      seen.add(parent);
      current = this.byRef.get(parent);
    }
    this.chains.set(ref, chain);
    return chain;
  }

  profile(ref: string): SecurityProfile | undefined {
    return this.profiles.profile(ref);
  }
}

/** Policy key the packed statuses refer to. */
export function policyKeyOf(policy: PolicyCatalogue): string {
  return `${policy.id}@${policy.version}`;
}

/** The stored result of one entity. */
export function toStoredResult(options: {
  entity: Entity;
  resolver: ProfileResolver;
  policy: PolicyCatalogue;
  asOf: string;
  dueSoonWindow: string;
  evaluatedAt: string;
}):
  | { result: StoredResultWithProfile; evaluation: EntityEvaluation }
  | undefined {
  const { entity, resolver, policy, asOf, dueSoonWindow, evaluatedAt } =
    options;
  const ref = entityRefOf(entity);
  const profile = resolver.profile(ref);
  if (!profile) return undefined;
  const evaluation = evaluate(profile, policy, { asOf, dueSoonWindow });
  const statuses = packStatuses(evaluation.results.map(r => r.status));
  let system: string | undefined;
  let domain: string | undefined;
  for (const a of resolver.ancestors(ref)) {
    const { kind } = parseEntityRef(a);
    if (kind === 'system' && !system) system = a;
    if (kind === 'domain' && !domain) domain = a;
  }
  const title =
    typeof entity.metadata?.title === 'string'
      ? entity.metadata.title
      : undefined;
  const owner = ownerRefOf(entity);
  const policyKey = policyKeyOf(policy);
  const profileJson = JSON.stringify(profile);
  const hash = createHash('sha1')
    .update(
      JSON.stringify([
        profile.kind,
        title,
        owner,
        system,
        domain,
        profile.classification,
        Boolean(profile.sensitive),
        evaluation.summary.score,
        statuses,
        policyKey,
      ]),
    )
    .update(profileJson)
    .digest('hex');
  return {
    evaluation,
    result: {
      entityRef: ref,
      kind: profile.kind,
      ...(title ? { title } : {}),
      ...(owner ? { owner } : {}),
      ...(system ? { system } : {}),
      ...(domain ? { domain } : {}),
      ...(profile.classification
        ? { classification: profile.classification }
        : {}),
      sensitive: Boolean(profile.sensitive),
      score: evaluation.summary.score,
      gaps: evaluation.summary.counts.gap,
      statuses,
      policyKey,
      asOf,
      evaluatedAt,
      hash,
      profile,
      profileJson,
    },
  };
}
