export { ItsecHomePage } from './ItsecHomePage';
export { MyScorecardsCard } from './MyScorecardsCard';
export { MyTasksCard } from './MyTasksCard';
export { ItsoOverviewCard } from './ItsoOverviewCard';
