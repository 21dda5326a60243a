import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { startPagerDutySimulator } from '@internal/pagerduty-simulator';
import {
  PAGERDUTY_OAUTH_SCOPES,
  readPagerDutyConnection,
} from '@status-layer/plugin-status-backend';

/**
 * The zero-configuration demo: when no PagerDuty token is configured and the
 * demo is on (`status.demo.enabled`, honoured only on loopback or in
 * development: see `readDemoMode`), starts the PagerDuty simulator on
 * 127.0.0.1 beside the backend, with the configured scenario already in
 * progress, and the status pages `status.statusPages` names. The status
 * plugin subscribes its webhook receiver to it, as it would to PagerDuty.
 */
export const statusModulePagerDutySimulator = createBackendModule({
  pluginId: 'status',
  moduleId: 'pagerduty-simulator',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const connection = readPagerDutyConnection(config);
        if (connection.mode !== 'simulated') {
          return;
        }
        const { simulator } = connection;
        const [account] = connection.accounts;
        const sim = await startPagerDutySimulator({
          port: simulator.port,
          seed: simulator.seed,
          apiTokens: account.apiToken ? [account.apiToken] : [],
          // `status.demo.simulator.oauth`: the backend signs in as a Scoped OAuth app
          oauth: account.oauth
            ? {
                subdomain: account.oauth.subdomain,
                region: account.oauth.region,
                apps: [
                  {
                    clientId: account.oauth.clientId,
                    clientSecret: account.oauth.clientSecret,
                    scopes: [...PAGERDUTY_OAUTH_SCOPES],
                  },
                ],
              }
            : undefined,
          missingServiceIds: simulator.missingServiceIds,
          // the status pages the status plugin keeps in step, as PagerDuty would have them
          statusPages: (
            config.getOptionalConfigArray('status.statusPages') ?? []
          ).map(page => ({
            name: page.getString('page'),
            services: page
              .getConfigArray('components')
              .map(c => c.getString('service')),
          })),
          // 75 s in: acknowledged; the responder's note and the status
          // update follow within the first minute, through the webhooks the
          // status plugin subscribes to, as PagerDuty would send them
          scenario: simulator.scenario
            ? { name: simulator.scenario, hold: true, startedSecondsAgo: 75 }
            : undefined,
          log: message => logger.debug(message),
        });
        lifecycle.addShutdownHook(() => sim.close());

        logger.info(
          `Demo mode: PagerDuty simulator on ${sim.url} (${
            sim.state.services.size
          } services${
            simulator.scenario
              ? `, scenario ${simulator.scenario} in progress`
              : ''
          }); the status plugin subscribes to its webhooks. Drive it with: yarn demo --help`,
        );
      },
    });
  },
});
