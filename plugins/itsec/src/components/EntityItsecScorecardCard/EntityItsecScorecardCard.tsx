import { type ReactNode } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import {
  formatUtcDateTime,
  type Scorecard,
} from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';
import {
  AnnotationSnippet,
  ClassificationChip,
  ErrorState,
  isNotFound,
  ScoreBadge,
  StatusCountList,
  StatusLabel,
  useEntitySecurityLink,
} from '../common';

const useStyles = makeStyles(theme => ({
  gap: {
    display: 'block',
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  gapTitle: { fontWeight: 500 },
}));

/** The card body for a loaded scorecard. */
export function ScorecardSummary(props: {
  scorecard: Scorecard;
  /** The entity's Security tab: each gap links to its row there. */
  securityHref?: string;
}) {
  const { scorecard, securityHref } = props;
  const classes = useStyles();
  const { summary, results } = scorecard.evaluation;
  const top = summary.topGaps.slice(0, 3);
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <ScoreBadge score={summary.score} />
        <ClassificationChip profile={scorecard.profile} />
      </Box>
      <Box my={1}>
        <StatusCountList
          counts={summary.counts}
          statuses={['gap', 'due-soon', 'excepted', 'met', 'not-applicable']}
        />
      </Box>
      <Typography variant="subtitle2" component="h3">
        {top.length > 0 ? 'Top gaps' : 'No gaps'}
      </Typography>
      {securityHref && top.length > 0 && (
        <Typography variant="body2" gutterBottom>
          <Link to={`${securityHref}#${top[0].statementId}`}>
            Fix the first gap: {top[0].statementId}
          </Link>
        </Typography>
      )}
      {top.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Every applicable statement is met or excepted.
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Top gaps">
          {top.map(gap => {
            const result = results.find(r => r.statementId === gap.statementId);
            const remediation = result?.remediation;
            return (
              <ListItem
                key={gap.statementId}
                className={classes.gap}
                disableGutters
              >
                <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                  <StatusLabel status="gap" />
                  <Typography variant="body2" className={classes.gapTitle}>
                    {securityHref ? (
                      <Link to={`${securityHref}#${gap.statementId}`}>
                        {gap.statementId} {gap.title}
                      </Link>
                    ) : (
                      `${gap.statementId} ${gap.title}`
                    )}
                  </Typography>
                </Box>
                <Typography variant="body2" color="textSecondary">
                  {gap.message}
                </Typography>
                {remediation && (
                  <Box mt={0.5}>
                    <Typography variant="body2">
                      <strong>Fix:</strong> {remediation.hint}
                      {remediation.attestation
                        ? ' (record an attestation on the Security tab)'
                        : ''}
                    </Typography>
                    {remediation.annotation && (
                      <AnnotationSnippet annotation={remediation.annotation} />
                    )}
                  </Box>
                )}
              </ListItem>
            );
          })}
        </List>
      )}
      <Typography variant="caption" color="textSecondary">
        Evaluated {formatUtcDateTime(scorecard.evaluatedAt)} against{' '}
        {scorecard.evaluation.policy.id} v{scorecard.evaluation.policy.version}
      </Typography>
    </Box>
  );
}

/**
 * The entity overview card: score, counts by status, classification and the
 * top three gaps with their fix; links to the Security tab.
 *
 * @public
 */
export function EntityItsecScorecardCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(itsecApiRef);
  const securityLink = useEntitySecurityLink();
  const { value, loading, error } = useAsync(
    () => api.getScorecard(entityRef),
    [api, entityRef],
  );

  let body: ReactNode;
  if (loading) {
    body = <Progress />;
  } else if (error && isNotFound(error)) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No security scorecard yet: this entity has not been evaluated. It will
        be on the next scheduled run.
      </Typography>
    );
  } else if (error) {
    body = (
      <ErrorState error={error} title="Could not load the security scorecard" />
    );
  } else if (value) {
    body = (
      <ScorecardSummary
        scorecard={value}
        securityHref={securityLink(entityRef)}
      />
    );
  }

  return (
    <InfoCard
      title="Security scorecard"
      subheader="MoJ ICT Security Policy"
      deepLink={{ title: 'View all statements', link: securityLink(entityRef) }}
      variant="gridItem"
    >
      {body}
    </InfoCard>
  );
}
