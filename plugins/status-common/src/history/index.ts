export * from './dailyHistory';
export * from './api';
