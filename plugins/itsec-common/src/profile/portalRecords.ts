import type { AttestationRecord, ExceptionRecord } from '../api/types';
import type { SecurityProfile } from './types';

/** The fields of a portal attestation that reach a profile. @public */
export type PortalAttestation = Pick<
  AttestationRecord,
  'statementId' | 'attestedBy' | 'attestedOn' | 'validUntil' | 'evidenceLink'
>;

/** The fields of a portal exception that reach a profile. @public */
export type PortalException = Pick<
  ExceptionRecord,
  | 'id'
  | 'statementId'
  | 'state'
  | 'expiresOn'
  | 'justification'
  | 'decidedBy'
  | 'decidedAt'
>;

/**
 * Adds the attestations and exceptions recorded in the portal for an entity
 * to its own profile (before inheritance), the one way the portal and
 * `itsec evaluate --portal` both do it: the latest attestation per statement
 * counts — per statement and person for `personalStatements` (role
 * acknowledgements, see `personalAttestationStatements`) — and rejected or
 * revoked exceptions do not. Returns a new profile.
 *
 * @public
 */
export function withPortalRecords(
  profile: SecurityProfile,
  records: {
    attestations?: readonly PortalAttestation[];
    exceptions?: readonly PortalException[];
  },
  personalStatements: ReadonlySet<string>,
): SecurityProfile {
  const latest = new Map<string, PortalAttestation>();
  for (const a of records.attestations ?? []) {
    const key = personalStatements.has(a.statementId)
      ? `${a.statementId}\n${a.attestedBy}`
      : a.statementId;
    const seen = latest.get(key);
    if (!seen || seen.attestedOn < a.attestedOn) latest.set(key, a);
  }
  const attestations = [...(profile.attestations ?? [])];
  for (const a of latest.values()) {
    attestations.push({
      statementId: a.statementId,
      attestedBy: a.attestedBy,
      attestedOn: a.attestedOn,
      validUntil: a.validUntil,
      evidenceLink: a.evidenceLink,
    });
  }
  const exceptions = [...(profile.exceptions ?? [])];
  for (const e of records.exceptions ?? []) {
    if (e.state === 'rejected' || e.state === 'revoked') continue;
    exceptions.push({
      id: e.id,
      statementId: e.statementId,
      status: e.state,
      expiresOn: e.expiresOn,
      justification: e.justification,
      ...(e.state === 'approved' && e.decidedBy
        ? { approvedBy: e.decidedBy, approvedOn: e.decidedAt?.slice(0, 10) }
        : {}),
    });
  }
  return { ...profile, attestations, exceptions };
}
