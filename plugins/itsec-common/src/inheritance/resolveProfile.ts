import {
  Attestation,
  CodeOfConnection,
  IncidentRecord,
  OwningGroup,
  OWN_SOURCE,
  PROFILE_FLAGS,
  PROFILE_RECORD_KEYS,
  PolicyException,
  ProfileFlag,
  ProfileFlags,
  ProfileRecords,
  ProfileSource,
  ROLE_IDS,
  RoleHolder,
  RoleId,
  SecurityProfile,
  Sourced,
  SupplierAssessment,
} from '../profile/types';
import { mojIctSecurityPolicy } from '../policy/catalogue';
import { personalAttestationStatements } from '../policy/personal';

function inheritedFrom(
  ancestor: SecurityProfile,
  existing?: ProfileSource,
): ProfileSource {
  // Keep the original origin when the ancestor itself inherited the value.
  if (existing?.inherited && existing.from) return existing;
  return { inherited: true, from: ancestor.entityRef };
}

/**
 * The groups owning the entity and its System (the Accreditor and IAO must
 * be independent of both); not the Domain's owner, the business unit above.
 */
function owningGroupsWithSystem(
  ownProfile: SecurityProfile,
  ancestors: SecurityProfile[],
): OwningGroup[] | undefined {
  const system = ancestors.find(a => a.kind === 'system');
  const theirs = system?.owningGroups;
  if (!theirs) return ownProfile.owningGroups;
  const out = (ownProfile.owningGroups ?? []).map(own);
  for (const g of theirs)
    if (!out.some(o => o.ref === g.ref)) out.push(inherit(g, system!));
  return out;
}

function own<T extends Sourced>(value: T): T {
  return value.source ? value : { ...value, source: OWN_SOURCE };
}

function inherit<T extends Sourced>(value: T, ancestor: SecurityProfile): T {
  return { ...value, source: inheritedFrom(ancestor, value.source) };
}

