import { parseEntityRef } from '@backstage/catalog-model';
import { ROLE_TITLES } from '../profile/types';
import type {
  ConnectionApprovals,
  OwningGroup,
  RoleHolder,
  RoleId,
} from '../profile/types';
import {
  independenceOf,
  independenceUnknownText,
  notIndependentText,
  owningGroupMissingText,
} from './independence';

/** The MoJ approvals of a Code of Connection and the role each must hold. @public */
export const CODE_OF_CONNECTION_APPROVER_ROLES: ReadonlyArray<{
  approval: 'accreditor' | 'iao' | 'itso';
  role: RoleId;
}> = Object.freeze([
  { approval: 'accreditor', role: 'accreditor' },
  { approval: 'itso', role: 'itso' },
  { approval: 'iao', role: 'iao' },
] as const);

/**
 * An approval of a Code of Connection that does not count: by someone who
 * does not hold the role (`not-role-holder`), by someone who already gave
 * another of the three (`not-separate`: POL.ITSEC.028 names three parties, so
 * one person holding two roles does not give two approvals), or by an Accreditor or IAO who
 * is a member of a group owning the entity (`not-independent`), or whose
 * owning group is known not to exist (`owning-group-not-in-catalog`), or by
 * a holder known not to be a User in the catalog
 * (`role-holder-not-in-catalog`); or one
 * whose independence could not be checked (`independence-unknown`: the
 * owning group's members are not known).
 *
 * @public
 */
export interface CodeOfConnectionApprovalProblem {
  approval: 'accreditor' | 'iao' | 'itso';
  /** Who approved (lowercase user ref). */
  by: string;
  problem:
    | 'not-role-holder'
    | 'not-separate'
    | 'not-independent'
    | 'owning-group-not-in-catalog'
    | 'role-holder-not-in-catalog'
    | 'independence-unknown';
  /** Ends a sentence starting with the connection's name. */
  message: string;
}

function heldBy(
  holders: readonly RoleHolder[] | undefined,
  by: string,
): RoleHolder | undefined {
  if (!holders) return undefined;
  for (let i = 0; i < holders.length; i++) {
    const ref = holders[i]?.ref;
    if (ref && (ref === by || ref.toLowerCase() === by)) return holders[i];
  }
  return undefined;
}

function holds(
  holders: readonly RoleHolder[] | undefined,
  by: string,
): boolean {
  return heldBy(holders, by) !== undefined;
}

/**
 * The ITSO is an organisation-wide role: a holder counts only when a Domain
 * declares it. One a System (or its Component) names for itself would let the
 * team approve its own connection as the ITSO.
 */
function domainDeclared(
  holders: readonly RoleHolder[] | undefined,
): RoleHolder[] {
  return (holders ?? []).filter(h => {
    const from = h?.source?.inherited ? h.source.from : undefined;
    if (!from) return false;
    try {
      return parseEntityRef(from).kind.toLocaleLowerCase('en-US') === 'domain';
    } catch {
      return false;
    }
  });
}

function holderList(holders: readonly RoleHolder[] | undefined): string {
  const refs = (holders ?? []).filter(h => h && h.ref).map(h => h.ref);
  return refs.length ? refs.join(', ') : 'none named';
}

/**
 * Checks that each recorded MoJ approval of a Code of Connection is by a
 * person who holds that role for the system: the Accreditor approval by its
 * Accreditor, the IAO approval by its IAO, the ITSO approval by a member of
 * the ITSO group or the ITSO declared on its Domain (never one the system
 * declares itself). `roles` are the system's (resolved) roles. With
 * `owning`, the Accreditor and IAO approvals must also be by someone outside
 * the groups that own the entity (see `independence.ts`). Missing approvals
 * are not reported here.
 *
 * @public
 */
export function codeOfConnectionApprovalProblems(
  approvals:
    | Pick<ConnectionApprovals, 'accreditor' | 'itso' | 'iao'>
    | undefined,
  roles: Partial<Record<RoleId, readonly RoleHolder[]>>,
  itsoGroupMembers?: readonly string[],
  owning?: { entityRef: string; groups: readonly OwningGroup[] | undefined },
): CodeOfConnectionApprovalProblem[] {
  const out: CodeOfConnectionApprovalProblem[] = [];
  if (!approvals) return out;
  // Who gave each approval that holds its role: one person counts once.
  const givenBy = new Map<string, string>();
  const separate = (
    approval: CodeOfConnectionApprovalProblem['approval'],
    by: string,
    title: string,
  ): boolean => {
    const earlier = givenBy.get(by);
    if (!earlier) {
      givenBy.set(by, title);
      return true;
    }
    out.push({
      approval,
      by,
      problem: 'not-separate',
      message: `the ${title} approval is by ${by}, who also gave the ${earlier} approval (the Accreditor, the ITSO and the IAO approve as three people)`,
    });
    return false;
  };
  for (const { approval, role } of CODE_OF_CONNECTION_APPROVER_ROLES) {
    const a = approvals[approval];
    if (!a || !a.by) continue;
    const by = a.by.toLowerCase();
    const title = ROLE_TITLES[role];
    const holder = heldBy(
      role === 'itso' ? domainDeclared(roles.itso) : roles[role],
      by,
    );
    if (holder?.missing) {
      out.push({
        approval,
        by,
        problem: 'role-holder-not-in-catalog',
        message: `the ${title} approval is by ${by}, who is not a User in the catalog`,
      });
      continue;
    }
    if (role === 'itso') {
      const itsos = domainDeclared(roles.itso);
      if (
        holds(itsos, by) ||
        itsoGroupMembers?.some(m => m === by || m.toLowerCase() === by)
      ) {
        separate(approval, by, title);
        continue;
      }
      out.push({
        approval,
        by,
        problem: 'not-role-holder',
        message: `the ITSO approval is by ${by}, who is neither a member of the ITSO group nor the ITSO declared on the Domain (${holderList(
          itsos,
        )})`,
      });
    } else if (!holds(roles[role], by)) {
      out.push({
        approval,
        by,
        problem: 'not-role-holder',
        message: `the ${title} approval is by ${by}, who is not the system\u2019s ${title} (${holderList(
          roles[role],
        )})`,
      });
    } else if (separate(approval, by, title) && owning) {
      const ind = independenceOf(by, owning.groups);
      if (ind.status === 'member')
        out.push({
          approval,
          by,
          problem: 'not-independent',
          message: `the ${title} approval is by ${notIndependentText(
            by,
            ind.group,
            owning.entityRef,
          )}`,
        });
      else if (ind.status === 'missing')
        out.push({
          approval,
          by,
          problem: 'owning-group-not-in-catalog',
          message: `the ${title} approval is by ${owningGroupMissingText(
            by,
            ind.group,
            owning.entityRef,
          )}`,
        });
      else if (ind.status === 'unknown')
        out.push({
          approval,
          by,
          problem: 'independence-unknown',
          message: `the ${title} approval by ${by} is not scored: ${independenceUnknownText(
            by,
            ind.group,
          )}`,
        });
    }
  }
  return out;
}
