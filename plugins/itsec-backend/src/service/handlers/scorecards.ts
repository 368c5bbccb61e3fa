import { NotFoundError } from '@backstage/errors';
import {
  isoDay,
  itsecEntityRefreshPermission,
  itsecPortfolioReadPermission,
} from '@internal/plugin-itsec-common';
import type { ItsecHandler } from '../../schema/types';
import { parseDateRange } from '../request/parseDateRange';
import { parseEntityPath } from '../request/parseEntityRef';
import type { HandlerContext } from './context';

/** The policy, and one entity's scorecard, refresh and history. */
export function scorecardHandlers(ctx: HandlerContext) {
  const { store, evaluator, index, policy, clock } = ctx;

  const getPolicy: ItsecHandler<'/policy', 'get'> = async (req, res) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    res.json(policy);
  };

  const getScorecard: ItsecHandler<
    '/entities/{kind}/{namespace}/{name}/scorecard',
    'get'
  > = async (req, res) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const entityRef = parseEntityPath(req.params);
    if (!(await store.getResult(entityRef))) {
      // Not evaluated yet (e.g. registered since the last run): evaluate it now
      // if the catalog has it; otherwise scorecardOf answers 404.
      const found = await evaluator.refresh([entityRef]);
      if (found.size > 0) index.invalidate();
    }
    res.json(await ctx.scorecardOf(entityRef));
  };

  const refreshScorecard: ItsecHandler<
    '/entities/{kind}/{namespace}/{name}/refresh',
    'post'
  > = async (req, res) => {
    const entityRef = parseEntityPath(req.params);
    const attempt = { action: 'entity.refresh', entityRef };
    const { credentials } = await ctx.writer(req, attempt);
    const resource = await ctx.loadResource(entityRef);
    const actor = await ctx.authorizeWrite(
      credentials,
      itsecEntityRefreshPermission,
      resource,
      attempt,
    );
    await ctx.reevaluate(entityRef);
    await store.appendAudit({
      at: clock.now().toISOString(),
      actor,
      action: 'entity.refresh',
      outcome: 'allowed',
      entityRef,
    });
    res.json(await ctx.scorecardOf(entityRef));
  };

  const getEntityHistory: ItsecHandler<
    '/entities/{kind}/{namespace}/{name}/history',
    'get'
  > = async (req, res) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const entityRef = parseEntityPath(req.params);
    const { from, to } = parseDateRange(req.query, isoDay(clock.now()));
    if (!(await index.has(entityRef))) {
      throw new NotFoundError(`No scorecard for ${entityRef}`);
    }
    res.json(await index.entityHistory(entityRef, from, to));
  };

  return { getPolicy, getScorecard, refreshScorecard, getEntityHistory };
}
