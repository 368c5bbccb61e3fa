export {
  RequestExceptionDialog,
  validateExceptionRequest,
} from './RequestExceptionDialog';
