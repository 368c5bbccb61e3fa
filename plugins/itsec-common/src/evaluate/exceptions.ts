import { toDayNumber } from '../dates';
import type { PolicyException } from '../profile/types';
import type { CompiledStatement } from './compile';
import { Ctx, ev, remediationFor, src } from './context';
import type { StatementResult } from './types';

/**
 * A gap covered by an approved, unexpired exception becomes `excepted`; an
 * expired or merely requested exception is noted on the gap.
 */
export function applyException(
  ctx: Ctx,
  cs: CompiledStatement,
  res: StatementResult,
): StatementResult {
  const list = ctx.exceptions;
  let approved: PolicyException | undefined;
  let approvedDay = -Infinity;
  let expired: PolicyException | undefined;
  let requested: PolicyException | undefined;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.statementId !== cs.id) continue;
    const exp = toDayNumber(e.expiresOn);
    if (e.status === 'approved') {
      if (!Number.isNaN(exp) && exp >= ctx.asOf) {
        if (exp > approvedDay) {
          approved = e;
          approvedDay = exp;
        }
      } else expired = e;
    } else if (e.status === 'expired') expired = e;
    else if (e.status === 'requested') requested = e;
  }
  if (approved) {
    const name = approved.id ? `Exception ${approved.id}` : 'Exception';
    if (approvedDay < ctx.nextDue) ctx.nextDue = approvedDay;
    return {
      ...res,
      status: 'excepted',
      reasons: [
        ...res.reasons,
        approvedDay <= ctx.soon ? 'exception-expiring' : 'exception-approved',
      ],
      message: `${name} approved${
        approved.approvedBy ? ` by ${approved.approvedBy}` : ''
      } until ${approved.expiresOn}; ${res.message}`,
      evidence: [
        ...res.evidence,
        ev('exception', name, approved.expiresOn, undefined, src(approved)),
      ],
      due: approved.expiresOn,
      remediation: res.remediation ?? remediationFor(cs, res.reasons[0]),
    };
  }
  if (expired) {
    return {
      ...res,
      reasons: [...res.reasons, 'exception-expired'],
      message: `${res.message}; exception${
        expired.id ? ` ${expired.id}` : ''
      } expired on ${expired.expiresOn}`,
    };
  }
  if (requested) {
    return {
      ...res,
      reasons: [...res.reasons, 'exception-requested'],
      message: `${res.message}; exception${
        requested.id ? ` ${requested.id}` : ''
      } requested, not yet approved`,
    };
  }
  return res;
}
