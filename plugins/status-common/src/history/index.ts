export * from './dailyHistory';
export * from './api';
export { isDowntimeLevel } from './blame';
