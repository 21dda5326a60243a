import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  EntityStatusConfiguration,
  StatusBackendHealth,
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
}

/**
 * Reference to the {@link StatusApi}.
 *
 * @public
 */
export const statusApiRef = createApiRef<StatusApi>({
  id: 'plugin.status.api',
});
