import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { AlertSource } from './AlertSource';

/**
 * Where backend modules add monitoring tools to the status plugin.
 *
 * @public
 */
export interface StatusAlertSourcesExtensionPoint {
  /** Adds a source, served at `/api/status/webhooks/<id>`. */
  addAlertSource(...sources: AlertSource[]): void;
}

/**
 * The extension point for alert sources: a module can add a tool without
 * touching the status plugin.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'status',
 *   moduleId: 'my-tool',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { alertSources: statusAlertSourcesExtensionPoint },
 *       async init({ alertSources }) {
 *         alertSources.addAlertSource(myToolSource);
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const statusAlertSourcesExtensionPoint =
  createExtensionPoint<StatusAlertSourcesExtensionPoint>({
    id: 'status.alert-sources',
  });
