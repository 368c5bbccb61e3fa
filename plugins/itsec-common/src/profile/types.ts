/*
 * The security profile of one catalog entity: plain, JSON-serialisable data.
 * All dates are 'YYYY-MM-DD' strings.
 */

import { parseEntityRef } from '@backstage/catalog-model';
import type {
  AccreditationStatus,
  Classification,
  ExceptionState,
} from '../vocabulary';

// The lists and their types live in ../vocabulary; named here for the modules that read profiles.
export type { AccreditationStatus, Classification, ExceptionState };
export { CLASSIFICATIONS } from '../vocabulary';

/**
 * Security role ids. The first seven are per system; `moj-siro` and `itso`
 * are organisation-wide and normally inherited.
 *
 * @public
 */
export type RoleId =
  | 'business-siro'
  | 'iao'
  | 'system-manager'
  | 'service-provider'
  | 'accreditor'
  | 'comso'
  | 'dr-lead'
  | 'moj-siro'
  | 'itso';

/** @public */
export const ROLE_IDS: readonly RoleId[] = Object.freeze<RoleId[]>([
  'business-siro',
  'iao',
  'system-manager',
  'service-provider',
  'accreditor',
  'comso',
  'dr-lead',
  'moj-siro',
  'itso',
]);

/** Human names of the roles. @public */
export const ROLE_TITLES: Readonly<Record<RoleId, string>> = Object.freeze({
  'business-siro': 'business-group SIRO',
  iao: 'Information Asset Owner',
  'system-manager': 'ICT System Manager',
  'service-provider': 'service provider',
  accreditor: 'Accreditor',
  comso: 'COMSO',
  'dr-lead': 'DR lead',
  'moj-siro': 'MoJ SIRO',
  itso: 'ITSO',
});

/**
 * Where a value came from: the entity itself, or inherited from an ancestor
 * (System, Domain). A missing `source` on a record means "own".
 *
 * @public
 */
export interface ProfileSource {
  inherited: boolean;
  /** Entity ref of the ancestor it was inherited from. */
  from?: string;
}

/**
 * Mixin for anything that can be inherited.
 *
 * @public
 */
export interface Sourced {
  source?: ProfileSource;
}

/**
 * A person holding a role.
 *
 * @public
 */
export interface RoleHolder {
  /** User entity ref, lowercase, e.g. 'user:default/jane.doe'. */
  ref: string;
  /** For `service-provider`: the providing organisation. */
  organisation?: string;
  /**
   * True when the holder is a user ref known not to be a User of the
   * organisation: the portal read the catalog's Users and it is not there.
   * Such a holder does not fill the role, and their decisions and approvals
   * do not count. Absent when not checked (files read offline).
   */
  missing?: boolean;
  source: ProfileSource;
}

/**
 * Boolean facts about an entity that decide which statements apply.
 * `undefined` means "not recorded".
 *
 * @public
 */
export interface ProfileFlags {
  usesCryptography?: boolean;
  usesHmgCrypto?: boolean;
  handlesPersonalData?: boolean;
  /** Also true in effect when any supplier is recorded. */
  hasSuppliers?: boolean;
  /** Also true in effect when any Code of Connection is recorded. */
  hasExternalConnections?: boolean;
  /** When unset, derived from the accreditation status (in-progress, accredited, with conditions, expired). */
  accreditationApplies?: boolean;
}

/** @public */
export type ProfileFlag = keyof ProfileFlags;

/** @public */
export const PROFILE_FLAGS: readonly ProfileFlag[] = Object.freeze<
  ProfileFlag[]
>([
  'usesCryptography',
  'usesHmgCrypto',
  'handlesPersonalData',
  'hasSuppliers',
  'hasExternalConnections',
  'accreditationApplies',
]);

/** Technical risk assessment (POL.ITSEC.012, 014). @public */
export interface RiskAssessmentRecord extends Sourced {
  date?: string;
  method?: string;
  assessor?: string;
  link?: string;
}

/** Accreditation decision (POL.ITSEC.013, OFFICIAL). @public */
export interface AccreditationRecord extends Sourced {
  status?: AccreditationStatus;
  /** User entity ref of the Accreditor who decided. */
  accreditor?: string;
  decisionDate?: string;
  /** Date the accreditation stops being valid. */
  expiry?: string;
  rmadsLink?: string;
}

/** ITSO advice sought for a SECRET / TOP SECRET system (POL.ITSEC.013, 028). @public */
export interface ItsoAdviceRecord extends Sourced {
  date?: string;
  /** User entity ref of the adviser. */
  adviser?: string;
  link?: string;
}

/** HMG Business Impact Level 0-6. @public */
export type ImpactLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Business Impact Assessment (POL.ITSEC.016). @public */
export interface BiaRecord extends Sourced {
  date?: string;
  confidentiality?: ImpactLevel;
  integrity?: ImpactLevel;
  availability?: ImpactLevel;
  /** Recovery time objective, e.g. 'PT4H' or '4 hours'. */
  rto?: string;
  /** Recovery point objective. */
  rpo?: string;
  link?: string;
}

