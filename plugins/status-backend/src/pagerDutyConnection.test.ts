import { ConfigReader } from '@backstage/config';
import { readPagerDutyConnection } from './pagerDutyConnection';

describe('readPagerDutyConnection', () => {
  it('uses the real PagerDuty whenever a token is configured, even with the demo enabled', () => {
    const config = new ConfigReader({
      status: {
        pagerDuty: { apiToken: 'real-token' },
        demo: { simulator: { enabled: true } },
      },
    });
    expect(readPagerDutyConnection(config)).toEqual({
      mode: 'live',
      apiToken: 'real-token',
      apiBaseUrl: 'https://api.pagerduty.com',
    });
  });

  it('uses the simulator without a token when the demo is enabled', () => {
    const config = new ConfigReader({
      status: {
        pagerDuty: { apiToken: '  ' },
        demo: {
          simulator: {
            enabled: true,
            port: 7100,
            scenario: 'auth-outage',
            missingServiceIds: ['PNOSUCH'],
          },
        },
      },
    });
    expect(readPagerDutyConnection(config)).toEqual({
      mode: 'simulated',
      apiBaseUrl: 'http://127.0.0.1:7100',
      apiToken: 'simulator-token',
      simulator: {
        port: 7100,
        seed: 42,
        scenario: 'auth-outage',
        missingServiceIds: ['PNOSUCH'],
      },
    });
  });

  it('is unconfigured with neither', () => {
    expect(readPagerDutyConnection(new ConfigReader({}))).toEqual({
      mode: 'unconfigured',
    });
    expect(
      readPagerDutyConnection(
        new ConfigReader({
          status: { demo: { simulator: { enabled: false } } },
        }),
      ),
    ).toEqual({ mode: 'unconfigured' });
  });
});
