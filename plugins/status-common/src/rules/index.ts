export * from './dates';
export * from './entityKinds';
export * from './monitoring';
export * from './onCall';
export * from './summaryQuery';
export * from './explanation';
export * from './summaryRows';
