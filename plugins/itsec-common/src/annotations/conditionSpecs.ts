import { annotationSpec } from './annotationSpec';

/** Classification and flags: read by applicability conditions, and by some checks. */
export const CONDITION_ANNOTATIONS = Object.freeze({
  classification: annotationSpec({
    key: 'classification',
    format: 'classification',
    group: 'classification',
    statements: ['POL.ITSEC.013', 'POL.ITSEC.025'],
    description:
      'Highest Government Security Classification of the information handled. OFFICIAL-SENSITIVE is OFFICIAL with the sensitive handling caveat.',
    example: 'OFFICIAL-SENSITIVE',
  }),
  'uses-cryptography': annotationSpec({
    key: 'uses-cryptography',
    format: 'boolean',
    group: 'flags',
    statements: ['POL.ITSEC.033'],
    description: 'The system relies on cryptographic controls.',
    example: 'true',
  }),
  'uses-hmg-crypto': annotationSpec({
    key: 'uses-hmg-crypto',
    format: 'boolean',
    group: 'flags',
    statements: ['POL.ITSEC.034'],
    description:
      'The system uses HMG cryptographic material or products (a COMSO must be named).',
    example: 'false',
  }),
  'handles-personal-data': annotationSpec({
    key: 'handles-personal-data',
    format: 'boolean',
    group: 'flags',
    statements: ['POL.ITSEC.017'],
    description: 'The system processes personal data.',
    example: 'true',
  }),
  'has-suppliers': annotationSpec({
    key: 'has-suppliers',
    format: 'boolean',
    group: 'flags',
    statements: ['POL.ITSEC.039'],
    description:
      'Suppliers handle or store MoJ data for the system. `false` says there are none (and stops inheriting the System\u2019s list).',
    example: 'true',
  }),
  'has-external-connections': annotationSpec({
    key: 'has-external-connections',
    format: 'boolean',
    group: 'flags',
    statements: ['POL.ITSEC.028'],
    description:
      'The system shares services or data with another MoJ domain, another department or a third party. `false` says it does not.',
    example: 'true',
  }),
  'accreditation-applies': annotationSpec({
    key: 'accreditation-applies',
    format: 'boolean',
    group: 'flags',
    statements: ['POL.ITSEC.013', 'POL.ITSEC.014'],
    description:
      'The system is subject to accreditation. When unset it is derived from accreditation-status.',
    example: 'true',
  }),
});
