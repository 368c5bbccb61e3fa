import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import { spec } from '../schema/openapi.generated';
import type { ItsecSpec } from '../schema/types';
import { attestationHandlers } from './handlers/attestations';
import { auditHandlers } from './handlers/audit';
import { createHandlerContext, RouterOptions } from './handlers/context';
import { exceptionHandlers } from './handlers/exceptions';
import { exportHandlers } from './handlers/exports';
import { meHandlers } from './handlers/me';
import { portfolioHandlers } from './handlers/portfolio';
import { scorecardHandlers } from './handlers/scorecards';
import { rejectUnknownBodyFields } from './request/unknownBodyFields';

export type { RouterOptions } from './handlers/context';

/**
 * The itsec HTTP API: every route of openapi.yaml, validated against it and
 * typed by it, served by the handlers in `./handlers`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const ctx = createHandlerContext(options);
  const router = createValidatedOpenApiRouter<ItsecSpec>(spec, {
    middleware: [express.json(), rejectUnknownBodyFields(spec)],
  });

  const scorecards = scorecardHandlers(ctx);
  router.get('/policy', scorecards.getPolicy);
  router.get(
    '/entities/:kind/:namespace/:name/scorecard',
    scorecards.getScorecard,
  );
  router.post(
    '/entities/:kind/:namespace/:name/refresh',
    scorecards.refreshScorecard,
  );
  router.get(
    '/entities/:kind/:namespace/:name/history',
    scorecards.getEntityHistory,
  );

  const portfolio = portfolioHandlers(ctx);
  router.get('/portfolio', portfolio.getPortfolio);
  router.get('/portfolio/summary', portfolio.getPortfolioSummary);
  router.get('/portfolio/groups', portfolio.getPortfolioGroups);
  router.get('/portfolio/lenses', portfolio.getPortfolioLenses);
  router.get('/portfolio/history', portfolio.getPortfolioHistory);

  const exports = exportHandlers(ctx);
  router.get('/portfolio/export', exports.exportPortfolio);
  router.get('/oscal/catalog', exports.getOscalCatalog);
  router.get('/oscal/assessment-plan', exports.getOscalAssessmentPlan);
  router.get('/oscal/assessment-results', exports.getOscalAssessmentResults);

  const attestations = attestationHandlers(ctx);
  router.get('/attestations', attestations.listAttestations);
  router.post('/attestations', attestations.createAttestation);

  const exceptions = exceptionHandlers(ctx);
  router.get('/exceptions', exceptions.listExceptions);
  router.post('/exceptions', exceptions.requestException);
  router.post('/exceptions/:id/:decision', exceptions.decideException);

  const audit = auditHandlers(ctx);
  router.get('/status', audit.getEvaluationStatus);
  router.get('/audit', audit.getAudit);

  const me = meHandlers(ctx);
  router.get('/me/scorecards', me.getMyScorecards);
  router.get('/me/tasks', me.getMyTasks);

  return router;
}
