export * from './spec';
export * from './values';
export * from './parse';
export * from './relations';
export * from './entityToProfile';
export * from './editCatalogInfo';
