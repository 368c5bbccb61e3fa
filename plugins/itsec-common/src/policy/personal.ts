import { roleAcknowledgementStatements } from '../evaluate/checks';
import type { PolicyCatalogue } from './types';

/**
 * Ids of the statements every person concerned attests for themselves (their
 * check `acknowledgesRoles`): each holder's own attestation counts, so
 * attestations for them are kept and inherited per person, not per statement.
 *
 * @public
 */
export function personalAttestationStatements(
  catalogue: PolicyCatalogue,
): ReadonlySet<string> {
  return new Set(roleAcknowledgementStatements(catalogue).map(s => s.id));
}
