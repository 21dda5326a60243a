import { toDate } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { batches } from './batches';
import { bumpVersion, readVersions } from './metaRows';

/** An upstream outage being notified: one per root cause. */
export type StoredNotificationEpisode = {
  rootRef: string;
  startedAt: Date;
  /** When its first notification went out; undefined while it waits out the minimum duration. */
  notifiedAt?: Date;
  /** Per recipient ref, what it was last sent. */
  sent: Record<string, SentNotification>;
};

/** What one recipient was last sent about an episode. */
export type SentNotification = {
  /** A fingerprint of the notification's text. */
  fingerprint: string;
  /** Where it pointed; the recovery points there too. */
  link: string;
  /** The root cause's name as the recipient may learn it; none when hidden from them. */
  rootName?: string;
};

/** What one user follows, since when. */
export type StoredSubscription = {
  userRef: string;
  targetRef: string;
  createdAt: Date;
};

/** What one user's own credentials could not read when last served. */
export type StoredUserView = {
  userRef: string;
  hiddenRefs: string[];
  seenAt: Date;
};

/**
 * Notification episodes and subscriptions.
 *
 * @public
 */
export interface NotificationStore {
  listEpisodes(): Promise<StoredNotificationEpisode[]>;
  /** Stores an episode, replacing the one of the same root cause. */
  saveEpisode(episode: StoredNotificationEpisode): Promise<void>;
  deleteEpisode(rootRef: string): Promise<void>;

  /** A user's subscriptions, oldest first. */
  listSubscriptionsOf(userRef: string): Promise<StoredSubscription[]>;
  /** Every subscription to one of these targets. */
  listSubscriptionsTo(targetRefs: string[]): Promise<StoredSubscription[]>;
  /** Stores a subscription; one of the same user and target is kept as it is. */
  saveSubscription(subscription: StoredSubscription): Promise<void>;
  /** Removes a subscription; false when there was none. */
  deleteSubscription(userRef: string, targetRef: string): Promise<boolean>;

  /** Stores what a user may not read, replacing the earlier view. */
  saveUserView(view: StoredUserView): Promise<void>;
  /** The stored views of some users; users never served are missing. */
  getUserViews(userRefs: string[]): Promise<Map<string, StoredUserView>>;

  /**
   * Tokens that change with every write of the subscriptions, the users'
   * views and the episodes, from any replica: readers re-read only what
   * changed.
   */
  versions(): Promise<NotificationStoreVersions>;

  /** When each known entity first appeared. */
  listEntitiesFirstSeen(): Promise<Map<string, Date>>;
  /** Records entities that appeared, and forgets those that left the catalog. */
  updateEntitiesFirstSeen(change: {
    appeared: string[];
    at: Date;
    left: string[];
  }): Promise<void>;
}

/**
 * The versions of what the notifier reads from this store; absent before
 * the first write.
 *
 * @public
 */
export type NotificationStoreVersions = {
  subscriptions?: string;
  views?: string;
  episodes?: string;
};

/** Version rows: `notifications-version:subscriptions`, `:views` and `:episodes`. */
const VERSION_PREFIX = 'notifications-version:';

const TARGETS_PER_READ = 500;

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** {@link NotificationStore} on the plugin's database. */
export class DatabaseNotificationStore implements NotificationStore {
  constructor(private readonly db: Knex) {}

  async listEpisodes(): Promise<StoredNotificationEpisode[]> {
    const rows = await this.db('status_notification_episodes').select();
    return rows.map(row => ({
      rootRef: row.root_ref,
      startedAt: toDate(row.started_at)!,
      notifiedAt: row.notified_at ? toDate(row.notified_at) : undefined,
      sent: parseJson<Record<string, SentNotification>>(row.sent, {}),
    }));
  }

  async saveEpisode(episode: StoredNotificationEpisode): Promise<void> {
    await this.db('status_notification_episodes')
      .insert({
        root_ref: episode.rootRef,
        started_at: episode.startedAt,
        notified_at: episode.notifiedAt ?? null,
        sent: JSON.stringify(episode.sent),
      })
      .onConflict('root_ref')
      .merge();
    await bumpVersion(this.db, `${VERSION_PREFIX}episodes`);
  }

