import { OWN_SOURCE, ROLE_TITLES } from '../../profile/types';
import { applies, hasHolder, roleNames, roleReasons } from '../applies';
import type { CompiledRole } from '../compile';
import { ev, gap, result } from '../context';
import type { EvidenceItem } from '../types';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec, SIRO_KINDS } from '../../annotations/annotationSpec';

/** The security role annotations. */
export const ROLE_ANNOTATIONS = Object.freeze({
  'role-business-siro': annotationSpec({
    key: 'role-business-siro',
    format: 'user',
    group: 'roles',
    statements: ['POL.ITSEC.022'],
    kinds: SIRO_KINDS,
    description:
      'Business-group / area Senior Information Risk Owner (one person).',
    example: 'user:default/sarah.whitfield',
  }),
  'role-iao': annotationSpec({
    key: 'role-iao',
    format: 'users',
    group: 'roles',
    statements: ['POL.ITSEC.022'],
    description: 'Information Asset Owner(s).',
    example: 'thomas.green',
  }),
  'role-system-manager': annotationSpec({
    key: 'role-system-manager',
    format: 'users',
    group: 'roles',
    statements: ['POL.ITSEC.022'],
    description: 'ICT System Manager(s).',
    example: 'oliver.bennett',
  }),
  'role-service-provider': annotationSpec({
    key: 'role-service-provider',
    format: 'users',
    group: 'roles',
    statements: ['POL.ITSEC.022'],
    description: 'Named contact(s) at the ICT service provider.',
    example: 'user:default/kirsty.campbell',
  }),
  'service-provider-organisation': annotationSpec({
    key: 'service-provider-organisation',
    format: 'text',
    group: 'roles',
    statements: ['POL.ITSEC.022'],
    description:
      'The organisation providing the ICT service (with role-service-provider as its named contact).',
    example: 'MoJ Digital & Technology',
  }),
  'role-accreditor': annotationSpec({
    key: 'role-accreditor',
    format: 'users',
    group: 'roles',
    statements: ['POL.ITSEC.013', 'POL.ITSEC.022', 'POL.ITSEC.028'],
    description:
      'Accreditor(s): needed when accreditation is in force or any Code of Connection exists.',
    example: 'david.okafor',
  }),
  'role-comso': annotationSpec({
    key: 'role-comso',
    format: 'users',
    group: 'roles',
    statements: ['POL.ITSEC.034'],
    description:
      'Communications Security Officer(s): needed when HMG cryptographic material is handled.',
    example: 'fiona.mcallister',
  }),
  'role-dr-lead': annotationSpec({
    key: 'role-dr-lead',
    format: 'users',
    group: 'roles',
    statements: ['POL.ITSEC.043'],
    description: 'Disaster recovery lead(s).',
    example: 'aled.morgan',
  }),
  'role-moj-siro': annotationSpec({
    key: 'role-moj-siro',
    format: 'user',
    group: 'roles',
    statements: ['POL.ITSEC.022'],
    description:
      'The MoJ SIRO (organisation-wide; set it on a Domain and let systems inherit it).',
    example: 'jonathan.hale',
  }),
  'role-itso': annotationSpec({
    key: 'role-itso',
    format: 'users',
    group: 'roles',
    statements: ['POL.ITSEC.022'],
    description:
      'The IT Security Officer (today the CISO; organisation-wide, usually set on a Domain).',
    example: 'priya.shah',
  }),
});

const REASONS = {
  'roles-named': { message: 'Every required role has a named holder' },
};
const R = reasonArrays(REASONS);

/**
 * The statement's required roles (those whose condition holds) each have a
 * named holder. A missing role gives the reason `<role>-missing`.
 */
export const rolesCheck = defineCheck({
  id: 'roles',
  kind: 'record',
  description: 'Every required security role has a named holder',
  annotations: Object.values(ROLE_ANNOTATIONS),
  profileFields: ['roles'],
  reasons: REASONS,
  run(ctx, cs) {
    const rr = cs.requiredRoles;
    const evidence: EvidenceItem[] = [];
    let missing: CompiledRole[] | undefined;
    for (let i = 0; i < rr.length; i++) {
      const r = rr[i];
      if (r.when && applies(ctx, r.when) !== 0) continue;
      const h = hasHolder(ctx, r.index);
      if (!h) (missing ??= []).push(r);
      else
        evidence.push(
          ev(
            'role',
            `${ROLE_TITLES[r.role]}: ${h.ref}`,
            undefined,
            undefined,
            h.source ?? OWN_SOURCE,
          ),
        );
    }
    if (missing) {
      return gap(
        ctx,
        cs,
        roleReasons(missing),
        `No named ${roleNames(missing)}`,
        evidence,
      );
    }
    return result(
      ctx,
      cs,
      'met',
      R['roles-named'],
      `All ${evidence.length} required roles are named`,
      evidence,
      NaN,
    );
  },
});
