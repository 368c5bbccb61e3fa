import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ROLE_TITLES } from '@internal/plugin-itsec-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { itsecApiRef, MyRelation } from '../../api';
import { AsyncContent, useEntitySecurityLink } from '../common';

function relationText(relations: MyRelation[]): string {
  return relations
    .map(r => (r === 'owner' ? 'my team owns it' : ROLE_TITLES[r]))
    .join(', ');
}

/**
 * "My scorecards": the entities the signed-in user's groups own or on which
 * they hold a security role, worst first, with score, gaps and what falls
 * due next.
 */
export function MyScorecardsCard() {
  const api = useApi(itsecApiRef);
  const securityLink = useEntitySecurityLink();
  const state = useAsyncRetry(() => api.getMyScorecards(), [api]);
  return (
    <InfoCard
      title="My scorecards"
      subheader="Owned by my teams or where I hold a security role, worst first"
    >
      <AsyncContent state={state} errorTitle="Could not load your scorecards">
        {({ items }) =>
          items.length === 0 ? (
            <Typography variant="body2">
              None of your teams owns a scored entity and you hold no security
              role.
            </Typography>
          ) : (
            <Table size="small" aria-label="My scorecards">
              <TableHead>
                <TableRow>
                  <TableCell>Entity</TableCell>
                  <TableCell align="right">Score</TableCell>
                  <TableCell align="right">Gaps</TableCell>
                  <TableCell>Falls due next</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(item => (
                  <TableRow key={item.entityRef}>
                    <TableCell>
                      <Link to={securityLink(item.entityRef)}>
                        {item.title ?? item.entityRef}
                      </Link>
                      <Typography
                        variant="caption"
                        display="block"
                        color="textSecondary"
                      >
                        {item.kind} · {relationText(item.relations)}
                      </Typography>
                    </TableCell>
                    <TableCell align="right">
                      {item.score === null
                        ? 'not scored'
                        : `${item.score} / 100`}
                    </TableCell>
                    <TableCell align="right">
                      {item.gaps > 0 && item.firstGap ? (
                        <Link
                          to={`${securityLink(item.entityRef)}#${
                            item.firstGap.statementId
                          }`}
                          aria-label={`${item.gaps} ${
                            item.gaps === 1 ? 'gap' : 'gaps'
                          } on ${item.title ?? item.entityRef}, first: ${
                            item.firstGap.statementId
                          }`}
                        >
                          {item.gaps} {item.gaps === 1 ? 'gap' : 'gaps'}
                        </Link>
                      ) : (
                        'no gaps'
                      )}
                    </TableCell>
                    <TableCell>
                      {item.nextDue
                        ? `${item.nextDue.date}: ${item.nextDue.statementId} ${item.nextDue.title}`
                        : 'nothing dated'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        }
      </AsyncContent>
    </InfoCard>
  );
}
