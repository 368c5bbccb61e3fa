export * from './types';
export {
  parsePolicyCatalogue,
  parsePolicyCatalogueText,
  cleanPolicyText,
  isParsedPolicyCatalogue,
  type PolicyParseOptions,
} from './parse';
export { mojIctSecurityPolicy, mojIctSecurityPolicyData } from './catalogue';
export { personalAttestationStatements } from './personal';
