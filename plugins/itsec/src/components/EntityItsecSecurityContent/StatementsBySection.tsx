import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  acknowledgesRoles,
  type PolicyCatalogue,
  type PolicyStatement,
  type StatementResult,
} from '@internal/plugin-itsec-common';
import {
  Allowed,
  AnnotationSnippet,
  DENIED_REASONS,
  PermissionedButton,
  StatusLabel,
} from '../common';
import { EvidenceList } from './Evidence';

const useStyles = makeStyles(theme => ({
  section: { marginBottom: theme.spacing(2) },
  statementCell: { minWidth: 200, maxWidth: 280, verticalAlign: 'top' },
  cell: { verticalAlign: 'top' },
  fixCell: { minWidth: 260, maxWidth: 420, verticalAlign: 'top' },
}));

export interface StatementActions {
  canAttest: Allowed;
  canAcknowledgeRole: Allowed;
  canRequestException: Allowed;
  onAttest: (statementId: string) => void;
  onRequestException: (statementId: string) => void;
}

function Fix(props: {
  statement?: PolicyStatement;
  result: StatementResult;
  actions: StatementActions;
}) {
  const { statement, result, actions } = props;
  const { remediation, status } = result;
  const isAttestation = result.kind === 'attestation';
  // Only the role holder's own acknowledgement counts.
  const acknowledgesRole = !!statement && acknowledgesRoles(statement);
  const scoredOpen = status === 'gap' || status === 'due-soon';
  const offerAttest =
    isAttestation && ['gap', 'due-soon', 'met', 'excepted'].includes(status);
  const offerException = status === 'gap';
  return (
    <Box>
      {remediation && (
        <Typography variant="body2" gutterBottom={!!remediation.annotation}>
          {remediation.hint}
        </Typography>
      )}
      {scoredOpen && remediation?.annotation && (
        <AnnotationSnippet annotation={remediation.annotation} />
      )}
      {status === 'not-scored' &&
        statement?.guidance &&
        statement.guidance !== result.message && (
          <Typography variant="body2" color="textSecondary">
            {statement.guidance}
          </Typography>
        )}
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mt={0.5}>
        {offerAttest && (
          <PermissionedButton
            size="small"
            variant={
              remediation?.attestation || status === 'gap'
                ? 'contained'
                : 'outlined'
            }
            color="primary"
            permission={
              acknowledgesRole ? actions.canAcknowledgeRole : actions.canAttest
            }
            deniedReason={
              acknowledgesRole
                ? DENIED_REASONS.acknowledgeRole
                : DENIED_REASONS.attest
            }
            onClick={() => actions.onAttest(result.statementId)}
            aria-label={
              acknowledgesRole
                ? `Acknowledge my role for ${result.statementId}`
                : `Attest ${result.statementId}`
            }
          >
            {acknowledgesRole ? 'Acknowledge my role' : 'Attest'}
          </PermissionedButton>
        )}
        {offerException && (
          <PermissionedButton
            size="small"
            variant="outlined"
            permission={actions.canRequestException}
            deniedReason={DENIED_REASONS.requestException}
            onClick={() => actions.onRequestException(result.statementId)}
            aria-label={`Request an exception for ${result.statementId}`}
          >
            Request exception
          </PermissionedButton>
        )}
      </Box>
    </Box>
  );
}

/** Every applicable statement, grouped by policy section. */
export function StatementsBySection(props: {
  policy: PolicyCatalogue;
  results: StatementResult[];
  actions: StatementActions;
}) {
  const { policy, results, actions } = props;
  const classes = useStyles();
  const byId = new Map(policy.statements.map(s => [s.id, s]));
  const bySection = new Map<string, StatementResult[]>();
  for (const result of results) {
    const section = byId.get(result.statementId)?.section ?? 'other';
    const list = bySection.get(section) ?? [];
    list.push(result);
    bySection.set(section, list);
  }
  const sections = [
    ...policy.sections,
    ...(bySection.has('other')
      ? [{ id: 'other', title: 'Other statements' }]
      : []),
  ].filter(s => bySection.has(s.id));

  if (sections.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No statements to show.
      </Typography>
    );
  }

  return (
    <>
      {sections.map(section => (
        <div className={classes.section} key={section.id}>
          <InfoCard title={section.title} noPadding>
            <Table size="small" aria-label={section.title}>
              <TableHead>
                <TableRow>
                  <TableCell>Statement</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Reason</TableCell>
                  <TableCell>Evidence</TableCell>
                  <TableCell>Due</TableCell>
                  <TableCell>Fix</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {bySection.get(section.id)!.map(result => {
                  const statement = byId.get(result.statementId);
                  return (
                    <TableRow
                      key={result.statementId}
                      data-testid={`statement-${result.statementId}`}
                    >
                      <TableCell className={classes.statementCell}>
                        <Typography variant="body2" style={{ fontWeight: 500 }}>
                          {result.statementId}
                        </Typography>
                        <Typography variant="body2">
                          {statement?.title ?? ''}
                        </Typography>
                        <Typography variant="caption" color="textSecondary">
                          {result.kind}
                          {result.severity ? ` · ${result.severity}` : ''}
                        </Typography>
                      </TableCell>
                      <TableCell className={classes.cell}>
                        <StatusLabel status={result.status} />
                      </TableCell>
                      <TableCell className={classes.cell}>
                        <Typography variant="body2">
                          {result.message}
                        </Typography>
                      </TableCell>
                      <TableCell className={classes.cell}>
                        <EvidenceList evidence={result.evidence} />
                      </TableCell>
                      <TableCell className={classes.cell}>
                        <Typography
                          variant="body2"
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {result.due ?? '—'}
                        </Typography>
                      </TableCell>
                      <TableCell className={classes.fixCell}>
                        <Fix
                          statement={statement}
                          result={result}
                          actions={actions}
                        />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </InfoCard>
        </div>
      ))}
    </>
  );
}
