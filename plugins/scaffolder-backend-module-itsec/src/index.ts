/**
 * Scaffolder actions for the itsec plugins: `itsec:catalog-info:annotate`
 * sets itsec annotations in a catalog-info.yaml.
 *
 * @packageDocumentation
 */

export { scaffolderModuleItsec as default } from './module';
export {
  createAnnotateCatalogInfoAction,
  ANNOTATE_ACTION_ID,
} from './actions/annotateCatalogInfo';
