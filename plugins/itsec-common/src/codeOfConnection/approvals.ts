import { ROLE_TITLES } from '../profile/types';
import type { ConnectionApprovals, RoleHolder, RoleId } from '../profile/types';

/** The MoJ approvals of a Code of Connection and the role each must hold. @public */
export const CODE_OF_CONNECTION_APPROVER_ROLES: ReadonlyArray<{
  approval: 'accreditor' | 'iao' | 'itso';
  role: RoleId;
}> = Object.freeze([
  { approval: 'accreditor', role: 'accreditor' },
  { approval: 'itso', role: 'itso' },
  { approval: 'iao', role: 'iao' },
] as const);

/** An approval of a Code of Connection by someone who does not hold the role. @public */
export interface CodeOfConnectionApprovalProblem {
  approval: 'accreditor' | 'iao' | 'itso';
  /** Who approved (lowercase user ref). */
  by: string;
  /** Ends a sentence starting with the connection's name. */
  message: string;
}

function holds(
  holders: readonly RoleHolder[] | undefined,
  by: string,
): boolean {
  if (!holders) return false;
  for (let i = 0; i < holders.length; i++) {
    const ref = holders[i]?.ref;
    if (ref && (ref === by || ref.toLowerCase() === by)) return true;
  }
  return false;
}

function holderList(holders: readonly RoleHolder[] | undefined): string {
  const refs = (holders ?? []).filter(h => h && h.ref).map(h => h.ref);
  return refs.length ? refs.join(', ') : 'none named';
}

/**
 * Checks that each recorded MoJ approval of a Code of Connection is by a
 * person who holds that role for the system: the Accreditor approval by its
 * Accreditor, the IAO approval by its IAO, the ITSO approval by a member of
 * the ITSO group or its declared ITSO. `roles` are the system's (resolved)
 * roles. Missing approvals are not reported here.
 *
 * @public
 */
export function codeOfConnectionApprovalProblems(
  approvals:
    | Pick<ConnectionApprovals, 'accreditor' | 'itso' | 'iao'>
    | undefined,
  roles: Partial<Record<RoleId, readonly RoleHolder[]>>,
  itsoGroupMembers?: readonly string[],
): CodeOfConnectionApprovalProblem[] {
  const out: CodeOfConnectionApprovalProblem[] = [];
  if (!approvals) return out;
  for (const { approval, role } of CODE_OF_CONNECTION_APPROVER_ROLES) {
    const a = approvals[approval];
    if (!a || !a.by) continue;
    const by = a.by.toLowerCase();
    if (holds(roles[role], by)) continue;
    const title = ROLE_TITLES[role];
    if (role === 'itso') {
      if (itsoGroupMembers?.some(m => m === by || m.toLowerCase() === by))
        continue;
      out.push({
        approval,
        by,
        message: `the ITSO approval is by ${by}, who is neither a member of the ITSO group nor the declared ITSO (${holderList(
          roles[role],
        )})`,
      });
    } else {
      out.push({
        approval,
        by,
        message: `the ${title} approval is by ${by}, who is not the system\u2019s ${title} (${holderList(
          roles[role],
        )})`,
      });
    }
  }
  return out;
}
