import { Config } from '@backstage/config';
import { DEFAULT_PAGERDUTY_ACCOUNT } from '@status-layer/plugin-status-common';
import { DemoMode, readDemoMode } from './demoMode';
import {
  DEFAULT_PAGERDUTY_TOKEN_URL,
  PagerDutyOAuthApp,
} from '../pagerduty/auth/ClientCredentialsAuthorization';

/** PagerDuty's REST API, unless configured otherwise. */
export const DEFAULT_PAGERDUTY_API_BASE_URL = 'https://api.pagerduty.com';

/** The port of the demo's PagerDuty simulator, unless configured otherwise. */
export const DEFAULT_SIMULATOR_PORT = 7008;

/** The token the demo's PagerDuty simulator accepts, unless configured otherwise. */
export const DEFAULT_SIMULATOR_TOKEN = 'simulator-token';

/** The EU service region's REST API. */
const EU_API_BASE_URL = 'https://api.eu.pagerduty.com';
/** PagerDuty's Events API v2, in each service region. */
const DEFAULT_PAGERDUTY_EVENTS_BASE_URL = 'https://events.pagerduty.com';
const EU_EVENTS_BASE_URL = 'https://events.eu.pagerduty.com';

/**
 * The demo's Scoped OAuth app (`status.demo.simulator.oauth: true`): the
 * simulator registers it, the backend signs in with it. Not a secret: it
 * opens nothing but the simulator on 127.0.0.1.
 */
export const DEMO_OAUTH_APP = {
  clientId: 'meridian-status-demo',
  clientSecret: 'demo-client-secret',
  subdomain: 'meridian',
  region: 'us',
} as const;

/**
 * One PagerDuty account the backend reads: `default` from
 * `status.pagerDuty.apiToken`, others from `status.pagerDuty.accounts.<name>`.
 *
 * @public
 */
export type PagerDutyAccountConnection = {
  /** The name entities use in their `pagerduty.com/account` annotation. */
  name: string;
  apiBaseUrl: string;
  /** A REST API key or ready-made token; absent when a Scoped OAuth app (`oauth`) signs in. */
  apiToken?: string;
  /** A Scoped OAuth app whose tokens are fetched and renewed (client credentials). */
  oauth?: PagerDutyOAuthApp;
  /** How the token is sent: `token` (a REST API key) or `bearer` (an OAuth or scoped token). */
  tokenType?: 'token' | 'bearer';
  /** This account's own request budget; each account has its own rate limit. */
  requestsPerMinute?: number;
  /** Where its Events API v2 is, e.g. `https://events.pagerduty.com` (reports through integration keys). */
  eventsBaseUrl: string;
};

/**
 * Where the status backend reads PagerDuty from.
 *
 * @public
 */
export type PagerDutyConnection =
  | { mode: 'live'; accounts: PagerDutyAccountConnection[] }
  | {
      mode: 'simulated';
      accounts: PagerDutyAccountConnection[];
      simulator: {
        port: number;
        seed: number;
        scenario?: string;
        missingServiceIds: string[];
      };
    }
  | { mode: 'unconfigured'; accounts: [] };

function readOAuthApp(
  where: string,
  config: Config,
  fallback: Config | undefined,
): PagerDutyOAuthApp {
  const region =
    config.getOptionalString('region') ??
    fallback?.getOptionalString('oauth.region') ??
    'us';
  if (region !== 'us' && region !== 'eu') {
    throw new Error(
      `${where}.oauth.region must be "us" or "eu" (PagerDuty's service regions), not "${region}"`,
    );
  }
  const subdomain = config.getString('subdomain').trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(subdomain)) {
    throw new Error(
      `${where}.oauth.subdomain must be the account's subdomain (acme for acme.pagerduty.com), not "${subdomain}"`,
    );
  }
  return {
    clientId: config.getString('clientId').trim(),
    clientSecret: config.getString('clientSecret').trim(),
    subdomain,
    region,
    tokenUrl:
      config.getOptionalString('tokenUrl') ??
      fallback?.getOptionalString('oauth.tokenUrl') ??
      DEFAULT_PAGERDUTY_TOKEN_URL,
  };
}

