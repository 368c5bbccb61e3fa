export * from './types';
export * from './annotations';
export * from './portalRecords';
