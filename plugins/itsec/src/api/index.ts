export { itsecApiRef } from './ItsecApi';
export type {
  EvaluationStatus,
  ExceptionDecision,
  ItsecApi,
  ItsecDateRange,
  ItsecWriteOptions,
  ItsecWritten,
  MyRelation,
  MyScorecard,
  MyTask,
  MyTasks,
  PortfolioExport,
  PortfolioExportFormat,
  PortfolioQuery,
} from './ItsecApi';
export { ItsecClient } from './ItsecClient';
