import { LoggerService } from '@backstage/backend-plugin-api';
import { StatusStore } from '../../database';
import { PagerDutyClient } from '../PagerDutyClient';
import { PAGERDUTY_WEBHOOK_EVENT_TYPES } from './PagerDutyWebhookProcessor';
import { storedWebhookSecretsKey } from './webhookSecrets';

/**
 * Makes sure PagerDuty sends this account's webhooks to `url`: finds the
 * subscription for it, or creates one and keeps the signing secret PagerDuty
 * returns (only on creation) in the store. A subscription that exists but
 * whose secret this backend never saw is reported, not replaced.
 */
export async function ensureWebhookSubscription(options: {
  account: string;
  client: PagerDutyClient;
  store: StatusStore;
  url: string;
  logger: LoggerService;
}): Promise<'exists' | 'created' | 'secret-unknown'> {
  const { account, client, store, url, logger } = options;
  const key = storedWebhookSecretsKey(account);
  const stored = await store.getMeta(key);
  const subscriptions = await client.list<any>(
    '/webhook_subscriptions',
    {},
    'webhook_subscriptions',
  );
  const existing = subscriptions.find(s => s.delivery_method?.url === url);
  if (existing) {
    if (stored) return 'exists';
    logger.warn(
      `PagerDuty account ${account} already sends webhooks to ${url} (subscription ${existing.id}), but its secret is unknown here: set status.pagerDuty.webhookSecrets, or delete that subscription to let the backend create a new one`,
    );
    return 'secret-unknown';
  }
  const created = await client.post<any>(
    '/webhook_subscriptions',
    {
      webhook_subscription: {
        type: 'webhook_subscription',
        description: 'Backstage status portal',
        delivery_method: { type: 'http_delivery_method', url },
        events: PAGERDUTY_WEBHOOK_EVENT_TYPES,
        filter: { type: 'account_reference' },
      },
    },
    'webhook_subscription',
  );
  const secret = created?.delivery_method?.secret;
  if (typeof secret !== 'string' || !secret) {
    throw new Error(
      `PagerDuty created webhook subscription ${created?.id} without returning its secret`,
    );
  }
  const previous: string[] = stored ? JSON.parse(stored.value) : [];
  // the last few: a demo simulator starts afresh on every restart
  await store.setMeta(key, JSON.stringify([...previous, secret].slice(-5)));
  logger.info(
    `Created PagerDuty webhook subscription ${created.id} for account ${account}: events go to ${url}`,
  );
  return 'created';
}
