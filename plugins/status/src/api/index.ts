export { statusApiRef } from './StatusApi';
export type { StatusApi, StatusSummaryQuery } from './StatusApi';
export { StatusClient } from './StatusClient';
