export * from './api';
export * from './similarity';
export * from './symptoms';
export * from './updates';
export * from './timeline';
