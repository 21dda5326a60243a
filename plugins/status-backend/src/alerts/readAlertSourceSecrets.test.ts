import { ConfigReader } from '@backstage/config';
import { readAlertSourceSecrets } from './createWebhookRouter';

describe('readAlertSourceSecrets', () => {
  it('reads each configured secret, ignoring blank ones', () => {
    const secrets = readAlertSourceSecrets(
      new ConfigReader({
        status: {
          alerts: {
            sources: {
              alertmanager: { secret: ' am ' },
              datadog: { secret: '  ' },
            },
          },
        },
      }),
    );
    expect(Object.fromEntries(secrets)).toEqual({ alertmanager: 'am' });
  });

  it('gives demo secrets only in demo mode, and configured ones win', () => {
    const secrets = readAlertSourceSecrets(
      new ConfigReader({
        status: { alerts: { sources: { grafana: { secret: 'real' } } } },
      }),
      { demoSourceIds: ['grafana', 'azure'] },
    );
    expect(Object.fromEntries(secrets)).toEqual({
      grafana: 'real',
      azure: 'demo-azure-secret',
    });
    expect(readAlertSourceSecrets(new ConfigReader({})).size).toBe(0);
  });
});
