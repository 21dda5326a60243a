export * from './api';
export * from './similarity';
