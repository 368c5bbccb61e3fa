export * from './types';
export * from './annotations';
export * from './portalRecords';
export * from './asOf';
export * from './missingRoleHolders';
