export * from './api';
export * from './objectives';
