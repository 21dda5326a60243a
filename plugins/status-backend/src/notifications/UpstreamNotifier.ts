import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  HIDDEN_ENTITY_REF,
  isOutage,
} from '@status-layer/plugin-status-common';
import { StatusStore, StoredNotificationEpisode } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { addTo } from '../lib/addTo';
import { ThrottledWarnings } from '../lib/ThrottledWarnings';
import {
  fingerprint,
  outageNotification,
  recoveryNotification,
  RootDescription,
  unservedOutageNotification,
} from './notificationMessages';
import { NotificationRules } from './readNotificationRules';
import { EntityFirstSeen } from './EntityFirstSeen';
import { describeRoot, outageStart } from './rootCause';
import { UserViews } from './UserViews';
import {
  currentUpstreamOutages,
  ImpactedEntity,
  UpstreamOutage,
} from './upstreamOutages';

type Message = {
  payload: NotificationPayload;
  link: string;
  rootName?: string;
};

/**
 * One notification scope per episode: updates replace it in the bell. Users
 * can read a notification's scope, so it names nothing: a digest of the root
 * cause and the episode's start.
 */
const scopeOf = (episode: StoredNotificationEpisode) =>
  `status:upstream-outage:${createHash('sha256')
    .update(`${episode.rootRef}\n${episode.startedAt.toISOString()}`)
    .digest('base64url')
    .slice(0, 22)}`;

/**
 * Users who should read the same text, keyed by its fingerprint: each group
 * gets it in one send.
 */
function byText<T extends { payload: NotificationPayload }>(
  perUser: Iterable<readonly [string, T]>,
): Map<string, { message: T; users: string[] }> {
  const groups = new Map<string, { message: T; users: string[] }>();
  for (const [user, message] of perUser) {
    const print = fingerprint(message.payload);
    const group = groups.get(print) ?? { message, users: [] };
    group.users.push(user);
    groups.set(print, group);
  }
  return groups;
}

/** What one run did. */
export type NotifierRun = {
  /** Notifications sent (new or updated outages). */
  sent: number;
  /** Recovery follow-ups sent. */
  recovered: number;
  /** Sends that failed and are tried again next run. */
  failed: number;
};

/**
 * Tells the owners' members and the followers of entities that an upstream
 * outage reaches: one notification per root cause and user, however many of their
 * entities it reaches (the blast radius is deduplicated), sent once the
 * outage has lasted the configured minimum (flaps are never told), updated
 * in place (same scope) when what the recipient would read changes, and
 * replaced by a recovery follow-up when the root cause recovers. What was
 * sent is stored, so a restart or another replica never repeats it.
 *
 * @remarks
 * Each user reads only what their own credentials let them read the last
 * time the status API served them ({@link UserViews}): entities outside that
 * view are masked, as everywhere in the API, and a hidden root's own level
 * and start are not told either. Users never served are told only that an
 * upstream outage reaches entities they own or follow, with a link to the
 * status page: a policy may hide even their own entities from them.
 */
export class UpstreamNotifier {
  private readonly warnings: ThrottledWarnings;
  /** What one run reads once for all its outages: group members, users' views. */
  private run$?: {
    members: Map<string, string[]>;
    views: Map<string, { hidden: Set<string>; seenAt: Date } | undefined>;
  };
  private readonly firstSeen: EntityFirstSeen;
  private members?: { readAt?: Date; byGroup: Map<string, string[]> };

  constructor(
    private readonly options: {
      engine: StatusEngine;
      store: StatusStore;
      notifications: NotificationService;
      logger: LoggerService;
      rules: NotificationRules;
      userViews: UserViews;
      now?: () => Date;
    },
  ) {
    this.warnings = new ThrottledWarnings(options.logger, 60_000);
    this.firstSeen = new EntityFirstSeen({
      store: options.store.notifications,
      now: () => this.now(),
    });
  }

