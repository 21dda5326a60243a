import { Config } from '@backstage/config';
import { DEFAULT_PAGERDUTY_ACCOUNT } from '@internal/plugin-status-common';
import { StatusStore } from '../../database';
import { WebhookSecret } from './signature';

/** Where a subscription's secret is kept once the backend created it. */
export const storedWebhookSecretsKey = (account: string) =>
  `pagerduty:${account}:webhook-secrets`;

/**
 * Every secret a PagerDuty webhook may be signed with: from config
 * (`status.pagerDuty.webhookSecrets`, per account under
 * `status.pagerDuty.accounts.<name>.webhookSecrets`) and those of the
 * subscriptions the backend created itself. Re-read at most every 5 s.
 */
export function webhookSecretsProvider(
  config: Config,
  store: StatusStore,
  accounts: string[],
): () => Promise<WebhookSecret[]> {
  const configured: WebhookSecret[] = [];
  const add = (account: string, secrets?: string[]) => {
    for (const secret of secrets ?? [])
      if (secret.trim()) configured.push({ account, secret: secret.trim() });
  };
  add(
    DEFAULT_PAGERDUTY_ACCOUNT,
    config.getOptionalStringArray('status.pagerDuty.webhookSecrets'),
  );
  const named = config.getOptionalConfig('status.pagerDuty.accounts');
  for (const name of named?.keys() ?? [])
    add(name, named!.getOptionalStringArray(`${name}.webhookSecrets`));

  let cached: { at: number; secrets: WebhookSecret[] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < 5_000) return cached.secrets;
    const stored: WebhookSecret[] = [];
    for (const account of accounts) {
      const meta = await store.getMeta(storedWebhookSecretsKey(account));
      for (const secret of meta ? (JSON.parse(meta.value) as string[]) : [])
        stored.push({ account, secret });
    }
    cached = { at: Date.now(), secrets: [...configured, ...stored] };
    return cached.secrets;
  };
}
