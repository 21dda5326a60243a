import { Config } from '@backstage/config';
import { AlertSource } from '@status-layer/plugin-status-node';
import { DEFAULT_MAX_REQUESTS_PER_MINUTE } from './RequestRateLimit';

/** Firing alerts one source may keep, unless configured otherwise. */
export const DEFAULT_MAX_FIRING_PER_SOURCE = 10_000;

/** What bounds each source's alerts. */
export type AlertLimits = {
  /** Requests a source may send per minute; more are refused with 429. */
  maxRequestsPerMinute(source: string): number;
  /** Firing alerts a source may keep; new ones past it are refused. */
  maxFiring(source: string): number;
  /** After how long without a resend a firing alert may have ended (stale). */
  staleAfterMs(source: string): number | undefined;
  /** After how long without a resend a firing alert is resolved. */
  expireAfterMs(source: string): number | undefined;
};

/**
 * The bounds of every source: `status.alerts.maxFiringPerSource` (10,000),
 * `status.alerts.maxRequestsPerMinute` (6,000), and per source
 * `status.alerts.sources.<id>.{maxFiring, maxRequestsPerMinute,
 * staleAfterMinutes, expireAfterMinutes}`; staleness and expiry default to twice and six times
 * the interval at which the tool re-sends a firing alert, for tools that do.
 */
export function readAlertLimits(
  config: Config,
  sources: AlertSource[],
): AlertLimits {
  const maxPerSource =
    config.getOptionalNumber('status.alerts.maxFiringPerSource') ??
    DEFAULT_MAX_FIRING_PER_SOURCE;
  const settings = (id: string) =>
    config.getOptionalConfig(`status.alerts.sources.${id}`);
  const resend = (id: string) =>
    sources.find(s => s.id === id)?.resendIntervalMinutes;
  const minutes = (id: string, key: string, times: number) => {
    const configured = settings(id)?.getOptionalNumber(key);
    if (configured !== undefined) return configured * 60_000;
    const interval = resend(id);
    return interval === undefined ? undefined : interval * times * 60_000;
  };
  const maxRequests =
    config.getOptionalNumber('status.alerts.maxRequestsPerMinute') ??
    DEFAULT_MAX_REQUESTS_PER_MINUTE;
  return {
    maxRequestsPerMinute: id =>
      settings(id)?.getOptionalNumber('maxRequestsPerMinute') ?? maxRequests,
    maxFiring: id =>
      settings(id)?.getOptionalNumber('maxFiring') ?? maxPerSource,
    staleAfterMs: id => minutes(id, 'staleAfterMinutes', 2),
    expireAfterMs: id => minutes(id, 'expireAfterMinutes', 6),
  };
}