  /** Compares the outages now with the episodes stored, and sends what is due. */
  async run(): Promise<NotifierRun> {
    const { engine, store, rules } = this.options;
    const result: NotifierRun = { sent: 0, recovered: 0, failed: 0 };
    if (!rules.enabled || !engine.ready) return result;
    const now = this.now();
    await this.firstSeen.update(engine);
    const outages = currentUpstreamOutages(engine, rules.minLevel);
    this.run$ = { members: this.membersOf(engine), views: new Map() };
    const open = new Map(
      (await store.notifications.listEpisodes()).map(e => [e.rootRef, e]),
    );
    for (const outage of outages) {
      const episode = open.get(outage.rootRef) ?? {
        rootRef: outage.rootRef,
        startedAt: outageStart(engine, outage.rootRef, now),
        sent: {},
      };
      const isNew = !open.has(outage.rootRef);
      open.delete(outage.rootRef);
      const due =
        episode.notifiedAt ||
        now.getTime() - episode.startedAt.getTime() >= rules.minDurationMs;
      if (!due) {
        if (isNew) await store.notifications.saveEpisode(episode);
        continue;
      }
      const changed = await this.tell(outage, episode, result);
      if (changed || isNew || !episode.notifiedAt) {
        episode.notifiedAt ??= now;
        await store.notifications.saveEpisode(episode);
      }
    }
    for (const episode of open.values()) {
      // stale data is not a recovery: wait until the root's level is known again
      if (engine.levels(episode.rootRef).own === 'unknown') continue;
      await this.recover(episode, now, result);
    }
    return result;
  }

  /** Each group's members, built again only after a catalog read. */
  private membersOf(engine: StatusEngine): Map<string, string[]> {
    const readAt = engine.catalogReadAt;
    if (this.members?.readAt !== readAt || !this.members) {
      const byGroup = new Map<string, string[]>();
      for (const entity of engine.allEntities())
        for (const group of entity.memberOf ?? [])
          addTo(byGroup, group, entity.ref);
      this.members = { readAt, byGroup };
    }
    return this.members.byGroup;
  }

  private async tell(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
    result: NotifierRun,
  ): Promise<boolean> {
    const messages = await this.messagesFor(outage, episode);
    let changed = false;
    for (const [print, { message, users: all }] of byText(messages)) {
      // only those who have not read this very text yet
      const users = all.filter(u => episode.sent[u]?.fingerprint !== print);
      if (!users.length) continue;
      if (await this.send(users, message.payload)) {
        for (const user of users)
          episode.sent[user] = {
            fingerprint: print,
            link: message.link,
            ...(message.rootName ? { rootName: message.rootName } : {}),
          };
        result.sent += users.length;
        changed = true;
      } else {
        result.failed += users.length;
      }
    }
    return changed;
  }

  private async recover(
    episode: StoredNotificationEpisode,
    now: Date,
    result: NotifierRun,
  ) {
    const { store, engine } = this.options;
    const stillFailing = isOutage(engine.levels(episode.rootRef).own);
    const followUps = Object.entries(episode.sent).map(
      ([user, sent]) =>
        [
          user,
          {
            payload: recoveryNotification({
              rootName: sent.rootName,
              stillFailing,
              since: episode.startedAt,
              now,
              link: sent.link,
              scope: scopeOf(episode),
            }),
          },
        ] as const,
    );
    for (const { message, users } of byText(followUps).values()) {
      if (await this.send(users, message.payload)) {
        for (const user of users) delete episode.sent[user];
        result.recovered += users.length;
      } else {
        result.failed += users.length;
      }
    }
    if (Object.keys(episode.sent).length === 0)
      await store.notifications.deleteEpisode(episode.rootRef);
    else await store.notifications.saveEpisode(episode);
  }

