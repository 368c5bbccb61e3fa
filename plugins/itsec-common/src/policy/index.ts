export * from './types';
export {
  parsePolicyCatalogue,
  cleanPolicyText,
  isParsedPolicyCatalogue,
} from './parse';
export { mojIctSecurityPolicy, mojIctSecurityPolicyData } from './catalogue';
export { personalAttestationStatements } from './personal';
