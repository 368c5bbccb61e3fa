/**
 * Catalog backend module for the itsec plugins: validates the
 * `itsec.justice.gov.uk/` annotations, adds the `CodeOfConnection` kind and
 * emits security-role and connection relations.
 *
 * @packageDocumentation
 */

export { catalogModuleItsec as default } from './module';
export { ItsecEntityProcessor } from './ItsecEntityProcessor';
export type { ItsecEntityProcessorOptions } from './ItsecEntityProcessor';
export { catalogLookup } from './catalogLookup';
export type { CatalogLookupOptions, ItsecCatalogLookup } from './catalogLookup';
