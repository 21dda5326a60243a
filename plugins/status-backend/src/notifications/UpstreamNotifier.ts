import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  HIDDEN_ENTITY_REF,
  isOutage,
  StatusEscalationPolicy,
} from '@status-layer/plugin-status-common';
import { StatusStore, StoredNotificationEpisode } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
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
import { escalationPoliciesOfMany } from '../engine/escalationPolicies';
import { UserViews } from './UserViews';
import { Audience, OutageAudience } from './OutageAudience';
import { currentUpstreamOutages, UpstreamOutage } from './upstreamOutages';

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
/** A short digest of JSON-able data. */
const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url');

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
  /** Root causes left alone: nothing their telling reads had changed. */
  unchanged: number;
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
  /**
   * What one run reads once for all its outages: group members, users'
   * views, the followers of everything the outages reach, the roots'
   * escalation policies.
   */
  private run$?: {
    views: Map<string, { hidden: Set<string>; seenAt: Date } | undefined>;
    policiesOf: Map<string, StatusEscalationPolicy[]>;
  };
  private readonly audience: OutageAudience;
  private readonly firstSeen: EntityFirstSeen;
  /** The outages of the last engine state read, with a digest of each. */
  private outages?: {
    version: number;
    readAt?: Date;
    outages: UpstreamOutage[];
    digests: Map<string, string>;
  };
  /** The outages' audiences, for one engine state, catalog read and subscriptions. */
  private audiences?: {
    key: string;
    byRoot: Map<string, Audience>;
    digests: Map<string, string>;
  };
  /** Users' views as read, for one version of them. */
  private viewsKept?: {
    version?: string;
    byUser: Map<string, { hidden: Set<string>; seenAt: Date } | undefined>;
  };
  /** Per root cause, a digest of everything its last telling read. */
  private readonly toldFrom = new Map<string, string>();

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
    this.audience = new OutageAudience(options);
    this.firstSeen = new EntityFirstSeen({
      store: options.store.notifications,
      now: () => this.now(),
    });
  }

  /** Compares the outages now with the episodes stored, and sends what is due. */
  async run(): Promise<NotifierRun> {
    const { engine, store, rules } = this.options;
    const result: NotifierRun = {
      sent: 0,
      recovered: 0,
      failed: 0,
      unchanged: 0,
    };
    if (!rules.enabled || !engine.ready) return result;
    const now = this.now();
    await this.firstSeen.update(engine);
    const versions = await store.notifications.versions();
    const outages = this.currentOutages();
    const audiences = await this.audiencesOf(outages, versions.subscriptions);
    // users' views are kept across runs while nobody's view was saved again
    if (!this.viewsKept || this.viewsKept.version !== versions.views)
      this.viewsKept = { version: versions.views, byUser: new Map() };
    this.run$ = {
      views: this.viewsKept.byUser,
      // on-call unknown is no reason to hold the notifications back
      policiesOf: await escalationPoliciesOfMany(
        engine,
        store,
        outages.map(o => o.rootRef),
      ).catch(() => new Map()),
    };
    const open = new Map(
      (await store.notifications.listEpisodes()).map(e => [e.rootRef, e]),
    );
    await this.readViews(
      [...audiences.values()].flatMap(audience => [...audience.keys()]),
    );
    for (const root of [...this.toldFrom.keys()])
      if (!audiences.has(root)) this.toldFrom.delete(root);
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
      const audience = audiences.get(outage.rootRef)!;
      const root = this.describe(outage);
      // nothing this root's telling reads has changed: it would tell the same
      if (
        episode.notifiedAt &&
        this.toldFrom.get(outage.rootRef) ===
          this.inputsDigest(outage, episode, audience, root)
      ) {
        result.unchanged += 1;
        continue;
      }
      const failedBefore = result.failed;
      const changed = await this.tell(outage, episode, result, audience, root);
      if (result.failed === failedBefore)
        this.toldFrom.set(
          outage.rootRef,
          this.inputsDigest(outage, episode, audience, root),
        );
      else this.toldFrom.delete(outage.rootRef);
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

  /**
   * The outages now: computed again only after the engine's state changed
   * (or the catalog was read), with a digest of each for {@link inputsDigest}.
   */
  private currentOutages(): UpstreamOutage[] {
    const { engine, rules } = this.options;
    const kept = this.outages;
    if (
      kept &&
      kept.version === engine.version &&
      kept.readAt === engine.catalogChangedAt
    )
      return kept.outages;
    const outages = currentUpstreamOutages(engine, rules.minLevel);
    this.outages = {
      version: engine.version,
      readAt: engine.catalogChangedAt,
      outages,
      digests: new Map(
        outages.map(o => [
          o.rootRef,
          digest([o.rootLevel, o.impacted.map(i => [i.ref, i.level, i.path])]),
        ]),
      ),
    };
    return outages;
  }

  /**
   * Everything telling a root's outage reads: the outage, its description
   * (incident, owner, who is on call now), who would be told of what, their
   * views, when entities appeared, the catalog's names, and what each was
   * sent. Equal digests tell the same texts to the same people.
   */
  private inputsDigest(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
    audience: Audience,
    root: RootDescription,
  ): string {
    const views = this.run$!.views;
    return digest([
      this.outages?.digests.get(outage.rootRef),
      root,
      this.audiences?.digests.get(outage.rootRef),
      [...audience.keys()].map(
        user => views.get(user)?.seenAt.toISOString() ?? null,
      ),
      this.firstSeen.upToGeneration,
      this.options.engine.catalogChangedAt?.toISOString() ?? null,
      episode.startedAt.toISOString(),
      episode.sent,
    ]);
  }

  /**
   * Who is told of each outage, and its digest: built again only when the
   * engine's state, the catalog read or the subscriptions changed.
   */
  private async audiencesOf(
    outages: UpstreamOutage[],
    subscriptionsVersion: string | undefined,
  ): Promise<Map<string, Audience>> {
    const { engine } = this.options;
    const key = JSON.stringify([
      engine.version,
      engine.catalogChangedAt?.toISOString() ?? null,
      subscriptionsVersion ?? null,
    ]);
    if (this.audiences?.key !== key) {
      await this.audience.prepare(outages);
      const byRoot = new Map(
        outages.map(o => [o.rootRef, this.audience.of(o)]),
      );
      this.audiences = {
        key,
        byRoot,
        digests: new Map(
          [...byRoot].map(([root, audience]) => [
            root,
            digest(
              [...audience].map(([user, entities]) => [
                user,
                [...entities.keys()],
              ]),
            ),
          ]),
        ),
      };
    }
    return this.audiences.byRoot;
  }

  /** The root cause as notifications describe it, from this run's reads. */
  private describe(outage: UpstreamOutage): RootDescription {
    const { engine } = this.options;
    return describeRoot(
      engine,
      this.run$!.policiesOf.get(outage.rootRef) ?? [],
      outage,
      ref => engine.titleOf(ref) ?? parseEntityRef(ref).name,
      this.now(),
    );
  }

  /** The views of these users, read once per run. */
  private async readViews(users: string[]) {
    const cache = this.run$!.views;
    const unread = [...new Set(users)].filter(user => !cache.has(user));
    if (unread.length)
      for (const [user, view] of await this.options.userViews.viewsOf(unread))
        cache.set(user, view);
  }

  private async tell(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
    result: NotifierRun,
    audience: Audience,
    root: RootDescription,
  ): Promise<boolean> {
    const messages = this.messagesFor(outage, episode, audience, root);
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
  private messagesFor(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
    told: Audience,
    root: RootDescription,
  ): Map<string, Message> {
    const { engine } = this.options;
    const nameOf = (ref: string) =>
      engine.titleOf(ref) ?? parseEntityRef(ref).name;
    const cache = this.run$!.views;
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

  private now() {
    return this.options.now?.() ?? new Date();
  }
}
