import {
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { StatusStore } from '../../database';
import { PagerDutyClient } from '../PagerDutyClient';
import { ensureWebhookSubscription } from './ensureWebhookSubscription';
import { WebhookSecretVault } from './WebhookSecretVault';
import {
  lacksScopesSentence,
  missingScopes,
  WEBHOOK_SUBSCRIPTION_SCOPES,
} from '../auth/scopes';

/**
 * Subscribes each PagerDuty account's webhooks to this backend, once, in the
 * background: when `status.pagerDuty.webhookSubscription.enabled` is set
 * (with its `publicUrl`), and always in demo mode, where the simulator sends
 * to this backend's own URL. A failure is logged; polling still works.
 */
export async function subscribeToWebhooks(options: {
  config: Config;
  mode: 'live' | 'simulated';
  clients: Map<string, PagerDutyClient>;
  store: StatusStore;
  vault: WebhookSecretVault;
  logger: LoggerService;
  discovery: DiscoveryService;
  scheduler: SchedulerService;
}) {
  const { config, mode, clients, store, logger } = options;
  const settings = config.getOptionalConfig(
    'status.pagerDuty.webhookSubscription',
  );
  const enabled =
    mode === 'simulated' || settings?.getOptionalBoolean('enabled') === true;
  if (!enabled) return;
  if (mode === 'live' && !options.vault.persistent) {
    logger.warn(
      'status.pagerDuty.webhookSubscription is enabled without status.encryptionKey: the secret of a subscription the backend creates is kept in memory only, so other replicas refuse its webhooks and a restart loses it. Set status.encryptionKey (the same on every replica)',
    );
  }
  const url =
    settings?.getOptionalString('publicUrl') ??
    `${await options.discovery.getExternalBaseUrl(
      'status',
    )}/webhooks/pagerduty`;
  // told once per account, not at every check
  const lackingScopes = new Set<string>();
  const ensureAll = async () => {
    for (const [account, client] of clients) {
      try {
        const missing = missingScopes(
          WEBHOOK_SUBSCRIPTION_SCOPES,
          await client.grantedScopes?.(),
        );
        if (missing.length) {
          if (!lackingScopes.has(account))
            logger.warn(
              `Not subscribing to PagerDuty webhooks of account ${account} (polling continues): ${lacksScopesSentence(
                missing,
              )}`,
            );
          lackingScopes.add(account);
          continue;
        }
        lackingScopes.delete(account);
        await ensureWebhookSubscription({
          account,
          client,
          store,
          vault: options.vault,
          url,
          logger,
        });
      } catch (error) {
        logger.warn(
          `Could not subscribe to PagerDuty webhooks of account ${account} (polling continues): ${error}`,
        );
      }
    }
  };
  if (mode === 'simulated') {
    // the demo's simulator starts empty with every backend start: subscribe now
    setTimeout(() => void ensureAll(), 500).unref?.();
    return;
  }
  // one replica checks at every sync: cheap (one request), and it repairs a
  // subscription someone deleted or PagerDuty disabled
  await options.scheduler.scheduleTask({
    id: 'status-pagerduty-webhook-subscription',
    scope: 'global',
    frequency: {
      seconds:
        config.getOptionalNumber('status.pagerDuty.syncIntervalSeconds') ?? 60,
    },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 1 },
    fn: ensureAll,
  });
}
