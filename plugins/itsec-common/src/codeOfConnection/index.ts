export * from './types';
export * from './validate';
export * from './connections';
export * from './independence';
export * from './membership';
