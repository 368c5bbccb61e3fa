/**
 * Prefix of the catalog annotations the itsec plugins read.
 *
 * @public
 */
export const ITSEC_ANNOTATION_PREFIX = 'itsec.justice.gov.uk/';
