import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  compareLevels,
  HIDDEN_ENTITY_REF,
  isOutage,
} from '@status-layer/plugin-status-common';
import {
  StatusStore,
  StoredNotificationEpisode,
  StoredSubscription,
} from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { ThrottledWarnings } from '../lib/ThrottledWarnings';
import { escalationPoliciesOf } from '../service/entityStatus';
import {
  fingerprint,
  outageNotification,
  recoveryNotification,
  RootDescription,
} from './notificationMessages';
import { NotificationRules } from './readNotificationRules';
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
 * Tells the owners and followers of entities that an upstream outage reaches:
 * one notification per root cause and recipient, however many of their
 * entities it reaches (the blast radius is deduplicated), sent once the
 * outage has lasted the configured minimum (flaps are never told), updated
 * in place (same scope) when what the recipient would read changes, and
 * replaced by a recovery follow-up when the root cause recovers. What was
 * sent is stored, so a restart or another replica never repeats it.
 *
 * @remarks
 * Followers read only what their own credentials let them read when they
 * last verified their subscriptions (on subscribing and whenever they list
 * them): entities outside that view are masked, as everywhere in the API.
 */
export class UpstreamNotifier {
  private readonly warnings: ThrottledWarnings;

  constructor(
    private readonly options: {
      engine: StatusEngine;
      store: StatusStore;
      notifications: NotificationService;
      logger: LoggerService;
      rules: NotificationRules;
      now?: () => Date;
    },
  ) {
    this.warnings = new ThrottledWarnings(options.logger, 60_000);
  }

