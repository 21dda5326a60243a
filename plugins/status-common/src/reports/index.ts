export * from './api';
export * from './reportText';
