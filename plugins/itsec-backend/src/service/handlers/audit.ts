import {
  itsecAuditReadPermission,
  itsecPortfolioReadPermission,
} from '@internal/plugin-itsec-common';
import type { ItsecHandler } from '../../schema/types';
import { parseAuditQuery } from '../request/parseRecordQueries';
import type { HandlerContext } from './context';

/** The audit log, and whether scheduled evaluations succeed. */
export function auditHandlers(ctx: HandlerContext) {
  const { store, maxDuration } = ctx;

  const getAudit: ItsecHandler<'/audit', 'get'> = async (req, res) => {
    await ctx.authorizeRead(req, itsecAuditReadPermission);
    const query = parseAuditQuery(req.query);
    const page = await store.listAudit(query);
    res.json({
      total: page.total,
      offset: query.offset,
      limit: query.limit,
      items: page.items,
    });
  };

  const getEvaluationStatus: ItsecHandler<'/status', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const status = await store.getRunStatus();
    res.json({
      ...(status.lastRun
        ? {
            lastSuccessfulRun: {
              startedAt: status.lastRun.startedAt,
              finishedAt: status.lastRun.finishedAt,
              asOf: status.lastRun.asOf,
              entities: status.lastRun.entities,
            },
          }
        : {}),
      ...(status.failing
        ? {
            failingSince: status.failing.since,
            lastFailureAt: status.failing.lastAt,
            failures: status.failing.failures,
          }
        : {}),
      stale: Boolean(status.failing),
      limits: { exceptionMaxDuration: maxDuration.text },
    });
  };

  return { getAudit, getEvaluationStatus };
}
