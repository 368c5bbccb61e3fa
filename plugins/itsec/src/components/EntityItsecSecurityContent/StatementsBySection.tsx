import { InfoCard } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
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
  STATUS_LABELS,
  STATUS_ORDER,
  StatusLabel,
} from '../common';
import { EvidenceList } from './Evidence';
import { CloseGapsLink } from './CloseGapsLink';

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
      {scoredOpen && remediation?.annotation && (
        <CloseGapsLink
          statementId={result.statementId}
          annotation={remediation.annotation}
        />
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
            aria-label={`Request exception for ${result.statementId}`}
          >
            Request exception
          </PermissionedButton>
        )}
      </Box>
    </Box>
  );
}

/** One table of statement results: statement, status, reason, evidence, due and fix. */
export function StatementsTable(props: {
  policy: PolicyCatalogue;
  results: StatementResult[];
  actions: StatementActions;
  label: string;
}) {
  const { policy, results, actions, label } = props;
  const classes = useStyles();
  const byId = new Map(policy.statements.map(s => [s.id, s]));
  return (
    <Table size="small" aria-label={label}>
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
        {results.map(result => {
          const statement = byId.get(result.statementId);
          return (
            <TableRow
              key={result.statementId}
              id={result.statementId}
              tabIndex={-1}
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
                <Typography variant="body2">{result.message}</Typography>
              </TableCell>
              <TableCell className={classes.cell}>
                <EvidenceList evidence={result.evidence} />
              </TableCell>
              <TableCell className={classes.cell}>
                <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
                  {result.due ?? '—'}
                </Typography>
              </TableCell>
              <TableCell className={classes.fixCell}>
                <Fix statement={statement} result={result} actions={actions} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Results grouped by policy section, in the catalogue's section order. */
function groupBySection(policy: PolicyCatalogue, results: StatementResult[]) {
  const byId = new Map(policy.statements.map(s => [s.id, s]));
  const bySection = new Map<string, StatementResult[]>();
  for (const result of results) {
    const section = byId.get(result.statementId)?.section ?? 'other';
    const list = bySection.get(section) ?? [];
    list.push(result);
    bySection.set(section, list);
  }
  return [
    ...policy.sections,
    ...(bySection.has('other')
      ? [{ id: 'other', title: 'Other statements' }]
      : []),
  ]
    .filter(s => bySection.has(s.id))
    .map(s => ({ id: s.id, title: s.title, results: bySection.get(s.id)! }));
}

/** Whether a result is something to do now: a gap, or evidence falling due. */
export function needsDoing(result: StatementResult): boolean {
  return result.status === 'gap' || result.status === 'due-soon';
}

/**
 * What needs doing, first: the gaps (most severe first) and then what falls
 * due soonest, each with its fix.
 */
export function NeedsDoing(props: {
  policy: PolicyCatalogue;
  results: StatementResult[];
  actions: StatementActions;
}) {
  const { policy, actions } = props;
  const rank = { critical: 0, high: 1, medium: 2, low: 3 } as Record<
    string,
    number
  >;
  const todo = props.results.filter(needsDoing).sort((a, b) => {
    if (a.status !== b.status) return a.status === 'gap' ? -1 : 1;
    if (a.status === 'gap') {
      return (rank[a.severity ?? ''] ?? 4) - (rank[b.severity ?? ''] ?? 4);
    }
    return (a.due ?? '').localeCompare(b.due ?? '');
  });
  const gaps = todo.filter(r => r.status === 'gap').length;
  return (
    <InfoCard
      title={`What needs doing (${todo.length})`}
      subheader={`${gaps} ${gaps === 1 ? 'gap' : 'gaps'} and ${
        todo.length - gaps
      } due soon, with their fix`}
      noPadding
    >
      {todo.length === 0 ? (
        <Box p={2}>
          <Typography variant="body2">
            Nothing needs doing: no gaps, and nothing falls due within the
            window.
          </Typography>
        </Box>
      ) : (
        <StatementsTable
          policy={policy}
          results={todo}
          actions={actions}
          label="What needs doing"
        />
      )}
    </InfoCard>
  );
}

/**
 * The other statements (met, excepted, not applicable, not scored), one
 * collapsed section each, its counts by status in the heading.
 */
export function CollapsedSections(props: {
  policy: PolicyCatalogue;
  results: StatementResult[];
  actions: StatementActions;
}) {
  const { policy, actions } = props;
  const rest = props.results.filter(r => !needsDoing(r));
  return (
    <>
      {groupBySection(policy, rest).map(section => {
        const counts = STATUS_ORDER.flatMap(status => {
          const n = section.results.filter(r => r.status === status).length;
          return n
            ? [`${n} ${STATUS_LABELS[status].toLocaleLowerCase('en-GB')}`]
            : [];
        });
        return (
          <Accordion key={section.id} TransitionProps={{ unmountOnExit: true }}>
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-controls={`section-${section.id}-content`}
              id={`section-${section.id}-header`}
            >
              <Typography component="h3" variant="subtitle1">
                {section.title}
                <Typography
                  component="span"
                  variant="body2"
                  color="textSecondary"
                >
                  {` — ${counts.join(', ')}`}
                </Typography>
              </Typography>
            </AccordionSummary>
            <AccordionDetails
              id={`section-${section.id}-content`}
              style={{ padding: 0, display: 'block' }}
            >
              <StatementsTable
                policy={policy}
                results={section.results}
                actions={actions}
                label={section.title}
              />
            </AccordionDetails>
          </Accordion>
        );
      })}
    </>
  );
}

/** Every statement given, grouped by policy section (the full view). */
export function StatementsBySection(props: {
  policy: PolicyCatalogue;
  results: StatementResult[];
  actions: StatementActions;
}) {
  const { policy, results, actions } = props;
  const classes = useStyles();
  const sections = groupBySection(policy, results);
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
            <StatementsTable
              policy={policy}
              results={section.results}
              actions={actions}
              label={section.title}
            />
          </InfoCard>
        </div>
      ))}
    </>
  );
}
