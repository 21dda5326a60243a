export * from './dailyHistory';
export * from './api';
export { isDowntimeLevel } from './blame';
export type { DowntimeCounting } from './blame';
