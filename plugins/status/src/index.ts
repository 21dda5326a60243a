/**
 * The status frontend plugin: whether each service is healthy, why, and who to
 * contact.
 *
 * @packageDocumentation
 */

export { statusPlugin as default } from './plugin';
export { statusApiRef, StatusClient } from './api';
export type {
  StatusApi,
  StatusSummaryQuery,
  StatusSummaryRowsQuery,
  StatusServiceMapping,
} from './api';
export { isRollupKind, isStatusAvailable } from './entityFilter';
export {
  createStatusCatalogColumn,
  renderStatusGraphNode,
} from './components/Catalog';
export { rootRouteRef } from './routes';
export { statusTranslationRef, statusTranslations } from './translation';
export type { StatusTranslationMessages } from './translation';
export {
  EntityStatusCard,
  EntityStatusContent,
  legacyStatusPlugin,
  MyServicesStatusCard,
  StatusDashboardPage,
} from './legacy';
