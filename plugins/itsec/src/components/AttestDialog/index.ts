export { AttestDialog, validateAttestation } from './AttestDialog';