  private async send(users: string[], payload: NotificationPayload) {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: users },
        payload,
      });
      return true;
    } catch (error) {
      this.warnings.warn(
        'send',
        `Sending a status notification to ${users.length} users failed; it is tried again on the next run: ${error}`,
      );
      return false;
    }
  }

  /**
   * Per user, what they should read now. Owners' members and followers are
   * told about the entities of theirs the outage reaches; each text names
   * only what that user may read (see {@link UserViews}).
   */
  private async messagesFor(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
  ): Promise<Map<string, Message>> {
    const { engine } = this.options;
    const nameOf = (ref: string) =>
      engine.titleOf(ref) ?? parseEntityRef(ref).name;
    const told = new Map<string, Map<string, ImpactedEntity>>();
    const tell = (user: string, entity: ImpactedEntity) => {
      const entities = told.get(user) ?? new Map<string, ImpactedEntity>();
      entities.set(entity.ref, entity);
      told.set(user, entities);
    };
    for (const [user, entity] of this.owningUsers(outage)) tell(user, entity);
    for (const [user, entity] of await this.followers(outage))
      tell(user, entity);
    if (!told.size) return new Map();

    const root = await describeRoot(
      this.options.engine,
      this.options.store,
      outage,
      nameOf,
      this.now(),
    );
    const cache = this.run$!.views;
    const unread = [...told.keys()].filter(user => !cache.has(user));
    if (unread.length)
      for (const [user, view] of await this.options.userViews.viewsOf(unread))
        cache.set(user, view);
    const messages = new Map<string, Message>();
    const scope = scopeOf(episode);
    for (const [user, entities] of told) {
      const view = cache.get(user);
      if (!view) {
        // never served: even their own entities may be hidden from them by a policy
        const payload = unservedOutageNotification({ scope });
        messages.set(user, { payload, link: payload.link! });
        continue;
      }
      // what their view did not cover (hidden, or newer than it) is not named
      const mayRead = (ref: string) => {
        if (view.hidden.has(ref)) return false;
        const firstSeen = this.firstSeen.of(ref);
        return firstSeen !== undefined && firstSeen <= view.seenAt;
      };
      const readable = [...entities.values()].filter(e => mayRead(e.ref));
      if (!readable.length) continue;
      const rootView: RootDescription = mayRead(outage.rootRef)
        ? root
        : { hidden: true };
      const payload = outageNotification({
        root: rootView,
        since: episode.startedAt,
        entities: readable.map(e => ({
          ...e,
          path: e.path.map(p => (mayRead(p) ? p : HIDDEN_ENTITY_REF)),
        })),
        nameOf,
        scope,
      });
      messages.set(user, {
        payload,
        link: payload.link!,
        rootName: rootView.hidden ? undefined : nameOf(outage.rootRef),
      });
    }
    return messages;
  }

  /**
   * The members of the owners of the entities the outage reaches, with
   * those entities; the root cause's own owners are handling it and are not
   * told, nor are owners who opted out.
   */
  private *owningUsers(
    outage: UpstreamOutage,
  ): Generator<[string, ImpactedEntity]> {
    const { engine, rules } = this.options;
    const rootOwner = engine.entity(outage.rootRef)?.owner;
    const { members } = this.run$!;
    for (const impacted of outage.impacted) {
      const owner = engine.entity(impacted.ref)?.owner;
      if (!owner || owner === rootOwner) continue;
      if (rules.excludedOwners.has(owner.toLocaleLowerCase('en-US'))) continue;
      if (engine.entity(owner)?.notificationsDisabled) continue;
      const users =
        parseEntityRef(owner).kind.toLocaleLowerCase('en-US') === 'user'
          ? [owner]
          : members.get(owner) ?? [];
      for (const user of users) yield [user, impacted];
    }
  }

  /**
   * The followers of anything the outage reaches: of an impacted entity, of
   * its system, domain or owner, or of the root cause itself.
   */
  private async followers(
    outage: UpstreamOutage,
  ): Promise<[string, ImpactedEntity][]> {
    const { engine, store } = this.options;
    const targetsOf = (ref: string) => {
      const entity = engine.entity(ref);
      return [ref, entity?.system, entity?.domain, entity?.owner].filter(
        (t): t is string => !!t,
      );
    };
    const rootEntry: ImpactedEntity = {
      ref: outage.rootRef,
      level: outage.rootLevel as ImpactedEntity['level'],
      path: [outage.rootRef],
    };
    const all = [rootEntry, ...outage.impacted];
    const subscriptions = await store.notifications.listSubscriptionsTo([
      ...new Set(all.flatMap(e => targetsOf(e.ref))),
    ]);
    const usersOf = new Map<string, string[]>();
    for (const s of subscriptions) addTo(usersOf, s.targetRef, s.userRef);
    return all.flatMap(entry =>
      targetsOf(entry.ref).flatMap(target =>
        (usersOf.get(target) ?? []).map(
          user => [user, entry] as [string, ImpactedEntity],
        ),
      ),
    );
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }
}
