import raw from './moj-ict-security-policy.json';
import { parsePolicyCatalogue } from './parse';
import type { PolicyCatalogue } from './types';

/**
 * The default catalogue: the 47 statements of the MoJ ICT Security Policy
 * (September 2015), POL.ITSEC.001 to 047, validated at load time.
 *
 * @public
 */
export const mojIctSecurityPolicy: PolicyCatalogue = parsePolicyCatalogue(
  raw,
  'moj-ict-security-policy.json',
);

/**
 * The raw (unparsed) default catalogue data, e.g. to serve or to copy as a
 * starting point for an organisation's own policy file.
 *
 * @public
 */
export const mojIctSecurityPolicyData: unknown = raw;
