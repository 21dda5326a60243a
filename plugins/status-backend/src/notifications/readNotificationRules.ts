import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { OUTAGE_LEVELS, OutageLevel } from '@status-layer/plugin-status-common';

/** When and to whom upstream outages are notified. */
export type NotificationRules = {
  /** Off unless `status.notifications.enabled` is true. */
  enabled: boolean;
  /** The level an outage must pass to an entity before its owners are told. */
  minLevel: OutageLevel;
  /** How long an outage must last before anyone is told: shorter flaps never are. */
  minDurationMs: number;
  /** Owners (groups or users) never told as owners. */
  excludedOwners: Set<string>;
  /** How many entities, systems and groups one user may follow. */
  maxSubscriptionsPerUser: number;
  /**
   * Whether owning Groups are told too, for their channels (Teams, Slack),
   * in words every member may read.
   */
  channels: boolean;
};

/** `status.notifications` from config, checked. */
export function readNotificationRules(config: Config): NotificationRules {
  const section = config.getOptionalConfig('status.notifications');
  const minLevel = section?.getOptionalString('minLevel') ?? 'degraded';
  if (
    minLevel === 'operational' ||
    !(OUTAGE_LEVELS as readonly string[]).includes(minLevel)
  ) {
    throw new InputError(
      `status.notifications.minLevel must be degraded, partial_outage or major_outage, not "${minLevel}"`,
    );
  }
  const minDurationSeconds =
    section?.getOptionalNumber('minDurationSeconds') ?? 120;
  if (!(minDurationSeconds >= 0 && minDurationSeconds <= 86_400)) {
    throw new InputError(
      'status.notifications.minDurationSeconds must be between 0 and 86400',
    );
  }
  const maxSubscriptionsPerUser =
    section?.getOptionalNumber('maxSubscriptionsPerUser') ?? 200;
  if (
    !Number.isInteger(maxSubscriptionsPerUser) ||
    maxSubscriptionsPerUser < 1 ||
    maxSubscriptionsPerUser > 10_000
  ) {
    throw new InputError(
      'status.notifications.maxSubscriptionsPerUser must be a whole number from 1 to 10000',
    );
  }
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? false,
    minLevel: minLevel as OutageLevel,
    minDurationMs: minDurationSeconds * 1000,
    excludedOwners: new Set(
      (section?.getOptionalStringArray('excludeOwners') ?? []).map(ref =>
        ref.toLocaleLowerCase('en-US'),
      ),
    ),
    maxSubscriptionsPerUser,
    channels: section?.getOptionalBoolean('channels') ?? false,
  };
}
