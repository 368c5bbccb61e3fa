import {
  PORTFOLIO_LENSES,
  isoDay,
  itsecPortfolioReadPermission,
  lensStatementIds,
} from '@internal/plugin-itsec-common';
import type { ItsecHandler } from '../../schema/types';
import { parseDateRange } from '../request/parseDateRange';
import { parsePortfolioPage } from '../request/parsePage';
import { parsePortfolioFilter } from '../request/parsePortfolioFilter';
import { parsePortfolioLens } from '../request/parsePortfolioLens';
import type { HandlerContext } from './context';

/**
 * The filtered portfolio: a page of it, its summary, its groups and its
 * history; and the lenses.
 */
export function portfolioHandlers(ctx: HandlerContext) {
  const { index, clock, statementIds, policy } = ctx;

  /** The filters and the lens of a request. */
  const lensFilter = (
    query: Parameters<typeof parsePortfolioFilter>[0] & {
      lens?: string;
    },
  ) => {
    const filter = parsePortfolioFilter(query, statementIds);
    const lens = parsePortfolioLens(query, policy);
    return lens ? { ...filter, lens } : filter;
  };

  const getPortfolio: ItsecHandler<'/portfolio', 'get'> = async (req, res) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const filter = lensFilter(req.query);
    const page = parsePortfolioPage(req.query);
    const floor = await ctx.runFloor();
    res.json(
      await index.page({
        filter,
        ...page,
        evaluatedAtFloor: floor.evaluatedAt,
      }),
    );
  };

  const getPortfolioSummary: ItsecHandler<'/portfolio/summary', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    res.json(await index.summary(lensFilter(req.query)));
  };

  const getPortfolioGroups: ItsecHandler<'/portfolio/groups', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    res.json(await index.groups(lensFilter(req.query)));
  };

  const getPortfolioLenses: ItsecHandler<'/portfolio/lenses', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    res.json({
      lenses: PORTFOLIO_LENSES.map(id => ({
        id,
        statementIds: lensStatementIds(policy, id),
      })),
    });
  };

  const getPortfolioHistory: ItsecHandler<'/portfolio/history', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const filter = parsePortfolioFilter(req.query, statementIds);
    const { from, to } = parseDateRange(req.query, isoDay(clock.now()));
    res.json(await index.portfolioHistory(filter, from, to));
  };

  return {
    getPortfolio,
    getPortfolioSummary,
    getPortfolioGroups,
    getPortfolioLenses,
    getPortfolioHistory,
  };
}
