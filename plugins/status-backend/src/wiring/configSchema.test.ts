import { loadConfigSchema } from '@backstage/config-loader';

/**
 * Every secret the plugin's configuration takes, each with a marker value
 * that must never survive a filter for the frontend or the backend's
 * non-secret view (what `backstage-cli config:print` and the frontend show).
 */
const statusConfig = {
  encryptionKey: 'SECRET-encryption-key',
  pagerDuty: {
    apiToken: 'SECRET-api-token',
    oauth: {
      clientId: 'visible-client-id',
      clientSecret: 'SECRET-client-secret',
      subdomain: 'acme',
    },
    webhookSecrets: ['SECRET-webhook-secret'],
    accounts: {
      europe: {
        apiToken: 'SECRET-account-token',
        oauth: {
          clientId: 'visible-account-client-id',
          clientSecret: 'SECRET-account-client-secret',
          subdomain: 'acme-eu',
          region: 'eu',
        },
        webhookSecrets: ['SECRET-account-webhook-secret'],
      },
    },
  },
  alerts: { sources: { grafana: { secret: 'SECRET-grafana' } } },
  public: { tokenSecret: 'SECRET-public-token-secret' },
  demo: { simulator: { apiToken: 'SECRET-simulator-token' } },
};

const baseConfig = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: {
    baseUrl: 'http://localhost:7007',
    listen: { port: 7007 },
    database: { client: 'better-sqlite3', connection: ':memory:' },
  },
};

describe('the configuration schema (config.d.ts)', () => {
  it('marks every secret, here and under each account, as secret', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['@status-layer/plugin-status-backend'],
    });
    const [filtered] = schema.process(
      [{ data: { ...baseConfig, status: statusConfig }, context: 'test' }],
      { visibility: ['frontend', 'backend'] },
    );
    const shown = JSON.stringify(filtered.data);

    expect(shown).not.toContain('SECRET-');
    // what is not secret stays, so the filter did not drop everything
    expect(shown).toContain('visible-client-id');
    expect(shown).toContain('visible-account-client-id');
  }, 60_000);
});
