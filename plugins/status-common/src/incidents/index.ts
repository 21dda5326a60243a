export * from './api';
export * from './similarity';
export * from './symptoms';
