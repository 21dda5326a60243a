import { LoggerService } from '@backstage/backend-plugin-api';
import { pagerDutySourceName } from '@status-layer/plugin-status-common';
import { StatusStore } from '../../database';
import { PagerDutyClient } from '../PagerDutyClient';
import { PAGERDUTY_WEBHOOK_EVENT_TYPES } from './PagerDutyWebhookProcessor';
import { WebhookSecretVault } from './WebhookSecretVault';

/** How the backend's own subscriptions are told apart from others on the same URL. */
export const WEBHOOK_SUBSCRIPTION_DESCRIPTION = 'Backstage status portal';

/** What checking an account's webhook subscription found or did. */
export type WebhookSubscriptionCheck =
  | 'exists'
  | 'created'
  | 're-enabled'
  | 'secret-unknown'
  | 'switched-off'
  | 'cannot-re-enable';

/**
 * Makes sure PagerDuty sends this account's webhooks to `url`: finds our
 * subscription (by URL and description, so a create whose answer was lost is
 * found, not made again), re-enables it when PagerDuty disabled it after
 * rejected deliveries, or creates one and keeps the signing secret PagerDuty
 * returns (only on creation) in the vault. What it cannot mend (a subscription
 * whose secret this backend never saw, one a person switched off, a token
 * that may not re-enable) is reported on the webhooks channel's freshness.
 */
export async function ensureWebhookSubscription(options: {
  account: string;
  client: PagerDutyClient;
  store: StatusStore;
  /** Where the secrets of subscriptions it creates are kept. */
  vault: WebhookSecretVault;
  url: string;
  logger: LoggerService;
  now?: () => Date;
}): Promise<WebhookSubscriptionCheck> {
  const { account, client, store, url, logger } = options;
  const report = async (message: string) => {
    logger.warn(message);
    await store.recordSourceAttempt(pagerDutySourceName(account, 'webhooks'), {
      at: options.now?.() ?? new Date(),
      ok: false,
      error: message,
    });
  };
  const known = (await options.vault.list(account)).length > 0;
  const subscriptions = await client.list<any>(
    '/webhook_subscriptions',
    {},
    'webhook_subscriptions',
  );
  const onUrl = subscriptions.filter(s => s.delivery_method?.url === url);
  const described = onUrl.filter(
    s => s.description === WEBHOOK_SUBSCRIPTION_DESCRIPTION,
  );
  // ours by URL and description; by URL alone for one made by hand
  const ours = described.length ? described : onUrl;
  if (ours.length > 1) {
    logger.warn(
      `PagerDuty account ${account} has ${
        ours.length
      } webhook subscriptions to ${url} (${ours
        .map(s => s.id)
        .join(
          ', ',
        )}): each event arrives several times (they are recognised and stored once); delete the extra ones in PagerDuty`,
    );
  }
  const existing = ours.find(s => s.active !== false) ?? ours[0];
  if (existing) {
    if (!known) {
      await report(
        `PagerDuty account ${account} already sends webhooks to ${url} (subscription ${
          existing.id
        }), but its secret is unknown here: set status.pagerDuty.webhookSecrets, or delete that subscription to let the backend create a new one${
          options.vault.persistent
            ? ''
            : ' (set status.encryptionKey so that the secret of the one it creates survives restarts)'
        }`,
      );
      return 'secret-unknown';
    }
    if (existing.active === false) {
      await report(
        `The PagerDuty webhook subscription ${existing.id} of account ${account} is switched off (active: false); switch it on in PagerDuty to get changes within seconds`,
      );
      return 'switched-off';
    }
    if (existing.delivery_method?.temporarily_disabled) {
      try {
        await client.post(
          `/webhook_subscriptions/${existing.id}/enable`,
          undefined,
          'webhook_subscription',
        );
      } catch (error) {
        await report(
          `PagerDuty disabled the webhook subscription ${
            existing.id
          } of account ${account} after rejected deliveries, and it could not be re-enabled (${
            (error as Error).message
          }); re-enable it in PagerDuty, or give the token the webhook_subscriptions.write scope`,
        );
        return 'cannot-re-enable';
      }
      logger.warn(
        `Re-enabled the PagerDuty webhook subscription ${existing.id} of account ${account}, which PagerDuty had disabled after rejected deliveries`,
      );
      return 're-enabled';
    }
    const missing = PAGERDUTY_WEBHOOK_EVENT_TYPES.filter(
      type => !(existing.events ?? []).includes(type),
    );
    if (missing.length) {
      // a subscription created by an earlier version lacks newer event types
      try {
        await client.put(
          `/webhook_subscriptions/${existing.id}`,
          {
            webhook_subscription: {
              events: [...new Set([...(existing.events ?? []), ...missing])],
            },
          },
          'webhook_subscription',
        );
        logger.info(
          `Added ${missing.join(', ')} to the PagerDuty webhook subscription ${
            existing.id
          } of account ${account}`,
        );
      } catch (error) {
        logger.warn(
          `Could not add ${missing.join(
            ', ',
          )} to the PagerDuty webhook subscription ${
            existing.id
          } of account ${account} (${
            (error as Error).message
          }): those changes arrive by polling only`,
        );
      }
    }
    return 'exists';
  }
  const created = await client.post<any>(
    '/webhook_subscriptions',
    {
      webhook_subscription: {
        type: 'webhook_subscription',
        description: WEBHOOK_SUBSCRIPTION_DESCRIPTION,
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
  await options.vault.add(account, secret);
  logger.info(
    `Created PagerDuty webhook subscription ${created.id} for account ${account}: events go to ${url}`,
  );
  return 'created';
}
