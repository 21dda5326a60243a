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
      accounts: [
        {
          name: 'default',
          apiToken: 'real-token',
          apiBaseUrl: 'https://api.pagerduty.com',
        },
      ],
    });
  });

  it('reads several accounts, each with its own token, region and budget', () => {
    const config = new ConfigReader({
      status: {
        pagerDuty: {
          apiToken: 'us-token',
          requestsPerMinute: 300,
          accounts: {
            eu: {
              apiToken: 'eu-token',
              apiBaseUrl: 'https://api.eu.pagerduty.com',
            },
            acquired: { apiToken: 'acq-token', requestsPerMinute: 100 },
          },
        },
      },
    });
    expect(readPagerDutyConnection(config)).toEqual({
      mode: 'live',
      accounts: [
        {
          name: 'default',
          apiToken: 'us-token',
          apiBaseUrl: 'https://api.pagerduty.com',
          requestsPerMinute: 300,
        },
        {
          name: 'eu',
          apiToken: 'eu-token',
          apiBaseUrl: 'https://api.eu.pagerduty.com',
          requestsPerMinute: 300,
        },
        {
          name: 'acquired',
          apiToken: 'acq-token',
          apiBaseUrl: 'https://api.pagerduty.com',
          requestsPerMinute: 100,
        },
      ],
    });
  });

  it('refuses an account without a token, and two default accounts', () => {
    expect(() =>
      readPagerDutyConnection(
        new ConfigReader({
          status: { pagerDuty: { accounts: { eu: { apiToken: ' ' } } } },
        }),
      ),
    ).toThrow('status.pagerDuty.accounts.eu.apiToken is missing or empty');
    expect(() =>
      readPagerDutyConnection(
        new ConfigReader({
          status: {
            pagerDuty: {
              apiToken: 'a',
              accounts: { default: { apiToken: 'b' } },
            },
          },
        }),
      ),
    ).toThrow('keep one');
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
      accounts: [
        {
          name: 'default',
          apiBaseUrl: 'http://127.0.0.1:7100',
          apiToken: 'simulator-token',
        },
      ],
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
      accounts: [],
    });
    expect(
      readPagerDutyConnection(
        new ConfigReader({
          status: { demo: { simulator: { enabled: false } } },
        }),
      ),
    ).toEqual({ mode: 'unconfigured', accounts: [] });
  });
});
