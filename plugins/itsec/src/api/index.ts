export { itsecApiRef } from './ItsecApi';
export type {
  EvaluationStatus,
  ExceptionDecision,
  ItsecApi,
  ItsecDateRange,
  ItsecWriteOptions,
  ItsecWritten,
  PortfolioExport,
  PortfolioExportFormat,
  PortfolioQuery,
} from './ItsecApi';
export { ItsecClient } from './ItsecClient';
export type {
  MyRelation,
  MyScorecard,
  MyTask,
  MyTasks,
} from '@internal/plugin-itsec-common';
