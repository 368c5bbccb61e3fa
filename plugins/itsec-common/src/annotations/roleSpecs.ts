import { annotationSpec, SIRO_KINDS } from './annotationSpec';

/*
 * The role annotations are read by several checks (roles, accreditation,
 * Codes of Connection, DR plan) and by the remediation of a missing role, so
 * they live beside the condition annotations rather than in one check.
 */

/** The security role annotations. */
export const ROLE_ANNOTATIONS = Object.freeze({
  'role-business-siro': annotationSpec({
    key: 'role-business-siro',
    format: 'user',
    group: 'roles',
    kinds: SIRO_KINDS,
    description:
      'Business-group / area Senior Information Risk Owner (one person).',
    example: 'user:default/sarah.whitfield',
  }),
  'role-iao': annotationSpec({
    key: 'role-iao',
    format: 'users',
    group: 'roles',
    description: 'Information Asset Owner(s).',
    example: 'thomas.green',
  }),
  'role-system-manager': annotationSpec({
    key: 'role-system-manager',
    format: 'users',
    group: 'roles',
    description: 'ICT System Manager(s).',
    example: 'oliver.bennett',
  }),
  'role-service-provider': annotationSpec({
    key: 'role-service-provider',
    format: 'users',
    group: 'roles',
    description: 'Named contact(s) at the ICT service provider.',
    example: 'user:default/kirsty.campbell',
  }),
  'service-provider-organisation': annotationSpec({
    key: 'service-provider-organisation',
    format: 'text',
    group: 'roles',
    description:
      'The organisation providing the ICT service (with role-service-provider as its named contact).',
    example: 'MoJ Digital & Technology',
  }),
  'role-accreditor': annotationSpec({
    key: 'role-accreditor',
    format: 'users',
    group: 'roles',
    description:
      'Accreditor(s): needed when accreditation is in force or any Code of Connection exists.',
    example: 'david.okafor',
  }),
  'role-comso': annotationSpec({
    key: 'role-comso',
    format: 'users',
    group: 'roles',
    description:
      'Communications Security Officer(s): needed when HMG cryptographic material is handled.',
    example: 'fiona.mcallister',
  }),
  'role-dr-lead': annotationSpec({
    key: 'role-dr-lead',
    format: 'users',
    group: 'roles',
    description: 'Disaster recovery lead(s).',
    example: 'aled.morgan',
  }),
  'role-moj-siro': annotationSpec({
    key: 'role-moj-siro',
    format: 'user',
    group: 'roles',
    description:
      'The MoJ SIRO (organisation-wide; set it on a Domain and let systems inherit it).',
    example: 'jonathan.hale',
  }),
  'role-itso': annotationSpec({
    key: 'role-itso',
    format: 'users',
    group: 'roles',
    description:
      'The IT Security Officer (today the CISO; organisation-wide, usually set on a Domain).',
    example: 'priya.shah',
  }),
});
