export { itsecActionsModule } from './module';
