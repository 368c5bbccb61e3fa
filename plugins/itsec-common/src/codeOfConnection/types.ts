import type { Entity } from '@backstage/catalog-model';
import type {
  CodeOfConnectionStatus,
  ConnectionCategory,
} from '../profile/types';
import type { ClassificationMarking } from '../vocabulary';

/** @public */
export const CODE_OF_CONNECTION_API_VERSION = 'itsec.justice.gov.uk/v1alpha1';

/** @public */
export const CODE_OF_CONNECTION_KIND = 'CodeOfConnection';

/** @public */
export const CONNECTION_CATEGORIES: readonly ConnectionCategory[] =
  Object.freeze<ConnectionCategory[]>([
    'moj-domain',
    'government-department',
    'third-party',
  ]);

/** Direction of the data flow, seen from the MoJ system. @public */
export type ConnectionDirection = 'in' | 'out' | 'both';

/** @public */
export const CONNECTION_DIRECTIONS: readonly ConnectionDirection[] =
  Object.freeze<ConnectionDirection[]>(['in', 'out', 'both']);

/** @public */
export const CODE_OF_CONNECTION_STATUSES: readonly CodeOfConnectionStatus[] =
  Object.freeze<CodeOfConnectionStatus[]>([
    'draft',
    'agreed',
    'expired',
    'revoked',
  ]);

/** One approval of a Code of Connection. @public */
export type CodeOfConnectionApproval = {
  /** User entity ref of the approver. */
  by: string;
  /** 'YYYY-MM-DD'. */
  date: string;
};

/** The counterparty's signatory (a person outside the catalog). @public */
export type CodeOfConnectionCounterpartyApproval = {
  /** Name (and role) of the counterparty's signatory. */
  name: string;
  date: string;
};

/**
 * A Code of Connection (POL.ITSEC.028) as a catalog entity.
 *
 * @public
 */
export interface CodeOfConnectionEntityV1alpha1 extends Entity {
  apiVersion: typeof CODE_OF_CONNECTION_API_VERSION;
  kind: typeof CODE_OF_CONNECTION_KIND;
  spec: {
    /** The MoJ system: an entity ref, kind System by default. */
    system: string;
    /** The other side: a catalog entity, an external organisation, or both. */
    counterparty: {
      /** Entity ref of the other system when it is in the catalog (kind System by default). */
      entityRef?: string;
      /** Name of the other organisation (department, supplier...). */
      organisation?: string;
    };
    category: ConnectionCategory;
    direction: ConnectionDirection;
    /** What data is shared. */
    dataShared: string;
    personalData: boolean;
    /** Highest classification of the data shared. */
    classification: ClassificationMarking;
    /** Link to the information-sharing agreement. */
    informationSharingAgreement?: string;
    approvals?: {
      accreditor?: CodeOfConnectionApproval;
      itso?: CodeOfConnectionApproval;
      iao?: CodeOfConnectionApproval;
      counterparty?: CodeOfConnectionCounterpartyApproval;
    };
    status: CodeOfConnectionStatus;
    /** 'YYYY-MM-DD'; required unless status is draft. */
    agreedDate?: string;
    /** 'YYYY-MM-DD', after agreedDate; defaults to 12 months after agreement. */
    reviewDate?: string;
    /** Optional owning group (entity ref, kind Group by default). */
    owner?: string;
  };
}

/**
 * True when the entity is (claims to be) a CodeOfConnection.
 *
 * @public
 */
export function isCodeOfConnectionEntity(
  entity: Entity,
): entity is CodeOfConnectionEntityV1alpha1 {
  return (
    entity.kind === CODE_OF_CONNECTION_KIND &&
    entity.apiVersion === CODE_OF_CONNECTION_API_VERSION
  );
}
