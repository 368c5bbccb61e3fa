import { OWN_SOURCE, ROLE_TITLES } from '../../profile/types';
import { applies, hasHolder, roleNames, roleReasons } from '../applies';
import type { CompiledRole } from '../compile';
import { Ctx, ev, gap, result } from '../context';
import type { EvidenceItem } from '../types';
import { defineCheck, reasonArrays } from './types';
import { ROLE_ANNOTATIONS } from '../../annotations/roleSpecs';
import {
  INDEPENDENCE_REASONS,
  independenceOf,
  independenceUnknownText,
  notIndependentText,
  owningGroupMissingText,
} from '../../codeOfConnection/independence';
import {
  ACCREDITOR_HOLDS_ASSURED_ROLE,
  assuredRoleHeldBy,
} from '../roleSeparation';

export { ROLE_ANNOTATIONS };

const REASONS = {
  'roles-named': { message: 'Every required role has a named holder' },
  'accreditor-in-owning-group': {
    message: 'The Accreditor is a member of the team that owns the system',
    annotation: ROLE_ANNOTATIONS['role-accreditor'].name,
    hint: 'The Accreditor decides independently of the delivery team: name in role-accreditor an Accreditor who is not a member of the owning group or its sub-groups',
  },
  'accreditor-holds-assured-role': ACCREDITOR_HOLDS_ASSURED_ROLE,
  ...INDEPENDENCE_REASONS,
};
const R = reasonArrays(REASONS);

/**
 * Whether the Accreditors named are independent of the owning groups: the
 * first one who is a member (`member`), else the first who cannot be shown
 * independent of an owning group not in the catalog (`missing`), else the
 * first whose independence could not be checked (`unknown`).
 */
function accreditorIndependence(
  ctx: Ctx,
):
  | { status: 'member' | 'missing' | 'unknown'; text: string }
  | { status: 'independent' } {
  let missing: string | undefined;
  let unknown: string | undefined;
  for (const h of ctx.p.roles?.accreditor ?? []) {
    if (!h?.ref || h.missing) continue;
    const ind = independenceOf(h.ref, ctx.p.owningGroups);
    if (ind.status === 'member')
      return {
        status: 'member',
        text: `the Accreditor is ${notIndependentText(
          h.ref,
          ind.group,
          ctx.p.entityRef,
        )}`,
      };
    if (ind.status === 'missing')
      missing ??= `the Accreditor is ${owningGroupMissingText(
        h.ref,
        ind.group,
        ctx.p.entityRef,
      )}`;
    if (ind.status === 'unknown')
      unknown ??= independenceUnknownText(h.ref, ind.group);
  }
  if (missing) return { status: 'missing', text: missing };
  return unknown
    ? { status: 'unknown', text: unknown }
    : { status: 'independent' };
}

/** The first Accreditor who also holds a role they assure or advise, as text. */
function accreditorHoldingAssuredRole(ctx: Ctx): string | undefined {
  for (const h of ctx.p.roles?.accreditor ?? []) {
    if (!h?.ref || h.missing) continue;
    const also = assuredRoleHeldBy(ctx.p, h.ref);
    if (also)
      return `the Accreditor ${h.ref} is also the system\u2019s ${also}`;
  }
  return undefined;
}

/**
 * The statement's required roles (those whose condition holds) each have a
 * named holder. A missing role gives the reason `<role>-missing`; a holder
 * the portal found not to be a User in the catalog does not fill it
 * (`role-holder-not-in-catalog`). A required
 * Accreditor must be independent of the groups owning the entity and its
 * System (`accreditor-in-owning-group`; `owning-group-not-in-catalog` when
 * an owning Group is not in the catalog; `not-scored` when their members are
 * not known).
 */
export const rolesCheck = defineCheck({
  id: 'roles',
  kind: 'record',
  description: 'Every required security role has a named holder',
  annotations: Object.values(ROLE_ANNOTATIONS),
  profileFields: ['roles', 'owningGroups'],
  reasons: REASONS,
  run(ctx, cs) {
    const rr = cs.requiredRoles;
    const evidence: EvidenceItem[] = [];
    let missing: CompiledRole[] | undefined;
    let accreditorNamed = false;
    let notInCatalog: string[] | undefined;
    for (let i = 0; i < rr.length; i++) {
      const r = rr[i];
      if (r.when && applies(ctx, r.when) !== 0) continue;
      const h = hasHolder(ctx, r.index);
      if (!h) {
        (missing ??= []).push(r);
        const absent = ctx.roleLists[r.index]?.find(x => x?.ref && x.missing);
        if (absent)
          (notInCatalog ??= []).push(
            `the ${ROLE_TITLES[r.role]} named, ${
              absent.ref
            }, is not a User in the catalog`,
          );
      } else if (r.role === 'accreditor') accreditorNamed = true;
      if (h)
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
    const independence = accreditorNamed
      ? accreditorIndependence(ctx)
      : undefined;
    const memberText =
      independence?.status === 'member' ? independence.text : undefined;
    const inTeam =
      memberText ??
      (accreditorNamed ? accreditorHoldingAssuredRole(ctx) : undefined);
    const inTeamReason = memberText
      ? 'accreditor-in-owning-group'
      : 'accreditor-holds-assured-role';
    if (missing) {
      const reasons = [...roleReasons(missing)];
      if (notInCatalog) reasons.push('role-holder-not-in-catalog');
      if (inTeam) reasons.push(inTeamReason);
      return gap(
        ctx,
        cs,
        reasons,
        `No named ${roleNames(missing)}${
          notInCatalog ? `; ${notInCatalog.join('; ')}` : ''
        }${inTeam ? `; ${inTeam}` : ''}`,
        evidence,
      );
    }
    if (inTeam)
      return gap(ctx, cs, R[inTeamReason], `T${inTeam.slice(1)}`, evidence);
    if (independence?.status === 'missing')
      return gap(
        ctx,
        cs,
        R['owning-group-not-in-catalog'],
        `All ${evidence.length} required roles are named, but ${independence.text}`,
        evidence,
      );
    if (independence?.status === 'unknown')
      return result(
        ctx,
        cs,
        'not-scored',
        R['independence-unknown'],
        `All ${evidence.length} required roles are named, but ${independence.text}`,
        evidence,
        NaN,
      );
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