/** PIA / DPIA screening outcome. @public */
export type PiaOutcome = 'not-required' | 'required' | 'completed';

/** PIA / DPIA screening (POL.ITSEC.017). @public */
export interface PiaRecord extends Sourced {
  date?: string;
  outcome?: PiaOutcome;
  dpiaLink?: string;
}

/** @public */
export type DrTestOutcome = 'pass' | 'partial' | 'fail';

/** @public */
export interface DrTest {
  date: string;
  outcome: DrTestOutcome;
}

/** Disaster recovery plan (POL.ITSEC.043). @public */
export interface DrPlanRecord extends Sourced {
  link?: string;
  rto?: string;
  rpo?: string;
  /** The most recent test. */
  lastTest?: DrTest;
}

/** Asset disposal procedure (POL.ITSEC.041, 042). @public */
export interface DisposalRecord extends Sourced {
  link?: string;
  /** Standard cited, e.g. 'IS5', 'NCSC secure sanitisation', 'GovS 007'. */
  standard?: string;
  /** What the procedure covers: physical media, cloud storage, or both. */
  scope?: Array<'physical' | 'cloud'>;
  /** User entity ref of the approver. */
  approver?: string;
  /** Date the procedure was last reviewed. */
  reviewedOn?: string;
}

/** Incident management provision (POL.ITSEC.029, 031). @public */
export interface IncidentRecord extends Sourced {
  /** Link to the domain's incident management plan. */
  planLink?: string;
  /** Where `planLink` came from when it was inherited separately from the rest. */
  planLinkSource?: ProfileSource;
  /** Incident contacts (user entity refs, emails or channels). */
  contacts?: string[];
  budgetLine?: string;
}

/** Security procedures / SyOPs (POL.ITSEC.003). @public */
export interface SecurityProceduresRecord extends Sourced {
  link?: string;
  /** Date last reviewed. */
  reviewedOn?: string;
}

/** Change log (POL.ITSEC.019). @public */
export interface ChangeLogRecord extends Sourced {
  link?: string;
}

/** Supplier assessment (POL.ITSEC.039). @public */
export interface SupplierAssessment extends Sourced {
  name: string;
  /** Whether the supplier handles or stores MoJ data; unknown counts as yes. */
  handlesMojData?: boolean;
  /** Date of the latest formal assessment. */
  assessedOn?: string;
  /** What the assessment rested on, e.g. 'ISO 27001 certificate', 'security questionnaire'. */
  basis?: string;
  link?: string;
}

/** All per-entity records. @public */
export interface ProfileRecords {
  riskAssessment?: RiskAssessmentRecord;
  accreditation?: AccreditationRecord;
  itsoAdvice?: ItsoAdviceRecord;
  bia?: BiaRecord;
  pia?: PiaRecord;
  drPlan?: DrPlanRecord;
  disposal?: DisposalRecord;
  incident?: IncidentRecord;
  securityProcedures?: SecurityProceduresRecord;
  changeLog?: ChangeLogRecord;
  suppliers?: SupplierAssessment[];
}

/** @public */
export type ProfileRecordKey = keyof ProfileRecords;

/** @public */
export const PROFILE_RECORD_KEYS: readonly ProfileRecordKey[] = Object.freeze<
  ProfileRecordKey[]
>([
  'riskAssessment',
  'accreditation',
  'itsoAdvice',
  'bia',
  'pia',
  'drPlan',
  'disposal',
  'incident',
  'securityProcedures',
  'changeLog',
  'suppliers',
]);

/** @public */
export type ConnectionCategory =
  | 'moj-domain'
  | 'government-department'
  | 'third-party';

/** @public */
export type CodeOfConnectionStatus = 'draft' | 'agreed' | 'expired' | 'revoked';

/** A dated sign-off of a Code of Connection by a named person. @public */
export interface ConnectionApproval {
  /** User entity ref, or the counterparty signatory's name. */
  by: string;
  date: string;
}

/**
 * The sign-offs of a Code of Connection. An agreed one needs the Accreditor,
 * the ITSO and the IAO.
 *
 * @public
 */
export interface ConnectionApprovals {
  accreditor?: ConnectionApproval;
  itso?: ConnectionApproval;
  iao?: ConnectionApproval;
  /** The other party's signatory. */
  counterparty?: ConnectionApproval;
}

