import { withPortalRecords } from './portalRecords';
import type { SecurityProfile } from './types';

const profile = {
  entityRef: 'system:default/civil',
  attestations: [],
  exceptions: [],
} as unknown as SecurityProfile;

const attestation = (statementId: string, attestedBy: string, on: string) => ({
  statementId,
  attestedBy,
  attestedOn: on,
  validUntil: '2027-12-31',
  evidenceLink: `https://evidence/${attestedBy}/${on}`,
});

describe('withPortalRecords', () => {
  it('keeps the latest attestation per statement, and per person for personal statements', () => {
    const out = withPortalRecords(
      profile,
      {
        attestations: [
          attestation('POL.ITSEC.005', 'user:default/a', '2026-03-01'),
          attestation('POL.ITSEC.005', 'user:default/b', '2026-05-01'),
          attestation('POL.ITSEC.023', 'user:default/a', '2026-02-01'),
          attestation('POL.ITSEC.023', 'user:default/b', '2026-01-01'),
          attestation('POL.ITSEC.023', 'user:default/a', '2026-04-01'),
        ],
      },
      new Set(['POL.ITSEC.023']),
    );
    expect(
      out.attestations.map(
        a => `${a.statementId} ${a.attestedBy} ${a.attestedOn}`,
      ),
    ).toEqual([
      'POL.ITSEC.005 user:default/b 2026-05-01',
      'POL.ITSEC.023 user:default/a 2026-04-01',
      'POL.ITSEC.023 user:default/b 2026-01-01',
    ]);
    expect(profile.attestations).toEqual([]);
  });

  it('leaves rejected and revoked exceptions out and records who approved', () => {
    const base = {
      statementId: 'POL.ITSEC.043',
      expiresOn: '2027-01-01',
      justification: 'Supplier change in flight',
    };
    const out = withPortalRecords(
      profile,
      {
        exceptions: [
          { ...base, id: 'e1', state: 'requested' },
          { ...base, id: 'e2', state: 'rejected' },
          { ...base, id: 'e3', state: 'revoked' },
          {
            ...base,
            id: 'e4',
            state: 'approved',
            decidedBy: 'user:default/siro',
            decidedAt: '2026-06-02T10:00:00.000Z',
          },
        ],
      },
      new Set(),
    );
    expect(out.exceptions).toEqual([
      { ...base, id: 'e1', status: 'requested' },
      {
        ...base,
        id: 'e4',
        status: 'approved',
        approvedBy: 'user:default/siro',
        approvedOn: '2026-06-02',
      },
    ]);
  });
});
