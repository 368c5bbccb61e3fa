export { EntityItsecScorecardCard } from './EntityItsecScorecardCard';
