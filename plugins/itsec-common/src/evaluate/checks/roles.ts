import { OWN_SOURCE, ROLE_TITLES } from '../../profile/types';
import { applies, hasHolder, roleNames, roleReasons } from '../applies';
import type { CompiledRole } from '../compile';
import { ev, gap, result } from '../context';
import type { EvidenceItem } from '../types';
import { defineCheck, reasonArrays } from './types';
import { ROLE_ANNOTATIONS } from '../../annotations/roleSpecs';

export { ROLE_ANNOTATIONS };

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
