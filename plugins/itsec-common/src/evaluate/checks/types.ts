import type { ItsecAnnotationSpec } from '../../annotations/annotationSpec';
import type { PolicyCatalogue, PolicyStatement } from '../../policy/types';
import type { RoleId } from '../../profile/types';
import type { CompiledStatement } from '../compile';
import { Ctx, rc } from '../context';
import type { StatementResult } from '../types';

/**
 * One reason code a check can give: what it means and how to fix it.
 *
 * @public
 */
export interface CheckReason {
  /** What the code means, in one line. */
  message: string;
  /** How to fix it (gap and due-soon codes); built from the statement when it names it. */
  hint?:
    | string
    | ((statement: PolicyStatement, policy: PolicyCatalogue) => string);
  /** The annotation that fixes it. */
  annotation?: string;
  /** Fixed by recording an attestation in the portal. */
  attestation?: boolean;
}

/** The statement kinds that run a check. @public */
export type CheckKind = 'record' | 'attestation' | 'organisation';

/**
 * Everything about one built-in check. A policy statement names its check by
 * `id`; the registry (`evaluate/checks/index.ts`) derives the check ids, the
 * per-kind lists, the remediation table and the annotation table from these.
 *
 * @public
 */
export interface CheckDefinition<
  Id extends string = string,
  Code extends string = string,
> {
  id: Id;
  /** The statement kind that may use it. */
  kind: CheckKind;
  /** One line: what it checks. */
  description: string;
  /** The annotations it reads: their spec rows (declared in the module that owns them). */
  annotations: readonly ItsecAnnotationSpec[];
  /** The SecurityProfile fields it reads, e.g. 'records.bia'. */
  profileFields: readonly string[];
  /** Every reason code of its own it can give. */
  reasons: Readonly<Record<Code, CheckReason>>;
  /** Where a future-dated piece of its evidence is fixed (reason `evidence-future-dated`); `hint` is added to the general hint. */
  futureDated?: { annotation?: string; hint?: string };
  /**
   * Roles notified (besides the owner group) when a statement using it falls
   * due or lapses; from the statement when a function. Unset: the default roles.
   */
  notify?:
    | readonly RoleId[]
    | ((statement: PolicyStatement) => readonly RoleId[] | undefined);
  /** Each role holder attests for themselves (role acknowledgements). */
  acknowledgesRoles?: boolean;
  /**
   * The check: the statement's result for the entity in `ctx`, built with
   * `result`/`gap` of `evaluate/context.ts` (exported as `checkResult` and
   * `checkGap`) so that gaps carry their remediation.
   */
  run: (ctx: Ctx, cs: CompiledStatement) => StatementResult;
}

/** The interned one-code reason array of each of a check's codes. @public */
export type ReasonArrays<Code extends string> = {
  readonly [K in Code]: readonly [K];
};

/** Interned, frozen one-code reason arrays, so results share them. @public */
export function reasonArrays<Code extends string>(
  reasons: Readonly<Record<Code, CheckReason>>,
): ReasonArrays<Code> {
  const out: Record<string, readonly string[]> = {};
  for (const code of Object.keys(reasons)) out[code] = rc(code);
  return Object.freeze(out) as unknown as ReasonArrays<Code>;
}

/** Declares a check (typed, frozen). @public */
export function defineCheck<Id extends string, Code extends string>(
  def: CheckDefinition<Id, Code>,
): CheckDefinition<Id, Code> {
  return Object.freeze(def);
}
