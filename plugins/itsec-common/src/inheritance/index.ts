export { resolveProfile } from './resolveProfile';
