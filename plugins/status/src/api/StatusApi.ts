import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityStatus,
  EntityStatusConfiguration,
  StatusBackendHealth,
  StatusRollup,
} from '@internal/plugin-status-common';

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
}

/**
 * Reference to the {@link StatusApi}.
 *
 * @public
 */
export const statusApiRef = createApiRef<StatusApi>({
  id: 'plugin.status.api',
});
