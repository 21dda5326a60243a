import { HealthLevel } from '../health';

/**
 * Kinds a user can follow: anything with a status, and the roll-ups (a
 * System's, Domain's or Group's followers hear about every member).
 *
 * @public
 */
export const FOLLOWABLE_KINDS = [
  'component',
  'api',
  'resource',
  'system',
  'domain',
  'group',
] as const;

/**
 * One thing the caller follows, as `GET /subscriptions` lists it.
 *
 * @public
 */
export type StatusSubscription = {
  entityRef: string;
  /** Its title or name. */
  title: string;
  /** Its level now; null when it has none (not monitored, or a roll-up). */
  level: HealthLevel | null;
  /** ISO 8601. */
  createdAt: string;
};

/**
 * `GET /subscriptions`: what the caller follows. Listing re-checks each
 * against the caller's permissions, and drops what they may no longer read.
 *
 * @public
 */
export type StatusSubscriptions = {
  subscriptions: StatusSubscription[];
  /** How many the caller may follow at most. */
  max: number;
  /** Subscriptions dropped by this listing because the caller may no longer read them. */
  removed: number;
  /** Whether notifications are sent at all (`status.notifications.enabled`). */
  notificationsEnabled: boolean;
};

/**
 * Where an entity's status badge and Atom feed can be read without signing
 * in, as the status client gives them to status admins.
 *
 * @public
 */
export type StatusPublicLinks = {
  /** Made public in config: no token needed. */
  public: boolean;
  /** Public, or a token secret is configured: the addresses work. */
  available: boolean;
  badgeUrl: string;
  feedUrl: string;
};
