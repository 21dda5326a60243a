import { Config } from '@backstage/config';

/** PagerDuty's REST API, unless configured otherwise. */
export const DEFAULT_PAGERDUTY_API_BASE_URL = 'https://api.pagerduty.com';

/** The port of the demo's PagerDuty simulator, unless configured otherwise. */
export const DEFAULT_SIMULATOR_PORT = 7008;

/** The token the demo's PagerDuty simulator accepts, unless configured otherwise. */
export const DEFAULT_SIMULATOR_TOKEN = 'simulator-token';

/**
 * Where the status backend reads PagerDuty from.
 *
 * @public
 */
export type PagerDutyConnection =
  | { mode: 'live'; apiBaseUrl: string; apiToken: string }
  | {
      mode: 'simulated';
      apiBaseUrl: string;
      apiToken: string;
      simulator: {
        port: number;
        seed: number;
        scenario?: string;
        missingServiceIds: string[];
      };
    }
  | { mode: 'unconfigured' };

/**
 * Reads the PagerDuty connection from config: the real PagerDuty when
 * `status.pagerDuty.apiToken` is set; otherwise the demo's simulator when
 * `status.demo.simulator.enabled` is true; otherwise none.
 *
 * @public
 */
export function readPagerDutyConnection(config: Config): PagerDutyConnection {
  const apiToken = config
    .getOptionalString('status.pagerDuty.apiToken')
    ?.trim();
  if (apiToken) {
    return {
      mode: 'live',
      apiToken,
      apiBaseUrl:
        config.getOptionalString('status.pagerDuty.apiBaseUrl') ??
        DEFAULT_PAGERDUTY_API_BASE_URL,
    };
  }
  const simulator = config.getOptionalConfig('status.demo.simulator');
  if (simulator?.getOptionalBoolean('enabled')) {
    const port = simulator.getOptionalNumber('port') ?? DEFAULT_SIMULATOR_PORT;
    return {
      mode: 'simulated',
      apiBaseUrl: `http://127.0.0.1:${port}`,
      apiToken:
        simulator.getOptionalString('apiToken') ?? DEFAULT_SIMULATOR_TOKEN,
      simulator: {
        port,
        seed: simulator.getOptionalNumber('seed') ?? 42,
        scenario: simulator.getOptionalString('scenario'),
        missingServiceIds:
          simulator.getOptionalStringArray('missingServiceIds') ?? [],
      },
    };
  }
  return { mode: 'unconfigured' };
}
