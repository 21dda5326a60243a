import { Config } from '@backstage/config';
import { DEFAULT_PAGERDUTY_ACCOUNT } from '@status-layer/plugin-status-common';
import { WebhookSecret } from './signature';
import { WebhookSecretVault } from './WebhookSecretVault';

/** Every configured webhook secret, by account. */
export function readConfiguredWebhookSecrets(config: Config): WebhookSecret[] {
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
  return configured;
}

/**
 * Every secret a PagerDuty webhook may be signed with: from config
 * (`status.pagerDuty.webhookSecrets`, per account under
 * `status.pagerDuty.accounts.<name>.webhookSecrets`) and those of the
 * subscriptions the backend created itself. Re-read at most every 5 s.
 */
export function webhookSecretsProvider(
  config: Config,
  vault: WebhookSecretVault,
  accounts: string[],
): () => Promise<WebhookSecret[]> {
  const configured = readConfiguredWebhookSecrets(config);
  let cached: { at: number; secrets: WebhookSecret[] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < 5_000) return cached.secrets;
    const stored: WebhookSecret[] = [];
    for (const account of accounts) {
      for (const secret of await vault.list(account))
        stored.push({ account, secret });
    }
    cached = { at: Date.now(), secrets: [...configured, ...stored] };
    return cached.secrets;
  };
}
