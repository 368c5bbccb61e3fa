import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ROLE_IDS,
  ROLE_TITLES,
  SecurityProfile,
} from '@internal/plugin-itsec-common';
import { InheritedFrom } from './Evidence';

const MANDATORY = new Set([
  'business-siro',
  'iao',
  'system-manager',
  'service-provider',
]);

/** Who holds each security role (POL.ITSEC.022), linking to their User pages. */
export function RolesCard(props: { profile: SecurityProfile }) {
  const { roles } = props.profile;
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
                    <Typography variant="body2" color="error">
                      Nobody named (a gap)
                    </Typography>
                  ) : (
                    holders.map(h => (
                      <div key={h.ref}>
                        <EntityRefLink entityRef={h.ref} defaultKind="user" />
                        {h.organisation ? ` (${h.organisation})` : ''}
                        <InheritedFrom source={h.source} />
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
