import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityStatus,
  EntityStatusConfiguration,
  StatusBackendHealth,
  StatusAlertSource,
  StatusUnmatchedAlerts,
  StatusFeedIncident,
  StatusRollup,
  StatusSummary,
  StatusSummaryQuery as CommonSummaryQuery,
} from '@status-layer/plugin-status-common';

/**
 * Which entities a summary covers.
 *
 * @public
 */
export type StatusSummaryQuery = CommonSummaryQuery;

/**
 * Client of the status backend.
 *
 * @public
 */
export interface StatusApi {
  /** Readiness of the status backend. */
  getHealth(): Promise<StatusBackendHealth>;
  /** How an entity is set up for status tracking. */
  getEntityConfiguration(entityRef: string): Promise<EntityStatusConfiguration>;
  /** An entity's levels, why, who to contact, and its dependencies. */
  getEntityStatus(entityRef: string): Promise<EntityStatus>;
  /** The members of a System, Domain or Group, worst first. */
  getRollup(entityRef: string): Promise<StatusRollup>;
  /** Every visible entity's level, counts, roll-ups, and the company's problems. */
  getSummary(query?: StatusSummaryQuery): Promise<StatusSummary>;
  /** Active incidents company-wide, newest first. */
  getIncidents(): Promise<{ incidents: StatusFeedIncident[] }>;
  /** A page of the firing alerts that match no entity, with who they might belong to. */
  getUnmatchedAlerts(query?: {
    source?: string;
    q?: string;
    limit?: number;
    offset?: number;
  }): Promise<StatusUnmatchedAlerts>;
  /** The monitoring tools that can send alerts, and what is wrong with them. */
  getAlertSources(): Promise<{ sources: StatusAlertSource[] }>;
}

/**
 * Reference to the {@link StatusApi}.
 *
 * @public
 */
export const statusApiRef = createApiRef<StatusApi>({
  id: 'plugin.status.api',
});
