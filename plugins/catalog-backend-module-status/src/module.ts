import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { SERVICE_MAPPINGS_CHANGED_TOPIC } from '@status-layer/plugin-status-common';
import { randomBytes } from 'node:crypto';
import { StatusServiceMappingProcessor } from './StatusServiceMappingProcessor';
import {
  DEFAULT_CACHE_MS,
  StatusServiceMappings,
} from './StatusServiceMappings';

/**
 * The catalog module of the status layer: PagerDuty services mapped to
 * entities in the portal (`PUT /api/status/mappings`) become the entities'
 * `pagerduty.com/service-id` annotations, without editing their YAML.
 *
 * @public
 */
export const catalogModuleStatusServiceMappings = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'status-service-mappings',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        events: eventsServiceRef,
      },
      async init({ processing, config, discovery, auth, logger, events }) {
        const seconds = config.getOptionalNumber(
          'catalog.processors.statusServiceMappings.cacheSeconds',
        );
        if (seconds !== undefined && !(seconds >= 0 && seconds <= 86_400)) {
          throw new Error(
            'catalog.processors.statusServiceMappings.cacheSeconds must be from 0 to 86400',
          );
        }
        const mappings = new StatusServiceMappings({
          discovery,
          auth,
          logger,
          cacheMs: seconds === undefined ? DEFAULT_CACHE_MS : seconds * 1000,
        });
        // each replica under its own ID, so each hears of every change
        await events.subscribe({
          id: `catalog-status-mappings-${randomBytes(8).toString('hex')}`,
          topics: [SERVICE_MAPPINGS_CHANGED_TOPIC],
          onEvent: async () => mappings.invalidate(),
        });
        processing.addProcessor(new StatusServiceMappingProcessor(mappings));
      },
    });
  },
});
