import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import { PostedCards } from './database/PostedCards';
import { readTeamsConfig } from './routing/readTeamsConfig';
import { TeamsNotificationProcessor } from './TeamsNotificationProcessor';

/**
 * Delivers Backstage notifications to Microsoft Teams channels, configured
 * under `notifications.processors.msteams`; without that config it does
 * nothing.
 *
 * @public
 */
export const notificationsModuleMsTeams = createBackendModule({
  pluginId: 'notifications',
  moduleId: 'msteams',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: notificationsProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        database: coreServices.database,
      },
      async init({ processing, config, logger, auth, catalog, database }) {
        const teams = readTeamsConfig(config);
        if (!teams) return;
        processing.addProcessor(
          new TeamsNotificationProcessor({
            config: teams,
            posted: await PostedCards.create({ database }),
            catalog,
            auth,
            logger,
            baseUrl: config.getString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
