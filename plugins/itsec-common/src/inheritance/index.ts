export { resolveProfile } from './resolveProfile';
export type { ResolveProfileOptions } from './resolveProfile';
export { createProfileResolver } from './createProfileResolver';
export type {
  ProfileResolverSource,
  ResolvedProfiles,
} from './createProfileResolver';
export * from './approvingSiro';
