import type { ProfileFlag } from '../profile/types';
import { annotationSpec, type ItsecAnnotationSpec } from './annotationSpec';

/** Classification and flags: read by applicability conditions, and by some checks. */
export const CONDITION_ANNOTATIONS = Object.freeze({
  classification: annotationSpec({
    key: 'classification',
    format: 'classification',
    group: 'classification',
    description:
      'Highest Government Security Classification of the information handled. OFFICIAL-SENSITIVE is OFFICIAL with the sensitive handling caveat.',
    example: 'OFFICIAL-SENSITIVE',
  }),
  'uses-cryptography': annotationSpec({
    key: 'uses-cryptography',
    format: 'boolean',
    group: 'flags',
    flag: 'usesCryptography',
    description: 'The system relies on cryptographic controls.',
    example: 'true',
  }),
  'uses-hmg-crypto': annotationSpec({
    key: 'uses-hmg-crypto',
    format: 'boolean',
    group: 'flags',
    flag: 'usesHmgCrypto',
    description:
      'The system uses HMG cryptographic material or products (a COMSO must be named).',
    example: 'false',
  }),
  'handles-personal-data': annotationSpec({
    key: 'handles-personal-data',
    format: 'boolean',
    group: 'flags',
    flag: 'handlesPersonalData',
    description: 'The system processes personal data.',
    example: 'true',
  }),
  'has-suppliers': annotationSpec({
    key: 'has-suppliers',
    format: 'boolean',
    group: 'flags',
    flag: 'hasSuppliers',
    description:
      'Suppliers handle or store MoJ data for the system. `false` says there are none (and stops inheriting the System\u2019s list).',
    example: 'true',
  }),
  'has-external-connections': annotationSpec({
    key: 'has-external-connections',
    format: 'boolean',
    group: 'flags',
    flag: 'hasExternalConnections',
    description:
      'The system shares services or data with another MoJ domain, another department or a third party. `false` says it does not.',
    example: 'true',
  }),
  'accreditation-applies': annotationSpec({
    key: 'accreditation-applies',
    format: 'boolean',
    group: 'flags',
    flag: 'accreditationApplies',
    description:
      'The system is subject to accreditation. When unset it is derived from accreditation-status.',
    example: 'true',
  }),
});

/**
 * The condition annotation that sets each profile flag.
 *
 * @public
 */
export const CONDITION_ANNOTATION_BY_FLAG: ReadonlyMap<
  ProfileFlag,
  ItsecAnnotationSpec
> = new Map(
  Object.values(CONDITION_ANNOTATIONS).flatMap(row =>
    row.flag ? [[row.flag, row] as const] : [],
  ),
);