function readAccount(
  name: string,
  where: string,
  config: Config | undefined,
  fallback: Config | undefined,
): PagerDutyAccountConnection | undefined {
  const apiToken = config?.getOptionalString('apiToken')?.trim();
  const oauthConfig = config?.getOptionalConfig('oauth');
  if (!config || (!apiToken && !oauthConfig)) return undefined;
  if (apiToken && oauthConfig) {
    throw new Error(
      `${where} sets both apiToken and oauth; keep one (a Scoped OAuth app is the safer choice)`,
    );
  }
  const oauth = oauthConfig
    ? readOAuthApp(where, oauthConfig, fallback)
    : undefined;
  const tokenType =
    config.getOptionalString('tokenType') ??
    fallback?.getOptionalString('tokenType');
  if (tokenType && tokenType !== 'token' && tokenType !== 'bearer') {
    throw new Error(
      `status.pagerDuty tokenType must be "token" (a REST API key) or "bearer" (an OAuth or scoped token), not "${tokenType}"`,
    );
  }
  return {
    name,
    ...(apiToken ? { apiToken } : {}),
    ...(oauth ? { oauth } : {}),
    ...(tokenType && apiToken
      ? { tokenType: tokenType as 'token' | 'bearer' }
      : {}),
    apiBaseUrl:
      config.getOptionalString('apiBaseUrl') ??
      fallback?.getOptionalString('apiBaseUrl') ??
      (oauth?.region === 'eu'
        ? EU_API_BASE_URL
        : DEFAULT_PAGERDUTY_API_BASE_URL),
    requestsPerMinute:
      config.getOptionalNumber('requestsPerMinute') ??
      fallback?.getOptionalNumber('requestsPerMinute'),
    eventsBaseUrl:
      config.getOptionalString('eventsBaseUrl') ??
      fallback?.getOptionalString('eventsBaseUrl') ??
      (oauth?.region === 'eu'
        ? EU_EVENTS_BASE_URL
        : DEFAULT_PAGERDUTY_EVENTS_BASE_URL),
  };
}

/**
 * Reads the PagerDuty connection from config: the real PagerDuty when
 * `status.pagerDuty.apiToken` or any `status.pagerDuty.accounts.<name>.apiToken`
 * is set; otherwise the demo's simulator (`status.demo.simulator`) when the
 * demo is on (see {@link readDemoMode}); otherwise none.
 *
 * @public
 */
export function readPagerDutyConnection(
  config: Config,
  demo: DemoMode = readDemoMode(config),
): PagerDutyConnection {
  // settings beside the default token apply to every account unless overridden
  const pagerDuty = config.getOptionalConfig('status.pagerDuty');
  const accounts: PagerDutyAccountConnection[] = [];
  const defaultAccount = readAccount(
    DEFAULT_PAGERDUTY_ACCOUNT,
    'status.pagerDuty',
    pagerDuty,
    pagerDuty,
  );
  if (defaultAccount) accounts.push(defaultAccount);
  const named = config.getOptionalConfig('status.pagerDuty.accounts');
  for (const name of named?.keys() ?? []) {
    if (name === DEFAULT_PAGERDUTY_ACCOUNT && defaultAccount) {
      throw new Error(
        `status.pagerDuty.accounts.${DEFAULT_PAGERDUTY_ACCOUNT} and status.pagerDuty.apiToken (or oauth) both configure the default PagerDuty account; keep one`,
      );
    }
    const account = readAccount(
      name,
      `status.pagerDuty.accounts.${name}`,
      named!.getConfig(name),
      pagerDuty,
    );
    if (!account) {
      throw new Error(
        `status.pagerDuty.accounts.${name} needs an apiToken or an oauth app (clientId, clientSecret, subdomain)`,
      );
    }
    accounts.push(account);
  }
  if (accounts.length) return { mode: 'live', accounts };

  const simulator = config.getOptionalConfig('status.demo.simulator');
  if (demo.enabled) {
    const port = simulator?.getOptionalNumber('port') ?? DEFAULT_SIMULATOR_PORT;
    const apiBaseUrl = `http://127.0.0.1:${port}`;
    // the demo signs in as PagerDuty's scoped OAuth apps do, when asked to
    const credentials = simulator?.getOptionalBoolean('oauth')
      ? { oauth: { ...DEMO_OAUTH_APP, tokenUrl: `${apiBaseUrl}/oauth/token` } }
      : {
          apiToken:
            simulator?.getOptionalString('apiToken') ?? DEFAULT_SIMULATOR_TOKEN,
        };
    return {
      mode: 'simulated',
      accounts: [
        {
          name: DEFAULT_PAGERDUTY_ACCOUNT,
          apiBaseUrl,
          // the simulator serves the Events API beside its REST API
          eventsBaseUrl: apiBaseUrl,
          ...credentials,
        },
      ],
      simulator: {
        port,
        seed: simulator?.getOptionalNumber('seed') ?? 42,
        scenario: simulator?.getOptionalString('scenario'),
        missingServiceIds:
          simulator?.getOptionalStringArray('missingServiceIds') ?? [],
      },
    };
  }
  return { mode: 'unconfigured', accounts: [] };
}
