/*
 * The itsec.justice.gov.uk/ annotations: one table, the single source of
 * truth for their names, value formats and documentation.
 */

import { ITSEC_ANNOTATION_PREFIX } from '../profile/annotations';

/**
 * The value format of an annotation.
 *
 * - `classification`: OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET
 * - `boolean`: `true` or `false`
 * - `date`: an ISO calendar date, `YYYY-MM-DD`
 * - `url`: an absolute `http(s)://` link
 * - `user`: one User entity ref (`user:default/jane.doe`, or `jane.doe`)
 * - `users`: a comma list of User entity refs
 * - `text`: free text on one line
 * - `text-list`: a comma list of free-text items
 * - `enum`: one of a fixed set of values
 * - `enum-list`: a comma list of values from a fixed set
 * - `duration`: a time span such as `4h`, `30m`, `1d`, `2w` or ISO 8601 `PT4H`
 * - `impact`: Business Impact Levels for C, I and A, e.g. `C=IL3, I=IL2, A=IL2`
 * - `suppliers`: a comma list of `Name`, `Name=YYYY-MM-DD [basis]` (assessed on) or `Name=no-data`
 * - `dated-outcome`: a date and an outcome, e.g. `2025-07-08 pass`
 * - `dated-users`: a comma list of `user=YYYY-MM-DD`, e.g. `jane.doe=2026-03-02`
 *
 * @public
 */
export type ItsecAnnotationFormat =
  | 'classification'
  | 'boolean'
  | 'date'
  | 'url'
  | 'user'
  | 'users'
  | 'text'
  | 'text-list'
  | 'enum'
  | 'enum-list'
  | 'duration'
  | 'impact'
  | 'suppliers'
  | 'dated-outcome'
  | 'dated-users';

/**
 * The documentation group an annotation belongs to.
 *
 * @public
 */
export type ItsecAnnotationGroup =
  | 'classification'
  | 'flags'
  | 'roles'
  | 'security-procedures'
  | 'risk-assessment'
  | 'accreditation'
  | 'itso-advice'
  | 'bia'
  | 'pia'
  | 'change-log'
  | 'incident'
  | 'disposal'
  | 'dr-plan'
  | 'suppliers';

/**
 * One annotation: its name, value format and meaning.
 *
 * @public
 */
export interface ItsecAnnotationSpec {
  /** The name after the prefix, e.g. 'dr-plan-last-test'. */
  key: string;
  /** The full annotation name, e.g. 'itsec.justice.gov.uk/dr-plan-last-test'. */
  name: string;
  format: ItsecAnnotationFormat;
  group: ItsecAnnotationGroup;
  /** Allowed values, for `enum` and `enum-list`. */
  values?: readonly string[];
  /** The policy statements the value is evidence for. */
  statements: readonly string[];
  /**
   * Short keys of annotations that must be set with this one; without them
   * the value is reported as a problem and not used.
   */
  requires?: readonly string[];
  /**
   * For values that carry dates: `event` when the date is when something
   * happened (assessed, reviewed, tested, decided, signed), which may not be
   * later than the evaluation date; `limit` when it is a forward-looking end
   * of validity, which can shorten validity but never extend it past the
   * statement's validity period.
   */
  dateRole?: 'event' | 'limit';
  /**
   * The entity kinds the annotation may be set on (any kind when absent); on
   * another kind it is a problem and the value is not used.
   */
  kinds?: readonly string[];
  /** One line: what the value means. */
  description: string;
  /** An example value. */
  example: string;
}

type SpecInput = Omit<ItsecAnnotationSpec, 'name'>;

const spec = (s: SpecInput): ItsecAnnotationSpec =>
  Object.freeze({ ...s, name: `${ITSEC_ANNOTATION_PREFIX}${s.key}` });

/** @public */
export const ACCREDITATION_STATUS_VALUES = Object.freeze([
  'not-assessed',
  'in-progress',
  'accredited',
  'accredited-with-conditions',
  'expired',
  'not-required',
] as const);

/** @public */
export const PIA_OUTCOME_VALUES = Object.freeze([
  'not-required',
  'required',
  'completed',
] as const);

/** @public */
export const DR_TEST_OUTCOME_VALUES = Object.freeze([
  'pass',
  'partial',
  'fail',
] as const);

/** @public */
export const DISPOSAL_SCOPE_VALUES = Object.freeze([
  'physical',
  'cloud',
] as const);

