import { Config } from '@backstage/config';
import { DEFAULT_PAGERDUTY_ACCOUNT } from '@status-layer/plugin-status-common';
import { DemoMode, readDemoMode } from './demoMode';

/** PagerDuty's REST API, unless configured otherwise. */
export const DEFAULT_PAGERDUTY_API_BASE_URL = 'https://api.pagerduty.com';

/** The port of the demo's PagerDuty simulator, unless configured otherwise. */
export const DEFAULT_SIMULATOR_PORT = 7008;

/** The token the demo's PagerDuty simulator accepts, unless configured otherwise. */
export const DEFAULT_SIMULATOR_TOKEN = 'simulator-token';

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
  apiToken: string;
  /** How the token is sent: `token` (a REST API key) or `bearer` (an OAuth or scoped token). */
  tokenType?: 'token' | 'bearer';
  /** This account's own request budget; each account has its own rate limit. */
  requestsPerMinute?: number;
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

function readAccount(
  name: string,
  config: Config | undefined,
  fallback: Config | undefined,
): PagerDutyAccountConnection | undefined {
  const apiToken = config?.getOptionalString('apiToken')?.trim();
  if (!config || !apiToken) return undefined;
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
    apiToken,
    ...(tokenType ? { tokenType: tokenType as 'token' | 'bearer' } : {}),
    apiBaseUrl:
      config.getOptionalString('apiBaseUrl') ??
      fallback?.getOptionalString('apiBaseUrl') ??
      DEFAULT_PAGERDUTY_API_BASE_URL,
    requestsPerMinute:
      config.getOptionalNumber('requestsPerMinute') ??
      fallback?.getOptionalNumber('requestsPerMinute'),
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
    pagerDuty,
    pagerDuty,
  );
  if (defaultAccount) accounts.push(defaultAccount);
  const named = config.getOptionalConfig('status.pagerDuty.accounts');
  for (const name of named?.keys() ?? []) {
    if (name === DEFAULT_PAGERDUTY_ACCOUNT && defaultAccount) {
      throw new Error(
        `status.pagerDuty.accounts.${DEFAULT_PAGERDUTY_ACCOUNT} and status.pagerDuty.apiToken both configure the default PagerDuty account; keep one`,
      );
    }
    const account = readAccount(name, named!.getConfig(name), pagerDuty);
    if (!account) {
      throw new Error(
        `status.pagerDuty.accounts.${name}.apiToken is missing or empty`,
      );
    }
    accounts.push(account);
  }
  if (accounts.length) return { mode: 'live', accounts };

  const simulator = config.getOptionalConfig('status.demo.simulator');
  if (demo.enabled) {
    const port = simulator?.getOptionalNumber('port') ?? DEFAULT_SIMULATOR_PORT;
    return {
      mode: 'simulated',
      accounts: [
        {
          name: DEFAULT_PAGERDUTY_ACCOUNT,
          apiBaseUrl: `http://127.0.0.1:${port}`,
          apiToken:
            simulator?.getOptionalString('apiToken') ?? DEFAULT_SIMULATOR_TOKEN,
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