function hasRecord(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Inherits list items per key (normally the statement id): an entity's own
 * items for a key shadow its ancestors'.
 */
function inheritByKey<T extends Sourced>(
  ownItems: T[],
  ancestors: SecurityProfile[],
  pick: (p: SecurityProfile) => T[] | undefined,
  keyOf: (item: T) => string,
): T[] {
  const out = ownItems.map(own);
  const covered = new Set(ownItems.map(keyOf));
  for (const ancestor of ancestors) {
    const items = pick(ancestor) ?? [];
    const fromThis = new Set<string>();
    for (const item of items) {
      const key = keyOf(item);
      if (covered.has(key)) continue;
      out.push(inherit(item, ancestor));
      fromThis.add(key);
    }
    fromThis.forEach(key => covered.add(key));
  }
  return out;
}

let defaultPersonalStatements: ReadonlySet<string> | undefined;

/**
 * Options for {@link resolveProfile}.
 *
 * @public
 */
export interface ResolveProfileOptions {
  /**
   * Statements each person attests for themselves (see
   * `personalAttestationStatements`); their attestations are inherited per
   * person. Defaults to those of the bundled MoJ policy.
   */
  personalStatements?: ReadonlySet<string>;
}

/**
 * Resolves an entity's effective profile from its own profile and its
 * ancestors' (nearest first: for a Component `[system, domain]`, for a System
 * `[domain]`). Ancestor profiles may themselves be resolved already.
 *
 * Rules, each applied independently:
 * - classification (with its `sensitive` caveat): own if set, else the nearest ancestor's;
 * - roles: per role id, own holders if any, else the nearest ancestor's holders;
 * - flags: per flag, own if set (true or false), else the nearest ancestor's;
 * - records: per record, own if present, else the nearest ancestor's; the incident
 *   record's `planLink` is inherited on its own when the entity records contacts
 *   or budget but no plan link (the plan usually belongs to the Domain);
 * - supplier list and Codes of Connection: own if non-empty, else the nearest
 *   ancestor's, unless the entity sets `hasSuppliers` / `hasExternalConnections` to false;
 * - attestations and exceptions: per statement id, own ones shadow the ancestors';
 *   for statements each person attests for themselves (role acknowledgements),
 *   per statement and person.
 *
 * Everything taken from an ancestor is marked `source: { inherited: true, from }`
 * (keeping the original origin through several levels); own values get
 * `source: { inherited: false }`. Inputs are not modified.
 *
 * @public
 */
export function resolveProfile(
  ownProfile: SecurityProfile,
  ancestors: SecurityProfile[],
  options: ResolveProfileOptions = {},
): SecurityProfile {
  const personal =
    options.personalStatements ??
    (defaultPersonalStatements ??=
      personalAttestationStatements(mojIctSecurityPolicy));
  // Classification travels with its caveat.
  let classification = ownProfile.classification;
  let sensitive = ownProfile.sensitive;
  let classificationSource: ProfileSource | undefined =
    ownProfile.sources?.classification ??
    (classification ? OWN_SOURCE : undefined);
  if (!classification) {
    for (const a of ancestors) {
      if (a.classification) {
        classification = a.classification;
        sensitive = a.sensitive;
        classificationSource = inheritedFrom(a, a.sources?.classification);
        break;
      }
    }
  }

  const roles: Partial<Record<RoleId, RoleHolder[]>> = {};
  for (const role of ROLE_IDS) {
    const mine = ownProfile.roles?.[role];
    if (mine && mine.length > 0) {
      roles[role] = mine.map(h =>
        h.source ? h : { ...h, source: OWN_SOURCE },
      );
      continue;
    }
    for (const a of ancestors) {
      const theirs = a.roles?.[role];
      if (theirs && theirs.length > 0) {
        roles[role] = theirs.map(h => ({
          ...h,
          source: inheritedFrom(a, h.source),
        }));
        break;
      }
    }
  }

  const flags: ProfileFlags = {};
  const flagSources: Partial<Record<ProfileFlag, ProfileSource>> = {};
  for (const flag of PROFILE_FLAGS) {
    const mine = ownProfile.flags?.[flag];
    if (mine !== undefined) {
      flags[flag] = mine;
      flagSources[flag] = ownProfile.sources?.flags?.[flag] ?? OWN_SOURCE;
      continue;
    }
    for (const a of ancestors) {
      const theirs = a.flags?.[flag];
      if (theirs !== undefined) {
        flags[flag] = theirs;
        flagSources[flag] = inheritedFrom(a, a.sources?.flags?.[flag]);
        break;
      }
    }
  }

  const records: ProfileRecords = {};
  const ownRecords = ownProfile.records ?? {};
  for (const key of PROFILE_RECORD_KEYS) {
    if (key === 'suppliers') continue;
    const mine = ownRecords[key];
    if (hasRecord(mine)) {
      (records as any)[key] = own(mine as Sourced);
      continue;
    }
    for (const a of ancestors) {
      const theirs = a.records?.[key];
      if (hasRecord(theirs)) {
        (records as any)[key] = inherit(theirs as Sourced, a);
        break;
      }
    }
  }
  // The incident plan usually belongs to the Domain; contacts and budget to the system.
  const incident = records.incident as IncidentRecord | undefined;
  if (incident && !incident.planLink && !incident.source?.inherited) {
    for (const a of ancestors) {
      const link = a.records?.incident?.planLink;
      if (link) {
        records.incident = {
          ...incident,
          planLink: link,
          planLinkSource: inheritedFrom(
            a,
            a.records!.incident!.planLinkSource ?? a.records!.incident!.source,
          ),
        };
        break;
      }
    }
  }

  // Lists: own if non-empty, else inherited unless the entity says it has none.
  const ownSuppliers = ownRecords.suppliers ?? [];
  if (ownSuppliers.length > 0) {
    records.suppliers = ownSuppliers.map(own);
  } else if (ownProfile.flags?.hasSuppliers !== false) {
    for (const a of ancestors) {
      const theirs = a.records?.suppliers;
      if (theirs && theirs.length > 0) {
        records.suppliers = theirs.map((s: SupplierAssessment) =>
          inherit(s, a),
        );
        break;
      }
    }
  }
  let codesOfConnection: CodeOfConnection[] = (
    ownProfile.codesOfConnection ?? []
  ).map(own);
  // The ITSO group's members travel with the connections whose approvals they check.
  let itsoGroupMembers = ownProfile.itsoGroupMembers;
  if (
    codesOfConnection.length === 0 &&
    ownProfile.flags?.hasExternalConnections !== false
  ) {
    for (const a of ancestors) {
      const theirs = a.codesOfConnection;
      if (theirs && theirs.length > 0) {
        codesOfConnection = theirs.map(c => inherit(c, a));
        itsoGroupMembers = a.itsoGroupMembers;
        break;
      }
    }
  }

  const attestations = inheritByKey<Attestation>(
    ownProfile.attestations ?? [],
    ancestors,
    p => p.attestations,
    a =>
      personal.has(a.statementId)
        ? `${a.statementId}\n${a.attestedBy}`
        : a.statementId,
  );
  const exceptions = inheritByKey<PolicyException>(
    ownProfile.exceptions ?? [],
    ancestors,
    p => p.exceptions,
    e => e.statementId,
  );

  const resolved: SecurityProfile = {
    entityRef: ownProfile.entityRef,
    kind: ownProfile.kind,
    roles,
    flags,
    records,
    codesOfConnection,
    attestations,
    exceptions,
    sources: { flags: flagSources },
  };
  if (codesOfConnection.length > 0 && itsoGroupMembers)
    resolved.itsoGroupMembers = itsoGroupMembers;
  const owningGroups = owningGroupsWithSystem(ownProfile, ancestors);
  if (owningGroups) resolved.owningGroups = owningGroups;
  if (classification) {
    resolved.classification = classification;
    resolved.sensitive = sensitive === true;
    resolved.sources!.classification = classificationSource ?? OWN_SOURCE;
  } else if (sensitive !== undefined) {
    resolved.sensitive = sensitive;
  }
  return resolved;
}
