import {
  evaluate,
  isoDay,
  itsecPortfolioReadPermission,
} from '@internal/plugin-itsec-common';
import type { StoredResult } from '../../database/types';
import type { ItsecHandler } from '../../schema/types';
import {
  mapLazily,
  oscalAssessmentPlan,
  oscalAssessmentResults,
  oscalCatalog,
  portfolioCsv,
  portfolioJson,
  sendExport,
} from '../exports';
import type { NormalisedFilter } from '../PortfolioIndex';
import { parsePortfolioFilter } from '../request/parsePortfolioFilter';
import type { HandlerContext } from './context';

/**
 * The portfolio export (CSV, JSON, OSCAL assessment results) and the OSCAL
 * documents; the documents themselves are written in `../exports`.
 */
export function exportHandlers(ctx: HandlerContext) {
  const { store, index, policy, dueSoonWindow, clock, discovery } = ctx;

  /** Rows of the filtered portfolio, built lazily as an export writes them. */
  async function exportRows(filter: NormalisedFilter) {
    const rows: StoredResult[] = await index.all(filter);
    const floor = await ctx.runFloor();
    return {
      total: rows.length,
      refs: rows.map(r => r.entityRef),
      rows: mapLazily(rows, r => index.toPortfolioRow(r, floor.evaluatedAt)),
    };
  }

  async function assessmentResults(filter: NormalisedFilter) {
    const { rows, refs } = await exportRows(filter);
    const floor = await ctx.runFloor();
    const base = await discovery.getExternalBaseUrl('itsec');
    return oscalAssessmentResults({
      policy,
      rows,
      refs,
      evaluationsOf: async batch => {
        const stored = await store.getResultsWithProfile(
          batch.map(r => r.entityRef),
        );
        const byRef = new Map(stored.map(s => [s.entityRef, s]));
        return batch.flatMap(row => {
          const s = byRef.get(row.entityRef);
          if (!s) return [];
          const asOf = ctx.maxString(s.asOf, floor.asOf);
          return [
            {
              row,
              evaluation: evaluate(s.profile, policy, { asOf, dueSoonWindow }),
            },
          ];
        });
      },
      planHref: `${base}/oscal/assessment-plan`,
      generatedAt: clock.now().toISOString(),
    });
  }

  const exportPortfolio: ItsecHandler<'/portfolio/export', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const filter = parsePortfolioFilter(req.query, ctx.statementIds);
    const day = isoDay(clock.now());
    const format = req.query.format;
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="itsec-portfolio-${day}.csv"`,
      );
      const { rows } = await exportRows(filter);
      await sendExport(res, portfolioCsv(rows, policy));
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (format === 'json') {
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="itsec-portfolio-${day}.json"`,
      );
      const { rows, total } = await exportRows(filter);
      const generatedAt = clock.now().toISOString();
      await sendExport(
        res,
        portfolioJson({ rows, total, policy, generatedAt }),
      );
      return;
    }
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="itsec-assessment-results-${day}.json"`,
    );
    await sendExport(res, await assessmentResults(filter));
  };

  const getOscalCatalog: ItsecHandler<'/oscal/catalog', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    res.json(oscalCatalog(policy));
  };

  const getOscalAssessmentPlan: ItsecHandler<
    '/oscal/assessment-plan',
    'get'
  > = async (req, res) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const base = await discovery.getExternalBaseUrl('itsec');
    res.json(oscalAssessmentPlan(policy, `${base}/oscal/catalog`));
  };

  const getOscalAssessmentResults: ItsecHandler<
    '/oscal/assessment-results',
    'get'
  > = async (req, res) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const filter = parsePortfolioFilter(req.query, ctx.statementIds);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    await sendExport(res, await assessmentResults(filter));
  };

  return {
    exportPortfolio,
    getOscalCatalog,
    getOscalAssessmentPlan,
    getOscalAssessmentResults,
  };
}
