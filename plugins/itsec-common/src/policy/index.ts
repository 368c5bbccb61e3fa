export * from './types';
export {
  parsePolicyCatalogue,
  parsePolicyCatalogueText,
  cleanPolicyText,
  isParsedPolicyCatalogue,
} from './parse';
export { mojIctSecurityPolicy, mojIctSecurityPolicyData } from './catalogue';
export { personalAttestationStatements } from './personal';
