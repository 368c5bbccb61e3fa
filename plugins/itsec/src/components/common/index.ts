export * from './status';
export { HistoryChart } from './HistoryChart';
export { ErrorState, isNotFound } from './ErrorState';
export { ClassificationChip, classificationText } from './Classification';
export { AnnotationSnippet, annotationSnippet } from './AnnotationSnippet';
export { ScoreBadge } from './ScoreBadge';
export { StatusCountList } from './StatusCounts';
export { useEntitySecurityLink } from './links';
export { usePolicy } from './usePolicy';
export type { Allowed } from './permissions';
export {
  useItsecPermissions,
  PermissionedButton,
  DENIED_REASONS,
} from './permissions';
export { errorMessage } from './errors';
export { todayIso, isHttpUrl } from './validation';
export { FormDialog } from './FormDialog';
export { useDialogForm } from './useDialogForm';
export type { FieldErrors } from './useDialogForm';
export { PolicyStatementField } from './PolicyStatementField';
export { AsyncContent } from './AsyncContent';
export { historyStart, latestDate } from './validation';
export { useIdempotencyKey } from './idempotency';
export { useCurrentUserRef } from './currentUser';