/** @public */
export const CLASSIFICATION_VALUES = Object.freeze([
  'OFFICIAL',
  'OFFICIAL-SENSITIVE',
  'SECRET',
  'TOP SECRET',
] as const);

/**
 * The kinds on which a business-group SIRO may be declared: the SIRO who
 * approves exceptions is the Domain's, else the System's, never one named by
 * the team that owns a Component, API or Resource.
 *
 * @public
 */
export const SIRO_KINDS = Object.freeze(['System', 'Domain'] as const);

/**
 * Every itsec annotation, in documentation order.
 *
 * @public
 */
export const ITSEC_ANNOTATION_SPECS: readonly ItsecAnnotationSpec[] =
  Object.freeze([
    // Classification and flags
    spec({
      key: 'classification',
      format: 'classification',
      group: 'classification',
      statements: ['POL.ITSEC.013', 'POL.ITSEC.025'],
      description:
        'Highest Government Security Classification of the information handled. OFFICIAL-SENSITIVE is OFFICIAL with the sensitive handling caveat.',
      example: 'OFFICIAL-SENSITIVE',
    }),
    spec({
      key: 'uses-cryptography',
      format: 'boolean',
      group: 'flags',
      statements: ['POL.ITSEC.033'],
      description: 'The system relies on cryptographic controls.',
      example: 'true',
    }),
    spec({
      key: 'uses-hmg-crypto',
      format: 'boolean',
      group: 'flags',
      statements: ['POL.ITSEC.034'],
      description:
        'The system uses HMG cryptographic material or products (a COMSO must be named).',
      example: 'false',
    }),
    spec({
      key: 'handles-personal-data',
      format: 'boolean',
      group: 'flags',
      statements: ['POL.ITSEC.017'],
      description: 'The system processes personal data.',
      example: 'true',
    }),
    spec({
      key: 'has-suppliers',
      format: 'boolean',
      group: 'flags',
      statements: ['POL.ITSEC.039'],
      description:
        'Suppliers handle or store MoJ data for the system. `false` says there are none (and stops inheriting the System\u2019s list).',
      example: 'true',
    }),
    spec({
      key: 'has-external-connections',
      format: 'boolean',
      group: 'flags',
      statements: ['POL.ITSEC.028'],
      description:
        'The system shares services or data with another MoJ domain, another department or a third party. `false` says it does not.',
      example: 'true',
    }),
    spec({
      key: 'accreditation-applies',
      format: 'boolean',
      group: 'flags',
      statements: ['POL.ITSEC.013', 'POL.ITSEC.014'],
      description:
        'The system is subject to accreditation. When unset it is derived from accreditation-status.',
      example: 'true',
    }),
    // Roles
    spec({
      key: 'role-business-siro',
      format: 'user',
      group: 'roles',
      statements: ['POL.ITSEC.022'],
      kinds: SIRO_KINDS,
      description:
        'Business-group / area Senior Information Risk Owner (one person).',
      example: 'user:default/sarah.whitfield',
    }),
    spec({
      key: 'role-iao',
      format: 'users',
      group: 'roles',
      statements: ['POL.ITSEC.022'],
      description: 'Information Asset Owner(s).',
      example: 'thomas.green',
    }),
    spec({
      key: 'role-system-manager',
      format: 'users',
      group: 'roles',
      statements: ['POL.ITSEC.022'],
      description: 'ICT System Manager(s).',
      example: 'oliver.bennett',
    }),
    spec({
      key: 'role-service-provider',
      format: 'users',
      group: 'roles',
      statements: ['POL.ITSEC.022'],
      description: 'Named contact(s) at the ICT service provider.',
      example: 'user:default/kirsty.campbell',
    }),
    spec({
      key: 'service-provider-organisation',
      format: 'text',
      group: 'roles',
      statements: ['POL.ITSEC.022'],
      description:
        'The organisation providing the ICT service (with role-service-provider as its named contact).',
      example: 'MoJ Digital & Technology',
    }),
    spec({
      key: 'role-accreditor',
      format: 'users',
      group: 'roles',
      statements: ['POL.ITSEC.013', 'POL.ITSEC.022', 'POL.ITSEC.028'],
      description:
        'Accreditor(s): needed when accreditation is in force or any Code of Connection exists.',
      example: 'david.okafor',
    }),
    spec({
      key: 'role-comso',
      format: 'users',
      group: 'roles',
      statements: ['POL.ITSEC.034'],
      description:
        'Communications Security Officer(s): needed when HMG cryptographic material is handled.',
      example: 'fiona.mcallister',
    }),
    spec({
      key: 'role-dr-lead',
      format: 'users',
      group: 'roles',
      statements: ['POL.ITSEC.043'],
      description: 'Disaster recovery lead(s).',
      example: 'aled.morgan',
    }),
    spec({
      key: 'role-moj-siro',
      format: 'user',
      group: 'roles',
      statements: ['POL.ITSEC.022'],
      description:
        'The MoJ SIRO (organisation-wide; set it on a Domain and let systems inherit it).',
      example: 'jonathan.hale',
    }),
    spec({
      key: 'role-itso',
      format: 'users',
      group: 'roles',
      statements: ['POL.ITSEC.022'],
      description:
        'The IT Security Officer (today the CISO; organisation-wide, usually set on a Domain).',
      example: 'priya.shah',
    }),
    // Role acknowledgements (023)
    spec({
      key: 'role-acknowledgements',
      format: 'dated-users',
      group: 'roles',
      statements: ['POL.ITSEC.023'],
      requires: ['role-acknowledgements-evidence'],
      dateRole: 'event',
      description:
        'Role holders who signed an acknowledgement of their security role outside the portal, each with the date they signed.',
      example: 'thomas.green=2026-03-02, oliver.bennett=2026-02-16',
    }),
    spec({
      key: 'role-acknowledgements-evidence',
      format: 'url',
      group: 'roles',
      statements: ['POL.ITSEC.023'],
      description:
        'Link to the signed acknowledgements (required with role-acknowledgements).',
      example: 'https://example.justice.gov.uk/cmc/role-acknowledgements',
    }),
    // Security procedures (003)
    spec({
      key: 'security-procedures',
      format: 'url',
      group: 'security-procedures',
      statements: ['POL.ITSEC.003'],
      description: 'Link to the documented security procedures / SyOPs.',
      example: 'https://example.justice.gov.uk/cmc/syops',
    }),
    spec({
      key: 'security-procedures-reviewed',
      format: 'date',
      group: 'security-procedures',
      statements: ['POL.ITSEC.003'],
      dateRole: 'event',
      description: 'Date the security procedures were last reviewed.',
      example: '2025-11-03',
    }),
    // Risk assessment (012, 014)
    spec({
      key: 'risk-assessment',
      format: 'url',
      group: 'risk-assessment',
      statements: ['POL.ITSEC.012', 'POL.ITSEC.014'],
      description: 'Link to the latest technical risk assessment.',
      example: 'https://example.justice.gov.uk/cmc/risk-assessment-2025',
    }),
    spec({
      key: 'risk-assessment-date',
      format: 'date',
      group: 'risk-assessment',
      statements: ['POL.ITSEC.012', 'POL.ITSEC.014'],
      dateRole: 'event',
      description: 'Date of the latest technical risk assessment.',
      example: '2025-09-15',
    }),
    spec({
      key: 'risk-assessment-method',
      format: 'text',
      group: 'risk-assessment',
      statements: ['POL.ITSEC.012'],
      description:
        'Method used, e.g. NCSC risk management guidance, IS1&2, STRIDE threat model.',
      example: 'NCSC risk management guidance',
    }),
    spec({
      key: 'risk-assessment-assessor',
      format: 'text',
      group: 'risk-assessment',
      statements: ['POL.ITSEC.012'],
      description:
        'Who assessed: a User entity ref or the assessing organisation.',
      example: 'user:default/helen.pritchard',
    }),
    // Accreditation (013)
    spec({
      key: 'accreditation-status',
      format: 'enum',
      values: ACCREDITATION_STATUS_VALUES,
      group: 'accreditation',
      statements: ['POL.ITSEC.013'],
      description: 'Accreditation status. The Accreditor is role-accreditor.',
      example: 'accredited',
    }),
    spec({
      key: 'accreditation-date',
      format: 'date',
      group: 'accreditation',
      statements: ['POL.ITSEC.013'],
      dateRole: 'event',
      description: 'Date of the accreditation decision.',
      example: '2025-10-01',
    }),
    spec({
      key: 'accreditation-expiry',
      format: 'date',
      group: 'accreditation',
      statements: ['POL.ITSEC.013'],
      dateRole: 'limit',
      description:
        'Date the accreditation stops being valid, as the Accreditor set it (after accreditation-date).',
      example: '2026-09-30',
    }),
    spec({
      key: 'rmads',
      format: 'url',
      group: 'accreditation',
      statements: ['POL.ITSEC.013', 'POL.ITSEC.015'],
      description:
        'Link to the RMADS (Risk Management and Accreditation Document Set) or risk register.',
      example: 'https://example.justice.gov.uk/cmc/rmads',
    }),
    // ITSO advice (013, SECRET and above)
    spec({
      key: 'itso-advice',
      format: 'url',
      group: 'itso-advice',
      statements: ['POL.ITSEC.013'],
      description:
        'Link to the ITSO\u2019s advice (what SECRET and TOP SECRET systems need instead of accreditation).',
      example: 'https://example.justice.gov.uk/itso/advice/ndelius',
    }),
    spec({
      key: 'itso-advice-date',
      format: 'date',
      group: 'itso-advice',
      statements: ['POL.ITSEC.013'],
      dateRole: 'event',
      description: 'Date the ITSO\u2019s advice was given.',
      example: '2025-06-20',
    }),
    // BIA (016)
    spec({
      key: 'bia',
      format: 'url',
      group: 'bia',
      statements: ['POL.ITSEC.016'],
      description: 'Link to the Business Impact Assessment.',
      example: 'https://example.justice.gov.uk/cmc/bia',
    }),
    spec({
      key: 'bia-date',
      format: 'date',
      group: 'bia',
      statements: ['POL.ITSEC.016'],
      dateRole: 'event',
      description: 'Date of the Business Impact Assessment.',
      example: '2025-05-12',
    }),
    spec({
      key: 'bia-impact',
      format: 'impact',
      group: 'bia',
      statements: ['POL.ITSEC.016'],
      description:
        'Impact levels (IL0-IL6) for confidentiality, integrity and availability.',
      example: 'C=IL3, I=IL2, A=IL2',
    }),
    spec({
      key: 'bia-rto',
      format: 'duration',
      group: 'bia',
      statements: ['POL.ITSEC.016'],
      description: 'Recovery time objective the business needs.',
      example: '4h',
    }),
    spec({
      key: 'bia-rpo',
      format: 'duration',
      group: 'bia',
      statements: ['POL.ITSEC.016'],
      description: 'Recovery point objective the business needs.',
      example: '1h',
    }),
    // PIA / DPIA screening (017)
    spec({
      key: 'pia',
      format: 'enum',
      values: PIA_OUTCOME_VALUES,
      group: 'pia',
      statements: ['POL.ITSEC.017'],
      description:
        'Outcome of the privacy (data protection) impact assessment screening.',
      example: 'completed',
    }),
    spec({
      key: 'pia-date',
      format: 'date',
      group: 'pia',
      statements: ['POL.ITSEC.017'],
      dateRole: 'event',
      description: 'Date of the screening.',
      example: '2025-03-02',
    }),
    spec({
      key: 'dpia',
      format: 'url',
      group: 'pia',
      statements: ['POL.ITSEC.010', 'POL.ITSEC.017'],
      description: 'Link to the DPIA, when the screening found one required.',
      example: 'https://example.justice.gov.uk/cmc/dpia',
    }),
    // Change log (019)
    spec({
      key: 'change-log',
      format: 'url',
      group: 'change-log',
      statements: ['POL.ITSEC.019'],
      description:
        'Link to the change log that records the security impact of each change.',
      example: 'https://github.com/example/cmc/blob/main/CHANGELOG.md',
    }),
    // Incident management (029, 031)
    spec({
      key: 'incident-plan',
      format: 'url',
      group: 'incident',
      statements: ['POL.ITSEC.029', 'POL.ITSEC.031'],
      description:
        'Link to the (domain\u2019s) IT security incident management plan.',
      example: 'https://example.justice.gov.uk/hmcts/incident-plan',
    }),
    spec({
      key: 'incident-contacts',
      format: 'text-list',
      group: 'incident',
      statements: ['POL.ITSEC.031'],
      description:
        'Incident contacts: User entity refs, e-mail addresses or channels.',
      example: 'oliver.bennett, cmc-incidents@justice.gov.uk',
    }),
    spec({
      key: 'incident-budget-line',
      format: 'text',
      group: 'incident',
      statements: ['POL.ITSEC.031'],
      description: 'The budget line that could fund handling an incident.',
      example: 'HMCTS-DTS-OPEX-4471',
    }),
    // Disposal (040-042)
    spec({
      key: 'disposal-procedure',
      format: 'url',
      group: 'disposal',
      statements: ['POL.ITSEC.042'],
      description: 'Link to the documented asset disposal procedure.',
      example: 'https://example.justice.gov.uk/cmc/disposal',
    }),
    spec({
      key: 'disposal-standard',
      format: 'text',
      group: 'disposal',
      statements: ['POL.ITSEC.041'],
      description:
        'Standard the procedure cites: IS5 or its successor (NCSC secure sanitisation guidance).',
      example: 'NCSC secure sanitisation of storage media',
    }),
    spec({
      key: 'disposal-scope',
      format: 'enum-list',
      values: DISPOSAL_SCOPE_VALUES,
      group: 'disposal',
      statements: ['POL.ITSEC.042'],
      description:
        'What the procedure covers: physical media, cloud storage, or both.',
      example: 'physical, cloud',
    }),
    spec({
      key: 'disposal-approver',
      format: 'user',
      group: 'disposal',
      statements: ['POL.ITSEC.042'],
      description: 'Who approved the procedure.',
      example: 'thomas.green',
    }),
    spec({
      key: 'disposal-reviewed',
      format: 'date',
      group: 'disposal',
      statements: ['POL.ITSEC.042'],
      dateRole: 'event',
      description: 'Date the procedure was last reviewed.',
      example: '2025-08-30',
    }),
    // DR plan (043)
    spec({
      key: 'dr-plan',
      format: 'url',
      group: 'dr-plan',
      statements: ['POL.ITSEC.043'],
      description:
        'Link to the ICT disaster recovery plan. The DR lead is role-dr-lead.',
      example: 'https://example.justice.gov.uk/cmc/dr-plan',
    }),
    spec({
      key: 'dr-plan-rto',
      format: 'duration',
      group: 'dr-plan',
      statements: ['POL.ITSEC.043'],
      description: 'Recovery time objective the plan achieves.',
      example: '4h',
    }),
    spec({
      key: 'dr-plan-rpo',
      format: 'duration',
      group: 'dr-plan',
      statements: ['POL.ITSEC.043'],
      description: 'Recovery point objective the plan achieves.',
      example: '15m',
    }),
    spec({
      key: 'dr-plan-last-test',
      format: 'dated-outcome',
      values: DR_TEST_OUTCOME_VALUES,
      group: 'dr-plan',
      statements: ['POL.ITSEC.043'],
      dateRole: 'event',
      description:
        'Date and outcome of the last DR test: pass (RTO and RPO met), partial or fail.',
      example: '2025-07-08 pass',
    }),
    // Suppliers (039)
    spec({
      key: 'suppliers',
      format: 'suppliers',
      group: 'suppliers',
      statements: ['POL.ITSEC.039'],
      dateRole: 'event',
      description:
        'Suppliers, comma-separated: `Name=YYYY-MM-DD` (date of the latest assessment, optionally followed by its basis), `Name=no-data` (handles no MoJ data) or `Name` (not yet assessed).',
      example:
        'Acme Cloud Ltd=2025-04-01 ISO 27001 certificate, Print Co=no-data',
    }),
    spec({
      key: 'suppliers-evidence',
      format: 'url',
      group: 'suppliers',
      statements: ['POL.ITSEC.039'],
      description: 'Link to the supplier assessments (register or folder).',
      example: 'https://example.justice.gov.uk/cmc/supplier-assurance',
    }),
  ]);

/**
 * Annotation specs by short key ('dr-plan-last-test').
 *
 * @public
 */
export const ITSEC_ANNOTATION_SPEC_BY_KEY: ReadonlyMap<
  string,
  ItsecAnnotationSpec
> = new Map(ITSEC_ANNOTATION_SPECS.map(s => [s.key, s]));

/**
 * Annotation specs by full name ('itsec.justice.gov.uk/dr-plan-last-test').
 *
 * @public
 */
export const ITSEC_ANNOTATION_SPEC_BY_NAME: ReadonlyMap<
  string,
  ItsecAnnotationSpec
> = new Map(ITSEC_ANNOTATION_SPECS.map(s => [s.name, s]));

/**
 * The full name of an itsec annotation from its short key.
 *
 * @public
 */
export function itsecAnnotation(key: string): string {
  return `${ITSEC_ANNOTATION_PREFIX}${key}`;
}
