import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { SecurityProfile } from '@internal/plugin-itsec-common';
import { InheritedFrom, looksLikeEntityRef } from './Evidence';

const CATEGORY: Record<string, string> = {
  'moj-domain': 'Other MoJ domain',
  'government-department': 'Other government department',
  'third-party': 'Third party',
};

function RefOrText(props: { value: string }) {
  return looksLikeEntityRef(props.value) ? (
    <EntityRefLink entityRef={props.value} />
  ) : (
    <>{props.value}</>
  );
}

/** Codes of Connection (POL.ITSEC.028) with their counterparties and review dates. */
export function ConnectionsCard(props: {
  profile: SecurityProfile;
  asOf?: string;
}) {
  const connections = props.profile.codesOfConnection;
  return (
    <InfoCard title="Codes of Connection" subheader="POL.ITSEC.028">
      {connections.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No Codes of Connection recorded for this entity.
        </Typography>
      ) : (
        <Table size="small" aria-label="Codes of Connection">
          <TableHead>
            <TableRow>
              <TableCell>Agreement</TableCell>
              <TableCell>Counterparty</TableCell>
              <TableCell>Category</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Agreed</TableCell>
              <TableCell>Review due</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {connections.map(c => {
              const overdue = !!(
                c.reviewDue &&
                props.asOf &&
                c.reviewDue < props.asOf
              );
              return (
                <TableRow key={`${c.ref}-${c.counterparty}`}>
                  <TableCell>
                    <RefOrText value={c.ref} />
                    <InheritedFrom source={c.source} />
                  </TableCell>
                  <TableCell>
                    <RefOrText value={c.counterparty} />
                  </TableCell>
                  <TableCell>
                    {c.category ? CATEGORY[c.category] ?? c.category : '—'}
                  </TableCell>
                  <TableCell>{c.status}</TableCell>
                  <TableCell>{c.agreedDate ?? '—'}</TableCell>
                  <TableCell>
                    {c.reviewDue ?? '—'}
                    {overdue ? ' (overdue)' : ''}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
