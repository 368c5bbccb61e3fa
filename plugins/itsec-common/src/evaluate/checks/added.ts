/*
 * Checks added at runtime (the itsec backend's extension point): a policy
 * parsed with them binds each of its statements that uses one to that
 * check, so checkOf() finds it without a registry anyone could change later.
 */
import type { PolicyStatement } from '../../policy/types';
import type { CheckDefinition } from './types';

const boundChecks = new WeakMap<PolicyStatement, CheckDefinition>();

/** Binds a parsed statement to the added check it uses. */
export function bindAddedCheck(
  statement: PolicyStatement,
  check: CheckDefinition,
): void {
  boundChecks.set(statement, check);
}

/** The added check a parsed statement was bound to, if any. */
export function addedCheckOf(
  statement: Pick<PolicyStatement, 'kind' | 'check'>,
): CheckDefinition | undefined {
  return boundChecks.get(statement as PolicyStatement);
}
