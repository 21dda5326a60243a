export * from './api';
export * from './followUp';
