import {
  isoDay,
  itsecPortfolioReadPermission,
} from '@internal/plugin-itsec-common';
import type { ItsecHandler } from '../../schema/types';
import { parseDateRange } from '../request/parseDateRange';
import { parsePortfolioPage } from '../request/parsePage';
import { parsePortfolioFilter } from '../request/parsePortfolioFilter';
import type { HandlerContext } from './context';

/** The filtered portfolio: a page of it, its summary and its history. */
export function portfolioHandlers(ctx: HandlerContext) {
  const { index, clock, statementIds } = ctx;

  const getPortfolio: ItsecHandler<'/portfolio', 'get'> = async (req, res) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const filter = parsePortfolioFilter(req.query, statementIds);
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
    res.json(
      await index.summary(parsePortfolioFilter(req.query, statementIds)),
    );
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

  return { getPortfolio, getPortfolioSummary, getPortfolioHistory };
}
