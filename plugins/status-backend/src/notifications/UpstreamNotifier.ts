import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  isOutage,
  StatusEscalationPolicy,
} from '@status-layer/plugin-status-common';
import { StatusStore, StoredNotificationEpisode } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { ThrottledWarnings } from '../lib/ThrottledWarnings';
import { recoveryNotification, RootDescription } from './notificationMessages';
import {
  byText,
  composeOutageMessages,
  scopeOf,
  ServedView,
} from './outageMessages';
import { NotificationRules } from './readNotificationRules';
import { EntityFirstSeen } from './EntityFirstSeen';
import { describeRoot, outageStart } from './rootCause';
import { escalationPoliciesOfMany } from '../engine/escalationPolicies';
import { UserViews } from './UserViews';
import { Audience, OutageAudience } from './OutageAudience';
import { UpstreamOutage } from './upstreamOutages';
import { TellingInputs } from './TellingInputs';
import { sendToRecipients } from './sendToRecipients';
import { readRecipientViews } from './channels';

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
    views: Map<string, ServedView>;
    policiesOf: Map<string, StatusEscalationPolicy[]>;
  };
  private readonly inputs: TellingInputs;
  private readonly audience: OutageAudience;
  /** When each entity first appeared: shared with the budget notifier. */
  readonly firstSeen: EntityFirstSeen;
  /** Users' views as read, for one version of them. */
  private viewsKept?: {
    version?: string;
    byUser: Map<string, ServedView>;
  };
  /** Per root cause, a digest of everything its last telling read. */
  private readonly toldFrom = new Map<string, string>();
  /**
   * The episodes as stored after the last run, when that run wrote none:
   * read again only when another replica's write changed their version.
   */
  private episodesKept?: {
    version?: string;
    byRoot: Map<string, StoredNotificationEpisode>;
  };
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
    this.audience = new OutageAudience(options);
    this.inputs = new TellingInputs({
      engine: options.engine,
      minLevel: options.rules.minLevel,
      audience: this.audience,
      firstSeen: this.firstSeen,
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
    const outages = this.inputs.currentOutages();
    const audiences = await this.inputs.audiencesOf(
      outages,
      versions.subscriptions,
    );
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
    // kept only through runs that write nothing: a write drops them
    const kept = this.episodesKept;
    this.episodesKept = undefined;
    const stored =
      kept && kept.version === versions.episodes
        ? kept.byRoot
        : new Map(
            (await store.notifications.listEpisodes()).map(e => [e.rootRef, e]),
          );
    const open = new Map(stored);
    let wrote = false;
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
        if (isNew) {
          wrote = true;
          await store.notifications.saveEpisode(episode);
        }
        continue;
      }
      const audience = audiences.get(outage.rootRef)!;
      const root = this.describe(outage);
      const views = this.run$.views;
      /** `fresh`: what was sent has just changed. */
      const inputs = (fresh?: boolean) =>
        this.inputs.digestOf({ outage, episode, audience, root, views, fresh });
      // nothing this root's telling reads has changed: it would tell the same
      if (
        episode.notifiedAt &&
        this.toldFrom.get(outage.rootRef) === inputs()
      ) {
        result.unchanged += 1;
        continue;
      }
      wrote = true;
      const failedBefore = result.failed;
      const changed = await this.tell(outage, episode, result, audience, root);
      if (result.failed === failedBefore)
        this.toldFrom.set(outage.rootRef, inputs(true));
      else this.toldFrom.delete(outage.rootRef);
      if (changed || isNew || !episode.notifiedAt) {
        episode.notifiedAt ??= now;
        await store.notifications.saveEpisode(episode);
      }
    }
    for (const episode of open.values()) {
      // stale data is not a recovery: wait until the root's level is known again
      if (engine.levels(episode.rootRef).own === 'unknown') continue;
      wrote = true;
      await this.recover(episode, now, result);
    }
    if (!wrote)
      this.episodesKept = { version: versions.episodes, byRoot: stored };
    return result;
  }

  /** How notifications name an entity: its title, else its name. */
  private readonly nameOf = (ref: string) =>
    this.options.engine.titleOf(ref) ?? parseEntityRef(ref).name;

  /** The root cause as notifications describe it, from this run's reads. */
  private describe(outage: UpstreamOutage): RootDescription {
    return describeRoot(
      this.options.engine,
      this.run$!.policiesOf.get(outage.rootRef) ?? [],
      outage,
      this.nameOf,
      this.now(),
    );
  }

  /** The views of these users and channels, read once per run. */
  private async readViews(recipients: string[]) {
    await readRecipientViews(recipients, {
      userViews: this.options.userViews,
      membersOf: group => this.audience.membersOfGroup(group),
      known: this.run$!.views,
    });
  }

  private async tell(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
    result: NotifierRun,
    audience: Audience,
    root: RootDescription,
  ): Promise<boolean> {
    const messages = composeOutageMessages({
      outage,
      episode,
      told: audience,
      root,
      views: this.run$!.views,
      firstSeen: this.firstSeen,
      nameOf: this.nameOf,
    });
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

  private send(users: string[], payload: NotificationPayload) {
    return sendToRecipients({
      notifications: this.options.notifications,
      warnings: this.warnings,
      recipients: users,
      payload,
      what: 'a status notification',
    });
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }
}
