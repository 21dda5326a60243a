import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PAGERDUTY_SERVICE_ID_ANNOTATION } from '@status-layer/plugin-status-common';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * After a service mapping changed: watches the catalog until the entity
 * carries the mapped service id (or none, after a removal), then has the
 * status engine read the catalog at once, so the entity shows its status
 * within seconds rather than at the engine's next read (every minute). Gives
 * up quietly after `timeoutMs`: the scheduled read applies it anyway. Runs in
 * the background; its waits never keep the process alive.
 *
 * @internal
 */
export function followCatalogChange(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** The engine's catalog read, when an engine runs. */
  refreshCatalog: () => Promise<void> | undefined;
  intervalMs?: number;
  timeoutMs?: number;
}): (entityRef: string, serviceId: string | undefined) => Promise<boolean> {
  const intervalMs = options.intervalMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return async (entityRef, serviceId) => {
    const deadline = Date.now() + timeoutMs;
    try {
      const credentials = await options.auth.getOwnServiceCredentials();
      while (Date.now() < deadline) {
        const entity = await options.catalog.getEntityByRef(entityRef, {
          credentials,
        });
        const carried =
          entity?.metadata.annotations?.[PAGERDUTY_SERVICE_ID_ANNOTATION];
        if (entity && carried === serviceId) {
          await options.refreshCatalog();
          return true;
        }
        await sleep(intervalMs, undefined, { ref: false });
      }
    } catch (error) {
      options.logger.debug(
        `Following the catalog's processing of ${entityRef} stopped: ${error}`,
      );
    }
    return false;
  };
}