/** A Code of Connection (POL.ITSEC.028). @public */
export interface CodeOfConnection extends Sourced {
  /** Identifier or link of the agreement. */
  ref: string;
  /** The other system (entity ref) or organisation. */
  counterparty: string;
  category?: ConnectionCategory;
  status: CodeOfConnectionStatus;
  agreedDate?: string;
  /**
   * Review due date. It can bring the review forward, never put it later than
   * agreedDate + the statement's validity (12 months in the MoJ policy), which
   * is also the default.
   */
  reviewDue?: string;
  /** Direction of the data flow, seen from the entity whose profile this is. */
  direction?: 'in' | 'out' | 'both';
  /** Whether personal data crosses the connection. */
  personalData?: boolean;
  /** Highest classification of the data shared. */
  classification?: Classification;
  /** Link to the information-sharing agreement. */
  agreementLink?: string;
  /** Sign-offs recorded; absent means none recorded. */
  approvals?: ConnectionApprovals;
  /** Lowercase entity ref of the group that owns the agreement (its `spec.owner`). */
  owner?: string;
}

/**
 * A group that owns the entity (its own owner, or its System's), with its
 * members when they are known. The Accreditor and the IAO must be independent
 * of it: see `codeOfConnection/independence.ts`.
 *
 * @public
 */
export interface OwningGroup {
  /** Lowercase entity ref of the owner: a Group, or a User who owns it directly. */
  ref: string;
  /**
   * Lowercase user refs of its members (its sub-groups' members included).
   * Absent when not known (the Group is not among the files read offline,
   * or not in the catalog): then independence cannot be checked.
   */
  members?: string[];
  /**
   * True when the Group is known not to exist: membership was read from the
   * whole organisation (the portal's catalog) and it is not there. Then no
   * approval or decision can be shown independent of the team: a gap, where
   * members merely not known (offline) leave it not scored.
   */
  missing?: boolean;
  /** The entity's own owner, or inherited from its System. */
  source: ProfileSource;
}

/**
 * Where an attestation was recorded: in the portal by the signed-in person
 * (`portal`), or declared in the entity's catalog-info.yaml (`catalog`), as
 * for role acknowledgements signed elsewhere.
 *
 * @public
 */
export type AttestationOrigin = 'portal' | 'catalog';

/** A person's attestation that a statement is met. @public */
export interface Attestation extends Sourced {
  statementId: string;
  /** User entity ref of who attested. */
  attestedBy: string;
  attestedOn: string;
  /** Absent means `portal`. */
  origin?: AttestationOrigin;
  /** Optional end of validity: it can shorten validity, never extend it; the earlier of this and attestedOn + statement validity applies. */
  validUntil?: string;
  evidenceLink?: string;
}

/** A policy exception (the policy's Tier 4), approved by the business-group SIRO. @public */
export interface PolicyException extends Sourced {
  id?: string;
  statementId: string;
  status: ExceptionState;
  /** User entity ref of the approver (business-group SIRO). */
  approvedBy?: string;
  approvedOn?: string;
  /** Last day the exception is in force. */
  expiresOn: string;
  justification?: string;
}

/**
 * The security profile of one entity: everything {@link evaluate} needs.
 * One plain-data, JSON-serialisable object.
 *
 * @public
 */
export interface SecurityProfile {
  /** Lowercase entity ref 'kind:namespace/name'. */
  entityRef: string;
  /** Lowercase entity kind, e.g. 'component', 'system', 'domain'. */
  kind: string;
  classification?: Classification;
  /** OFFICIAL-SENSITIVE handling caveat. */
  sensitive?: boolean;
  roles: Partial<Record<RoleId, RoleHolder[]>>;
  flags: ProfileFlags;
  records: ProfileRecords;
  codesOfConnection: CodeOfConnection[];
  attestations: Attestation[];
  exceptions: PolicyException[];
  /**
   * Members (lowercase user refs) of the ITSO group when the profile was
   * built: an ITSO approval of a Code of Connection counts when it is by one
   * of them or by the ITSO a Domain declares (`roles.itso`). Set with Codes of
   * Connection; when absent only `roles.itso` counts.
   */
  itsoGroupMembers?: string[];
  /**
   * The groups that own the entity and its System, with their members: an
   * approval or decision by the Accreditor or the IAO counts only from
   * someone outside them. Kept when the profile has something to check
   * (an Accreditor, an accreditation decision or Codes of Connection);
   * absent means no owner is known.
   */
  owningGroups?: OwningGroup[];
  /** Where scalar values (classification, flags) came from; absent means own. */
  sources?: {
    classification?: ProfileSource;
    flags?: Partial<Record<ProfileFlag, ProfileSource>>;
  };
}

/**
 * A new, empty profile for an entity.
 *
 * @public
 */
export function emptySecurityProfile(
  entityRef: string,
  kind?: string,
): SecurityProfile {
  const ref = entityRef.toLocaleLowerCase('en-US');
  return {
    entityRef: ref,
    kind: (kind ?? parseEntityRef(ref).kind).toLocaleLowerCase('en-US'),
    roles: {},
    flags: {},
    records: {},
    codesOfConnection: [],
    attestations: [],
    exceptions: [],
  };
}

/** The source of an own value. @public */
export const OWN_SOURCE: ProfileSource = Object.freeze({ inherited: false });
