export { itsecApiRef } from './ItsecApi';
export type {
  ExceptionDecision,
  ItsecApi,
  ItsecDateRange,
  PortfolioExport,
  PortfolioExportFormat,
  PortfolioQuery,
} from './ItsecApi';
export { ItsecClient } from './ItsecClient';
