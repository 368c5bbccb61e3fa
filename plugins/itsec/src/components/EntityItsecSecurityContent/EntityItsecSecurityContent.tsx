import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  acknowledgesRoles,
  formatUtcDateTime,
  personalAttestationStatements,
  type Scorecard,
} from '@internal/plugin-itsec-common';
import { itsecApiRef } from '../../api';
import { AttestDialog } from '../AttestDialog';
import { RequestExceptionDialog } from '../RequestExceptionDialog';
import {
  AsyncContent,
  ClassificationChip,
  historyStart,
  DENIED_REASONS,
  ErrorState,
  errorMessage,
  HistoryChart,
  isNotFound,
  PermissionedButton,
  ScoreBadge,
  StatusCountList,
  useCurrentUserRef,
  useItsecPermissions,
  usePolicy,
} from '../common';
import { ConnectionsCard } from './ConnectionsCard';
import { ExceptionsCard } from './ExceptionsCard';
import { RolesCard } from './RolesCard';
import {
  CollapsedSections,
  NeedsDoing,
  needsDoing,
  StatementsBySection,
} from './StatementsBySection';

/** The Security tab for one entity (by ref); used by the entity-page wrapper. */
export function EntitySecurityView(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(itsecApiRef);
  const alertApi = useApi(alertApiRef);
  const permissions = useItsecPermissions(entityRef);
  const currentUser = useCurrentUserRef();
  const policy = usePolicy();
  const [override, setOverride] = useState<Scorecard>();
  const scorecard = useAsyncRetry(async () => {
    setOverride(undefined);
    return api.getScorecard(entityRef);
  }, [api, entityRef]);
  // History exists once the entity has a scorecard: load it after that, and
  // again whenever a newer evaluation arrives.
  const evaluatedAt = scorecard.value?.evaluatedAt;
  const history = useAsyncRetry(async () => {
    if (!evaluatedAt) return { points: [] };
    return api.getEntityHistory(entityRef, { from: historyStart() });
  }, [api, entityRef, evaluatedAt]);
  const exceptions = useAsyncRetry(
    () => api.listExceptions({ entityRef }),
    [api, entityRef],
  );
  const [showNotApplicable, setShowNotApplicable] = useState(false);
  // The full view is in the URL (?statements=all): it survives a reload and can be linked.
  const [searchParams, setSearchParams] = useSearchParams();
  const showAll = searchParams.get('statements') === 'all';
  const setShowAll = useCallback(
    (all: boolean) =>
      setSearchParams(
        params => {
          const next = new URLSearchParams(params);
          if (all) next.set('statements', 'all');
          else next.delete('statements');
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  const { hash } = useLocation();
  const [attestFor, setAttestFor] = useState<string>();
  const [exceptionFor, setExceptionFor] = useState<string>();
  const [refreshing, setRefreshing] = useState(false);

  const card = override ?? scorecard.value;
  const results = useMemo(
    () =>
      (card?.evaluation.results ?? []).filter(
        r => showNotApplicable || r.status !== 'not-applicable',
      ),
    [card, showNotApplicable],
  );

  // A link to one statement (#POL.ITSEC.043, from the card or the home page)
  // brings it into view and moves the focus to it once the scorecard is shown.
  const loaded = !!card && !!policy.value;
  useEffect(() => {
    if (!loaded || !hash) return;
    const id = decodeURIComponent(hash.slice(1));
    const linked = card?.evaluation.results.find(r => r.statementId === id);
    // A statement outside "what needs doing" is shown in the full view.
    if (linked && !needsDoing(linked) && !showAll) {
      setShowAll(true);
      if (linked.status === 'not-applicable') setShowNotApplicable(true);
      return;
    }
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView?.({ block: 'center' });
    target.focus({ preventScroll: true });
  }, [loaded, hash, showAll, card, setShowAll]);

  // A role acknowledgement is offered on its own: it is a different permission
  // and counts only for the person making it.
  const attestationStatements = useMemo(() => {
    const statements = (policy.value?.statements ?? []).filter(
      s => s.kind === 'attestation',
    );
    const chosen = statements.find(s => s.id === attestFor);
    return chosen && acknowledgesRoles(chosen)
      ? [chosen]
      : statements.filter(s => !acknowledgesRoles(s));
  }, [policy.value, attestFor]);
  const gapStatements = useMemo(() => {
    const gaps = new Set(
      (card?.evaluation.results ?? [])
        .filter(r => r.status === 'gap' || r.status === 'due-soon')
        .map(r => r.statementId),
    );
    return (policy.value?.statements ?? []).filter(s => gaps.has(s.id));
  }, [policy.value, card]);

  if (scorecard.loading || policy.loading) {
    return <Progress />;
  }
  if (scorecard.error && isNotFound(scorecard.error)) {
    return (
      <EmptyState
        missing="data"
        title="No security scorecard yet"
        description="This entity has not been evaluated against the security policy yet. It will be on the next scheduled run."
      />
    );
  }
  if (scorecard.error) {
    return (
      <ErrorState
        error={scorecard.error}
        title="Could not load the security scorecard"
      />
    );
  }
  if (policy.error) {
    return (
      <ErrorState
        error={policy.error}
        title="Could not load the policy catalogue"
      />
    );
  }
  if (!card || !policy.value) {
    return null;
  }
  const { summary } = card.evaluation;

  const refresh = async () => {
    setRefreshing(true);
    try {
      setOverride(await api.refreshScorecard(entityRef));
      history.retry();
    } catch (e) {
      alertApi.post({
        message: `Re-evaluation failed: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setRefreshing(false);
    }
  };
  const reload = () => {
    scorecard.retry();
    history.retry();
    exceptions.retry();
  };

  const statementActions = {
    canAttest: permissions.attest,
    canAcknowledgeRole: permissions.acknowledgeRole,
    canRequestException: permissions.requestException,
    onAttest: setAttestFor,
    onRequestException: setExceptionFor,
  };

  return (
    <Grid container spacing={3} alignItems="stretch">
      {!showAll && (
        <Grid item xs={12}>
          <NeedsDoing
            policy={policy.value}
            results={card.evaluation.results}
            actions={statementActions}
          />
        </Grid>
      )}
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Security scorecard"
          subheader={`${card.evaluation.policy.id} v${card.evaluation.policy.version}`}
        >
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            flexWrap="wrap"
          >
            <ScoreBadge score={summary.score} />
            <ClassificationChip profile={card.profile} />
          </Box>
          <Box my={1}>
            <StatusCountList counts={summary.counts} all />
          </Box>
          <Typography variant="body2" color="textSecondary">
            Evaluated {formatUtcDateTime(card.evaluatedAt)}
            {summary.nextDue ? ` · next due ${summary.nextDue}` : ''}
          </Typography>
          <Box mt={1}>
            <PermissionedButton
              size="small"
              variant="outlined"
              startIcon={<RefreshIcon />}
              permission={permissions.refresh}
              deniedReason={DENIED_REASONS.refresh}
              onClick={refresh}
              disabled={refreshing}
            >
              {refreshing ? 'Re-evaluating…' : 'Re-evaluate now'}
            </PermissionedButton>
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Score history" subheader="Last 12 months">
          <AsyncContent state={history} errorTitle="Could not load the history">
            {value => (
              <HistoryChart
                points={value.points}
                title="Score history"
                demo={value.demo}
              />
            )}
          </AsyncContent>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <RolesCard
          profile={card.profile}
          acknowledgementStatements={personalAttestationStatements(
            policy.value,
          )}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <ConnectionsCard profile={card.profile} asOf={card.evaluation.asOf} />
      </Grid>
      <Grid item xs={12}>
        <ExceptionsCard
          exceptions={exceptions.value}
          loading={exceptions.loading}
          error={exceptions.error}
          canApprove={permissions.approveException}
          canRevoke={permissions.revokeException}
          currentUser={currentUser}
          onChanged={reload}
        />
      </Grid>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
        >
          <Typography variant="h5" component="h2">
            Policy statements
          </Typography>
          <Box display="flex" flexWrap="wrap">
            <FormControlLabel
              control={
                <Switch
                  checked={showAll}
                  onChange={e => setShowAll(e.target.checked)}
                  color="primary"
                />
              }
              label="Show all statements in full"
            />
            {showAll && (
              <FormControlLabel
                control={
                  <Switch
                    checked={showNotApplicable}
                    onChange={e => setShowNotApplicable(e.target.checked)}
                    color="primary"
                  />
                }
                label={`Show statements that do not apply (${
                  summary.counts['not-applicable'] ?? 0
                })`}
              />
            )}
          </Box>
        </Box>
        {!permissions.attest.loading && !permissions.attest.allowed && (
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {DENIED_REASONS.attest}
          </Typography>
        )}
        {showAll ? (
          <StatementsBySection
            policy={policy.value}
            results={results}
            actions={statementActions}
          />
        ) : (
          <CollapsedSections
            policy={policy.value}
            results={card.evaluation.results}
            actions={statementActions}
          />
        )}
      </Grid>
      <AttestDialog
        open={!!attestFor}
        entityRef={entityRef}
        statements={attestationStatements}
        statementId={attestFor}
        onClose={() => setAttestFor(undefined)}
        onSaved={record => {
          setAttestFor(undefined);
          alertApi.post({
            message: record.scorecardPending
              ? `Attestation for ${record.statementId} recorded; the scorecard will catch up at the next evaluation`
              : `Attestation for ${record.statementId} recorded`,
            severity: 'success',
            display: 'transient',
          });
          reload();
        }}
      />
      <RequestExceptionDialog
        open={!!exceptionFor}
        entityRef={entityRef}
        statements={gapStatements}
        statementId={exceptionFor}
        onClose={() => setExceptionFor(undefined)}
        onSaved={record => {
          setExceptionFor(undefined);
          alertApi.post({
            message: `Exception for ${record.statementId} requested: the business-group SIRO decides`,
            severity: 'success',
            display: 'transient',
          });
          reload();
        }}
      />
    </Grid>
  );
}

/**
 * The entity "Security" tab: what needs doing first (gaps and evidence due
 * soon, with their fix), the scorecard, role holders, Codes of Connection,
 * exceptions and score history, then the other statements collapsed by
 * policy section ("Show all statements in full" lists every one).
 *
 * @public
 */
export function EntityItsecSecurityContent() {
  const { entity } = useEntity();
  return <EntitySecurityView entityRef={stringifyEntityRef(entity)} />;
}
