/**
 * The itsec frontend plugin: security scorecards on catalog entities and the
 * ITSO portfolio, for the MoJ ICT Security Policy. The root export is the
 * legacy-frontend-system plugin; `/alpha` is the new-frontend-system one.
 *
 * @packageDocumentation
 */
export {
  itsecPlugin,
  ItsecPortfolioPage,
  EntityItsecSecurityContent,
  EntityItsecScorecardCard,
} from './plugin';
export { rootRouteRef, entityContentRouteRef } from './routes';
export { ITSEC_ENTITY_KINDS, isItsecEntity } from './kinds';
export * from './api';
