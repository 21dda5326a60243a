import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { statusPermissions } from '@status-layer/plugin-status-common';
import {
  AlertSource,
  statusAlertSourcesExtensionPoint,
} from '@status-layer/plugin-status-node';
import { createStatusParts } from './wiring/createStatusParts';
import { logStatusConfig, readStatusConfig } from './wiring/readStatusConfig';
import { scheduleStatusTasks } from './wiring/scheduleStatusTasks';

/**
 * The status backend plugin: entity health from PagerDuty and monitoring tools,
 * served at `/api/status`.
 *
 * @public
 */
export const statusPlugin = createBackendPlugin({
  pluginId: 'status',
  register(env) {
    const addedSources: AlertSource[] = [];
    env.registerExtensionPoint(statusAlertSourcesExtensionPoint, {
      addAlertSource(...sources) {
        addedSources.push(...sources);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        httpRouter: coreServices.httpRouter,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
        auditor: coreServices.auditor,
        userInfo: coreServices.userInfo,
      },
      async init({ config, permissionsRegistry, httpRouter, ...services }) {
        const status = readStatusConfig(config, { addedSources });
        permissionsRegistry.addPermissions(statusPermissions);
        const parts = await createStatusParts({ config, ...services }, status);
        logStatusConfig(parts.logger, status, config);
        await scheduleStatusTasks(services.scheduler, parts, status);
        // monitoring tools cannot sign in to Backstage; each source authenticates itself
        httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
        // badges and feeds: each answers only for entities made public in
        // config or with the entity's token, 404 otherwise
        httpRouter.addAuthPolicy({
          path: '/public',
          allow: 'unauthenticated',
        });
        httpRouter.use(parts.router);
      },
    });
  },
});
