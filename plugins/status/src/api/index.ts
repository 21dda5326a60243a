export { statusApiRef } from './StatusApi';
export type {
  StatusApi,
  StatusSummaryQuery,
  StatusSummaryRowsQuery,
} from './StatusApi';
export { StatusClient } from './StatusClient';
