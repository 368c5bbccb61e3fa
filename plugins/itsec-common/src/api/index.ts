export * from './types';
export * from './portfolioQuery';
