import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  startPagerDutySimulator,
  WEBHOOK_EVENT_TYPES,
} from '@internal/pagerduty-simulator';
import { readPagerDutyConnection } from '@internal/plugin-status-backend';

/**
 * The zero-configuration demo: when no PagerDuty token is configured and
 * `status.demo.simulator.enabled` is true, starts the PagerDuty simulator on
 * 127.0.0.1 beside the backend, with the configured scenario already in
 * progress, and subscribes the status plugin's webhook receiver to it.
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
        discovery: coreServices.discovery,
      },
      async init({ config, logger, lifecycle, discovery }) {
        const connection = readPagerDutyConnection(config);
        if (connection.mode !== 'simulated') {
          return;
        }
        const { simulator } = connection;
        const [account] = connection.accounts;
        const sim = await startPagerDutySimulator({
          port: simulator.port,
          seed: simulator.seed,
          apiTokens: [account.apiToken],
          missingServiceIds: simulator.missingServiceIds,
          scenario: simulator.scenario
            ? { name: simulator.scenario, hold: true, startedSecondsAgo: 120 }
            : undefined,
          log: message => logger.debug(message),
        });
        lifecycle.addShutdownHook(() => sim.close());

        const receiver = `${await discovery.getExternalBaseUrl(
          'status',
        )}/webhooks/pagerduty`;
        const response = await fetch(`${sim.url}/webhook_subscriptions`, {
          method: 'POST',
          headers: {
            Authorization: `Token token=${account.apiToken}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            webhook_subscription: {
              type: 'webhook_subscription',
              description: 'Status portal (demo)',
              delivery_method: { type: 'http_delivery_method', url: receiver },
              events: WEBHOOK_EVENT_TYPES,
              filter: { type: 'account_reference' },
            },
          }),
        });
        if (!response.ok) {
          throw new Error(
            `The PagerDuty simulator refused the webhook subscription: HTTP ${response.status}`,
          );
        }
        logger.info(
          `Demo mode: PagerDuty simulator on ${sim.url} (${
            sim.state.services.size
          } services${
            simulator.scenario
              ? `, scenario ${simulator.scenario} in progress`
              : ''
          }); webhooks go to ${receiver}. Drive it with: yarn demo --help`,
        );
      },
    });
  },
});
