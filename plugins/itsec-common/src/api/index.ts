export * from './types';
export * from './portfolioQuery';
export * from './lenses';
