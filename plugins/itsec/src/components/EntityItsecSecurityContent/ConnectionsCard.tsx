import type { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  CodeOfConnection,
  SecurityProfile,
} from '@internal/plugin-itsec-common';
import { InheritedFrom, looksLikeEntityRef } from './Evidence';

const CATEGORY: Record<string, string> = {
  'moj-domain': 'Other MoJ domain',
  'government-department': 'Other government department',
  'third-party': 'Third party',
};

const DIRECTION: Record<string, string> = {
  in: 'inbound',
  out: 'outbound',
  both: 'both ways',
};

/** Direction, highest classification and whether personal data crosses it. */
function dataShared(c: CodeOfConnection): string {
  const parts: string[] = [];
  if (c.direction) parts.push(DIRECTION[c.direction] ?? c.direction);
  if (c.classification) parts.push(c.classification);
  if (c.personalData !== undefined)
    parts.push(c.personalData ? 'personal data' : 'no personal data');
  return parts.length > 0 ? parts.join(', ') : '—';
}

const APPROVERS = [
  ['accreditor', 'Accreditor'],
  ['itso', 'ITSO'],
  ['iao', 'IAO'],
] as const;

/** Who signed the agreement off, and whose sign-off is missing. */
function approvalsText(c: CodeOfConnection): string {
  const missing = APPROVERS.filter(([key]) => !c.approvals?.[key]).map(
    ([, title]) => title,
  );
  if (missing.length === 0) return 'Accreditor, ITSO, IAO';
  if (missing.length === APPROVERS.length) return 'none recorded';
  return `missing ${missing.join(', ')}`;
}

function Caption(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" display="block">
      {props.children}
    </Typography>
  );
}

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
              <TableCell>Data shared</TableCell>
              <TableCell>Status</TableCell>
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
                    <Caption>
                      {c.category ? CATEGORY[c.category] ?? c.category : ''}
                    </Caption>
                  </TableCell>
                  <TableCell>
                    {dataShared(c)}
                    <Caption>Approvals: {approvalsText(c)}</Caption>
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {c.status}
                    <Caption>Agreed: {c.agreedDate ?? '—'}</Caption>
                    <Caption>
                      Review due: {c.reviewDue ?? '—'}
                      {overdue ? ' (overdue)' : ''}
                    </Caption>
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
