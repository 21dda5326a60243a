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
          eventsBaseUrl: 'https://events.pagerduty.com',
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
              eventsBaseUrl: 'https://events.eu.pagerduty.com',
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
          eventsBaseUrl: 'https://events.pagerduty.com',
        },
        {
          name: 'eu',
          apiToken: 'eu-token',
          apiBaseUrl: 'https://api.eu.pagerduty.com',
          requestsPerMinute: 300,
          eventsBaseUrl: 'https://events.eu.pagerduty.com',
        },
        {
          name: 'acquired',
          apiToken: 'acq-token',
          apiBaseUrl: 'https://api.pagerduty.com',
          requestsPerMinute: 100,
          eventsBaseUrl: 'https://events.pagerduty.com',
        },
      ],
    });
  });

  it('reads Scoped OAuth apps, mixed with keys across accounts, the EU region changing the default API', () => {
    const config = new ConfigReader({
      status: {
        pagerDuty: {
          oauth: {
            clientId: 'status-app',
            clientSecret: 'the-secret',
            subdomain: 'Meridian',
          },
          accounts: {
            eu: {
              oauth: {
                clientId: 'eu-app',
                clientSecret: 'eu-secret',
                subdomain: 'meridian-eu',
                region: 'eu',
              },
            },
            acquired: { apiToken: 'acq-token' },
          },
        },
      },
    });
    expect(readPagerDutyConnection(config).accounts).toEqual([
      {
        name: 'default',
        apiBaseUrl: 'https://api.pagerduty.com',
        eventsBaseUrl: 'https://events.pagerduty.com',
        oauth: {
          clientId: 'status-app',
          clientSecret: 'the-secret',
          subdomain: 'meridian',
          region: 'us',
          tokenUrl: 'https://identity.pagerduty.com/oauth/token',
        },
      },
      {
        name: 'eu',
        apiBaseUrl: 'https://api.eu.pagerduty.com',
        eventsBaseUrl: 'https://events.eu.pagerduty.com',
        oauth: {
          clientId: 'eu-app',
          clientSecret: 'eu-secret',
          subdomain: 'meridian-eu',
          region: 'eu',
          tokenUrl: 'https://identity.pagerduty.com/oauth/token',
        },
      },
      {
        name: 'acquired',
        apiToken: 'acq-token',
        apiBaseUrl: 'https://api.pagerduty.com',
        eventsBaseUrl: 'https://events.pagerduty.com',
      },
    ]);
  });

  it('refuses an OAuth app with a key beside it, an unknown region or a URL for a subdomain', () => {
    const read = (pagerDuty: object) => () =>
      readPagerDutyConnection(new ConfigReader({ status: { pagerDuty } }));
    const oauth = { clientId: 'a', clientSecret: 'b', subdomain: 'acme' };
    expect(read({ apiToken: 'x', oauth })).toThrow(
      'status.pagerDuty sets both apiToken and oauth; keep one',
    );
    expect(read({ oauth: { ...oauth, region: 'ap' } })).toThrow(
      /region must be "us" or "eu"/,
    );
    expect(
      read({ oauth: { ...oauth, subdomain: 'https://acme.pagerduty.com' } }),
    ).toThrow(/the account's subdomain \(acme for acme.pagerduty.com\)/);
    expect(read({ accounts: { eu: {} } })).toThrow(
      'status.pagerDuty.accounts.eu needs an apiToken or an oauth app (clientId, clientSecret, subdomain)',
    );
  });

  it('signs in to the demo simulator as a Scoped OAuth app when asked', () => {
    const config = new ConfigReader({
      status: { demo: { simulator: { port: 7123, oauth: true } } },
    });
    expect(
      readPagerDutyConnection(config, { enabled: true, because: 'test' })
        .accounts[0],
    ).toEqual({
      name: 'default',
      apiBaseUrl: 'http://127.0.0.1:7123',
      eventsBaseUrl: 'http://127.0.0.1:7123',
      oauth: {
        clientId: 'meridian-status-demo',
        clientSecret: 'demo-client-secret',
        subdomain: 'meridian',
        region: 'us',
        tokenUrl: 'http://127.0.0.1:7123/oauth/token',
      },
    });
  });

  it('refuses an account without a token, and two default accounts', () => {
    expect(() =>
      readPagerDutyConnection(
        new ConfigReader({
          status: { pagerDuty: { accounts: { eu: { apiToken: ' ' } } } },
        }),
      ),
    ).toThrow(
      'status.pagerDuty.accounts.eu needs an apiToken or an oauth app (clientId, clientSecret, subdomain)',
    );
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
          eventsBaseUrl: 'http://127.0.0.1:7100',
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
