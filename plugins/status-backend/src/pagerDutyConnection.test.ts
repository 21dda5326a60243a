import { ConfigReader } from '@backstage/config';
import { readPagerDutyConnection } from './pagerDutyConnection';

describe('readPagerDutyConnection', () => {
  it('uses the real PagerDuty whenever a token is configured, even with the demo enabled', () => {
    const config = new ConfigReader({
      status: {
        pagerDuty: { apiToken: 'real-token' },
        demo: { enabled: true },
      },
    });
    expect(
      readPagerDutyConnection(config, { enabled: true, because: 'test' }),
    ).toEqual({
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

  it('uses the simulator without a token when the demo is on', () => {
    const config = new ConfigReader({
      status: {
        pagerDuty: { apiToken: '  ' },
        demo: {
          enabled: true,
          simulator: {
            port: 7100,
            scenario: 'auth-outage',
            missingServiceIds: ['PNOSUCH'],
          },
        },
      },
    });
    expect(
      readPagerDutyConnection(config, { enabled: true, because: 'test' }),
    ).toEqual({
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

  it('is unconfigured with neither, and when the demo was refused', () => {
    expect(readPagerDutyConnection(new ConfigReader({}))).toEqual({
      mode: 'unconfigured',
      accounts: [],
    });
    // asked for, on every interface of a production build: no simulator
    expect(
      readPagerDutyConnection(
        new ConfigReader({
          backend: { listen: ':7007' },
          status: { demo: { enabled: true } },
        }),
        { enabled: false, refusal: 'not on loopback' },
      ),
    ).toEqual({ mode: 'unconfigured', accounts: [] });
  });
});
