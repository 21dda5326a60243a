export * from './dates';
export * from './entityKinds';
export * from './onCall';
export * from './summaryQuery';
export * from './explanation';
export * from './summaryRows';
export * from './nameSimilarity';
export * from './EntityNameIndex';