  async deleteEpisode(rootRef: string): Promise<void> {
    await this.db('status_notification_episodes')
      .where({ root_ref: rootRef })
      .delete();
    await bumpVersion(this.db, `${VERSION_PREFIX}episodes`);
  }

  async listSubscriptionsOf(userRef: string): Promise<StoredSubscription[]> {
    const rows = await this.db('status_subscriptions')
      .where({ user_ref: userRef })
      .orderBy('created_at', 'asc')
      .orderBy('target_ref', 'asc');
    return rows.map(toSubscription);
  }

  async listSubscriptionsTo(
    targetRefs: string[],
  ): Promise<StoredSubscription[]> {
    const result: StoredSubscription[] = [];
    for (const chunk of batches([...new Set(targetRefs)], TARGETS_PER_READ)) {
      const rows = await this.db('status_subscriptions').whereIn(
        'target_ref',
        chunk,
      );
      result.push(...rows.map(toSubscription));
    }
    return result;
  }

  async saveSubscription(subscription: StoredSubscription): Promise<void> {
    await this.db('status_subscriptions')
      .insert({
        user_ref: subscription.userRef,
        target_ref: subscription.targetRef,
        created_at: subscription.createdAt,
      })
      .onConflict(['user_ref', 'target_ref'])
      .ignore();
    await bumpVersion(this.db, `${VERSION_PREFIX}subscriptions`);
  }

  async deleteSubscription(
    userRef: string,
    targetRef: string,
  ): Promise<boolean> {
    const deleted = await this.db('status_subscriptions')
      .where({ user_ref: userRef, target_ref: targetRef })
      .delete();
    if (deleted > 0)
      await bumpVersion(this.db, `${VERSION_PREFIX}subscriptions`);
    return deleted > 0;
  }

  async saveUserView(view: StoredUserView): Promise<void> {
    await this.db('status_user_views')
      .insert({
        user_ref: view.userRef,
        hidden_refs: JSON.stringify(view.hiddenRefs),
        seen_at: view.seenAt,
      })
      .onConflict('user_ref')
      .merge();
    await bumpVersion(this.db, `${VERSION_PREFIX}views`);
  }

  async versions(): Promise<NotificationStoreVersions> {
    const versions = await readVersions(this.db, VERSION_PREFIX);
    return {
      subscriptions: versions.get('subscriptions'),
      views: versions.get('views'),
      episodes: versions.get('episodes'),
    };
  }

  async getUserViews(userRefs: string[]): Promise<Map<string, StoredUserView>> {
    const views = new Map<string, StoredUserView>();
    for (const chunk of batches([...new Set(userRefs)], TARGETS_PER_READ)) {
      const rows = await this.db('status_user_views').whereIn(
        'user_ref',
        chunk,
      );
      for (const row of rows)
        views.set(row.user_ref, {
          userRef: row.user_ref,
          hiddenRefs: parseJson<string[]>(row.hidden_refs, []),
          seenAt: toDate(row.seen_at)!,
        });
    }
    return views;
  }

  async listEntitiesFirstSeen(): Promise<Map<string, Date>> {
    const rows = await this.db('status_entities_first_seen').select();
    return new Map(
      rows.map(row => [row.entity_ref, toDate(row.first_seen_at)!]),
    );
  }

  async updateEntitiesFirstSeen(change: {
    appeared: string[];
    at: Date;
    left: string[];
  }): Promise<void> {
    for (const chunk of batches(change.appeared, TARGETS_PER_READ))
      await this.db('status_entities_first_seen')
        .insert(
          chunk.map(ref => ({ entity_ref: ref, first_seen_at: change.at })),
        )
        // another replica recorded it first: its time stands
        .onConflict('entity_ref')
        .ignore();
    for (const chunk of batches(change.left, TARGETS_PER_READ))
      await this.db('status_entities_first_seen')
        .whereIn('entity_ref', chunk)
        .delete();
  }
}

function toSubscription(row: any): StoredSubscription {
  return {
    userRef: row.user_ref,
    targetRef: row.target_ref,
    createdAt: toDate(row.created_at)!,
  };
}
