export { statusApiRef } from './StatusApi';
export type {
  StatusApi,
  StatusSummaryQuery,
  StatusSummaryRowsQuery,
  StatusServiceMapping,
} from './StatusApi';
export { StatusClient } from './StatusClient';
