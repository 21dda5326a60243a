import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseStatusStore } from './database';
import { readPagerDutyConnection } from './pagerDutyConnection';
import { createRouter } from './service/router';

/**
 * The status backend plugin: entity health from PagerDuty and monitoring tools,
 * served at `/api/status`.
 *
 * @public
 */
export const statusPlugin = createBackendPlugin({
  pluginId: 'status',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, database, httpAuth, httpRouter, catalog }) {
        const store = await DatabaseStatusStore.create({ database });
        const pagerDuty = readPagerDutyConnection(config);
        if (pagerDuty.mode === 'unconfigured') {
          logger.info(
            'No status.pagerDuty.apiToken configured and the demo simulator is off; PagerDuty data will not be synchronised',
          );
        } else if (pagerDuty.mode === 'simulated') {
          logger.info(
            `No status.pagerDuty.apiToken configured: reading the demo's PagerDuty simulator at ${pagerDuty.apiBaseUrl}`,
          );
        }
        httpRouter.use(
          await createRouter({
            httpAuth,
            logger,
            catalog,
            store,
            pagerDutyMode: pagerDuty.mode,
          }),
        );
      },
    });
  },
});
