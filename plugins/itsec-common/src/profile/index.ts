export * from './types';
export * from './annotations';
