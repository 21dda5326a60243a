export * from './dates';
export * from './entityKinds';
export * from './monitoring';
export * from './summaryQuery';
export * from './explanation';
export * from './summaryRows';
