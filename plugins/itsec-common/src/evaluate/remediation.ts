import { CONDITION_ANNOTATION_BY_FLAG } from '../annotations/conditionSpecs';
import { ROLE_ANNOTATIONS } from '../annotations/roleSpecs';
import { ROLE_IDS, ROLE_TITLES, RoleId } from '../profile/types';
import type { CheckReason } from './checks/types';
import type { CompiledStatement } from './compile';
import { CLASSIFICATION_MISSING } from './sharedReasons';
import type { Remediation } from './types';

/** The hint for evidence dated after the evaluation date. */
export const FUTURE_DATE_HINT =
  'Record the date on which it actually happened (YYYY-MM-DD, not later than today): a date in the future is not evidence. If it has not happened yet, remove the date until it has';

function roleOf(reason: string): RoleId | undefined {
  if (!reason.endsWith('-missing')) return undefined;
  const role = reason.slice(0, -'-missing'.length) as RoleId;
  return ROLE_IDS.includes(role) ? role : undefined;
}

function fromReason(cs: CompiledStatement, r: CheckReason): Remediation {
  const hint =
    typeof r.hint === 'function' ? r.hint(cs.statement, cs.policy) : r.hint!;
  const out: { attestation?: boolean; annotation?: string; hint: string } =
    {} as any;
  if (r.attestation) out.attestation = true;
  if (r.annotation) out.annotation = r.annotation;
  out.hint = hint;
  return Object.freeze(out);
}

/**
 * Builds the remediation for a statement and its first reason code: the
 * engine's own codes here, a check's codes from its module.
 */
export function buildRemediation(
  cs: CompiledStatement,
  reason: string,
): Remediation {
  const role = roleOf(reason);
  if (role) {
    return Object.freeze({
      annotation: ROLE_ANNOTATIONS[`role-${role}`].name,
      hint: `Name the ${ROLE_TITLES[role]} (a catalog User ref) on this entity, or on its System or Domain to inherit it`,
    });
  }
  if (reason === 'applicability-unknown' && cs.condition) {
    const flag = cs.condition.anyNames[0] ?? cs.condition.allNames[0];
    if (flag) {
      return Object.freeze({
        annotation: CONDITION_ANNOTATION_BY_FLAG.get(flag)?.name,
        hint: `Record whether ${cs.condition.text} (true or false)`,
      });
    }
  }
  if (reason === 'evidence-future-dated') {
    const future = cs.def?.futureDated;
    const hint = future?.hint
      ? `${FUTURE_DATE_HINT} ${future.hint}`
      : FUTURE_DATE_HINT;
    if (future?.annotation)
      return Object.freeze({ annotation: future.annotation, hint });
    return Object.freeze(
      cs.kind === 'attestation' ? { attestation: true, hint } : { hint },
    );
  }
  if (reason === 'classification-missing')
    return fromReason(cs, CLASSIFICATION_MISSING);
  const own = cs.def?.reasons[reason];
  if (own?.hint) return fromReason(cs, own);
  if (cs.kind === 'attestation') {
    return Object.freeze({
      attestation: true,
      hint: `Record an attestation for ${cs.id} with an evidence link: ${
        cs.statement.evidence ?? cs.statement.title
      }`,
    });
  }
  return Object.freeze({ hint: cs.statement.evidence ?? cs.statement.title });
}