  /** Compares the outages now with the episodes stored, and sends what is due. */
  async run(): Promise<NotifierRun> {
    const { engine, store, rules } = this.options;
    const result: NotifierRun = { sent: 0, recovered: 0, failed: 0 };
    if (!rules.enabled || !engine.ready) return result;
    const now = this.now();
    const outages = currentUpstreamOutages(engine, rules.minLevel);
    const open = new Map(
      (await store.notifications.listEpisodes()).map(e => [e.rootRef, e]),
    );
    for (const outage of outages) {
      const episode = open.get(outage.rootRef) ?? {
        rootRef: outage.rootRef,
        startedAt: now,
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

  private async tell(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
    result: NotifierRun,
  ): Promise<boolean> {
    const scope = scopeOf(episode);
    const messages = await this.messagesFor(outage, episode, scope);
    let changed = false;
    for (const [recipient, message] of messages) {
      const print = fingerprint(message.payload);
      if (episode.sent[recipient]?.fingerprint === print) continue;
      if (await this.send(recipient, message.payload)) {
        episode.sent[recipient] = {
          fingerprint: print,
          link: message.link,
          ...(message.rootName ? { rootName: message.rootName } : {}),
        };
        result.sent++;
        changed = true;
      } else {
        result.failed++;
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
    let allSent = true;
    for (const [recipient, sent] of Object.entries(episode.sent)) {
      const payload = recoveryNotification({
        rootName: sent.rootName,
        stillFailing,
        since: episode.startedAt,
        now,
        link: sent.link,
        scope: scopeOf(episode),
      });
      if (await this.send(recipient, payload)) {
        delete episode.sent[recipient];
        result.recovered++;
      } else {
        allSent = false;
        result.failed++;
      }
    }
    if (allSent) await store.notifications.deleteEpisode(episode.rootRef);
    else await store.notifications.saveEpisode(episode);
  }

  private async send(recipient: string, payload: NotificationPayload) {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload,
      });
      return true;
    } catch (error) {
      this.warnings.warn(
        'send',
        `Sending a status notification to ${recipient} failed; it is tried again on the next run: ${error}`,
      );
      return false;
    }
  }

  /** Per recipient, what it should read now: followers first, so an owner's fuller text wins for a user who is both. */
  private async messagesFor(
    outage: UpstreamOutage,
    episode: StoredNotificationEpisode,
    scope: string,
  ): Promise<Map<string, Message>> {
    const { engine, rules } = this.options;
    const nameOf = (ref: string) => {
      const entity = engine.entity(ref);
      return entity?.title ?? entity?.name ?? parseEntityRef(ref).name;
    };
    const root = await this.describeRoot(outage, nameOf);
    const messages = new Map<string, Message>();
    const add = (
      recipient: string,
      rootView: RootDescription,
      entities: ImpactedEntity[],
    ) => {
      if (!entities.length) return;
      const payload = outageNotification({
        root: rootView,
        since: episode.startedAt,
        entities,
        nameOf,
        scope,
      });
      messages.set(recipient, {
        payload,
        link: payload.link!,
        rootName: rootView.hidden ? undefined : nameOf(outage.rootRef),
      });
    };

    for (const [user, entities] of await this.followersOf(outage)) {
      const visible = new Set(entities.visible);
      const rootView: RootDescription = visible.has(outage.rootRef)
        ? root
        : { hidden: true, level: outage.rootLevel };
      add(
        user,
        rootView,
        entities.impacted.map(e => ({
          ...e,
          path: e.path.map(p => (visible.has(p) ? p : HIDDEN_ENTITY_REF)),
        })),
      );
    }

    const rootOwner = engine.entity(outage.rootRef)?.owner;
    const byOwner = new Map<string, ImpactedEntity[]>();
    for (const impacted of outage.impacted) {
      const owner = engine.entity(impacted.ref)?.owner;
      if (!owner || owner === rootOwner) continue;
      if (rules.excludedOwners.has(owner.toLocaleLowerCase('en-US'))) continue;
      if (engine.entity(owner)?.notificationsDisabled) continue;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), impacted]);
    }
    for (const [owner, entities] of byOwner) add(owner, root, entities);
    return messages;
  }

  /**
   * The followers of anything the outage reaches: of an impacted entity, of
   * its system, domain or owner, or of the root cause itself; per user, the
   * entities to tell them about among those they may read as last verified.
   */
  private async followersOf(
    outage: UpstreamOutage,
  ): Promise<Map<string, { impacted: ImpactedEntity[]; visible: string[] }>> {
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
    const byTarget = new Map<string, StoredSubscription[]>();
    for (const s of subscriptions)
      byTarget.set(s.targetRef, [...(byTarget.get(s.targetRef) ?? []), s]);

    const result = new Map<
      string,
      { impacted: Map<string, ImpactedEntity>; visible: Set<string> }
    >();
    for (const entry of all) {
      for (const target of targetsOf(entry.ref)) {
        for (const subscription of byTarget.get(target) ?? []) {
          const visible = new Set([target, ...subscription.visibleRefs]);
          // an entity the follower may not read is never named to them
          if (!visible.has(entry.ref)) continue;
          const seen = result.get(subscription.userRef) ?? {
            impacted: new Map(),
            visible: new Set<string>(),
          };
          seen.impacted.set(entry.ref, entry);
          visible.forEach(v => seen.visible.add(v));
          result.set(subscription.userRef, seen);
        }
      }
    }
    return new Map(
      [...result].map(([user, seen]) => [
        user,
        { impacted: [...seen.impacted.values()], visible: [...seen.visible] },
      ]),
    );
  }

  private async describeRoot(
    outage: UpstreamOutage,
    nameOf: (ref: string) => string,
  ): Promise<RootDescription> {
    const { engine, store } = this.options;
    const ref = outage.rootRef;
    const incident = engine
      .incidentsOf(ref)
      .filter(i => i.status !== 'resolved')
      .sort(
        (a, b) =>
          compareLevels(engine.incidentLevel(b), engine.incidentLevel(a)) ||
          a.createdAt.getTime() - b.createdAt.getTime(),
      )[0];
    const ownerRef = engine.entity(ref)?.owner;
    const contact = ownerRef ? engine.entity(ownerRef)?.contact : undefined;
    const policies = await escalationPoliciesOf(engine, store, ref).catch(
      () => [],
    );
    const policy = policies.find(p => p.onCall.length);
    const firstOnCall = policy?.onCall.sort((a, b) => a.level - b.level)[0];
    return {
      hidden: false,
      ref,
      name: nameOf(ref),
      level: outage.rootLevel,
      incident: incident
        ? {
            title: incident.title,
            number: incident.number,
            htmlUrl: incident.htmlUrl,
          }
        : undefined,
      owner: ownerRef
        ? {
            name: contact?.displayName ?? nameOf(ownerRef),
            slackChannel: contact?.slackChannel,
            email: contact?.email,
          }
        : undefined,
      onCall:
        policy && firstOnCall
          ? { name: firstOnCall.user.name, policy: policy.name }
          : undefined,
    };
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }
}

/** One notification scope per episode: updates replace it in the bell. */
const scopeOf = (episode: StoredNotificationEpisode) =>
  `status:upstream-outage:${
    episode.rootRef
  }:${episode.startedAt.toISOString()}`;
