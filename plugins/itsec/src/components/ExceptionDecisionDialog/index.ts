export { ExceptionDecisionDialog } from './ExceptionDecisionDialog';
