import type { PolicyCatalogue } from './types';

/**
 * Ids of the statements every person concerned attests for themselves (the
 * `role-acknowledgement` check): each holder's own attestation counts, so
 * attestations for them are kept and inherited per person, not per statement.
 *
 * @public
 */
export function personalAttestationStatements(
  catalogue: PolicyCatalogue,
): ReadonlySet<string> {
  return new Set(
    catalogue.statements
      .filter(s => s.check === 'role-acknowledgement')
      .map(s => s.id),
  );
}
