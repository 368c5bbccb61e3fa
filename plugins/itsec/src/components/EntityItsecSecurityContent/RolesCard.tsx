import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  Attestation,
  ROLE_IDS,
  ROLE_TITLES,
  RoleId,
  SecurityProfile,
} from '@internal/plugin-itsec-common';
import { InheritedFrom } from './Evidence';

/** Error text dark enough for 4.5:1 on white and the table's stripes. */
const errorText = (theme: Theme) => theme.palette.error.dark;

const MANDATORY = new Set([
  'business-siro',
  'iao',
  'system-manager',
  'service-provider',
]);

/** Organisation-wide roles are acknowledged once for the organisation, not per system. */
const ORGANISATION_WIDE: ReadonlySet<RoleId> = new Set(['moj-siro', 'itso']);

/** Each person's latest role acknowledgement among the profile's attestations. */
function latestAcknowledgements(
  profile: SecurityProfile,
  statements: ReadonlySet<string>,
): Map<string, Attestation> {
  const out = new Map<string, Attestation>();
  for (const a of profile.attestations) {
    if (!statements.has(a.statementId)) continue;
    const seen = out.get(a.attestedBy);
    if (!seen || seen.attestedOn < a.attestedOn) out.set(a.attestedBy, a);
  }
  return out;
}

function Acknowledgement(props: { acknowledgement?: Attestation }) {
  const theme = useTheme();
  const a = props.acknowledgement;
  if (!a) {
    return (
      <Typography
        variant="caption"
        display="block"
        style={{ color: errorText(theme) }}
      >
        Role not acknowledged
      </Typography>
    );
  }
  return (
    <Typography variant="caption" color="textSecondary" display="block">
      Acknowledged {a.attestedOn}
      {a.origin === 'catalog' ? ' (declared in catalog-info.yaml)' : ''}
    </Typography>
  );
}

/**
 * Who holds each security role (POL.ITSEC.022), linking to their User pages,
 * and whether each has acknowledged it (the statements in
 * `acknowledgementStatements`, POL.ITSEC.023).
 */
export function RolesCard(props: {
  profile: SecurityProfile;
  acknowledgementStatements?: ReadonlySet<string>;
}) {
  const theme = useTheme();
  const { roles } = props.profile;
  const statements = props.acknowledgementStatements;
  const acknowledged = statements
    ? latestAcknowledgements(props.profile, statements)
    : undefined;
  return (
    <InfoCard title="Security roles" subheader="POL.ITSEC.022">
      <Table size="small" aria-label="Security roles">
        <TableHead>
          <TableRow>
            <TableCell>Role</TableCell>
            <TableCell>Held by</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ROLE_IDS.map(role => {
            const holders = roles[role] ?? [];
            if (holders.length === 0 && !MANDATORY.has(role)) return null;
            return (
              <TableRow key={role}>
                <TableCell>{ROLE_TITLES[role]}</TableCell>
                <TableCell>
                  {holders.length === 0 ? (
                    <Typography
                      variant="body2"
                      style={{ color: errorText(theme) }}
                    >
                      Nobody named (a gap)
                    </Typography>
                  ) : (
                    holders.map(h => (
                      <div key={h.ref}>
                        <EntityRefLink entityRef={h.ref} defaultKind="user" />
                        {h.organisation ? ` (${h.organisation})` : ''}
                        <InheritedFrom source={h.source} />
                        {acknowledged && !ORGANISATION_WIDE.has(role) && (
                          <Acknowledgement
                            acknowledgement={acknowledged.get(h.ref)}
                          />
                        )}
                      </div>
                    ))
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
