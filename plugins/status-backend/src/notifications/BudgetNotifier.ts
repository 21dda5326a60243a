import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { budgetSummaryFor } from '@status-layer/plugin-status-common';
import { StatusStore, StoredBudgetEpisode } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { ThrottledWarnings } from '../lib/ThrottledWarnings';
import {
  budgetBurnNotification,
  budgetScopeOf,
  unservedBudgetBurnNotification,
} from './budgetMessages';
import { EntityFirstSeen } from './EntityFirstSeen';
import { byText, readableIn } from './outageMessages';
import { OutageAudience } from './OutageAudience';
import { NotificationRules } from './readNotificationRules';
import { ServedView, UserViews } from './UserViews';
import { sendToRecipients } from './sendToRecipients';
import { isChannelRef, readRecipientViews } from './channels';

/** What one run did. */
export type BudgetNotifierRun = {
  /** Owners told of a burn that began. */
  sent: number;
  /** Sends that failed and are tried again next run. */
  failed: number;
  /** Burns that stopped: their episode ends, the next burn is told again. */
  ended: number;
};

/**
 * Tells an entity's owners (and, with `channels`, its owning Group's
 * channel, in words every member may read) when its error budget burns fast (see
 * `burningBy`): once per burn, from the summaries the budget refresher
 * keeps, in words that say whether the burn is the entity's own downtime or
 * inherited, naming the upstream that used the most of the budget only to
 * those whose last served view lets them read it (see {@link UserViews}).
 * Owners never served are told without names, and by name (in place, same
 * scope) once served. Episodes are stored, so a restart or another replica
 * never tells one twice; a burn that stops ends its episode.
 */
export class BudgetNotifier {
  private readonly warnings: ThrottledWarnings;
  private readonly audience: OutageAudience;

  constructor(
    private readonly options: {
      engine: StatusEngine;
      store: StatusStore;
      notifications: NotificationService;
      logger: LoggerService;
      rules: NotificationRules;
      userViews: UserViews;
      firstSeen: EntityFirstSeen;
      now?: () => Date;
    },
  ) {
    this.warnings = new ThrottledWarnings(options.logger, 60_000);
    this.audience = new OutageAudience(options);
  }

  async run(): Promise<BudgetNotifierRun> {
    const { engine, store, rules } = this.options;
    const result: BudgetNotifierRun = { sent: 0, failed: 0, ended: 0 };
    if (!rules.enabled || !engine.ready) return result;
    const now = this.options.now?.() ?? new Date();
    const [burning, episodes] = await Promise.all([
      store.budgets.listBurning(),
      store.budgets.listEpisodes(),
    ]);
    const open = new Map(episodes.map(e => [e.entityRef, e]));
    for (const episode of open.values())
      if (
        !burning.has(episode.entityRef) ||
        !engine.entity(episode.entityRef)
      ) {
        await store.budgets.deleteEpisode(episode.entityRef);
        result.ended += 1;
      }
    const due = [...burning].filter(([ref]) => {
      if (!engine.entity(ref)) return false;
      const episode = open.get(ref);
      return !episode?.notifiedAt || !!episode.toldUnserved?.length;
    });
    if (!due.length) return result;
    await this.options.firstSeen.update(engine);
    for (const [entityRef, summary] of due) {
      const episode: StoredBudgetEpisode = open.get(entityRef) ?? {
        entityRef,
        cause: summary.burning!,
        startedAt: now,
      };
      // told already: only those told without names, once they were served
      const channel = this.audience.channelOf(entityRef);
      const owners = episode.notifiedAt
        ? episode.toldUnserved!
        : [...this.audience.ownersOf(entityRef), ...(channel ? [channel] : [])];
      const views = new Map<string, ServedView>();
      await readRecipientViews(owners, {
        userViews: this.options.userViews,
        membersOf: group => this.audience.membersOfGroup(group),
        known: views,
      });
      if (episode.notifiedAt && owners.every(user => !views.get(user)))
        continue;
      const scope = budgetScopeOf(episode);
      const messages = new Map<string, { payload: NotificationPayload }>();
      const unserved: string[] = [];
      for (const user of owners) {
        const view = views.get(user);
        if (!view) {
          unserved.push(user);
          if (!episode.notifiedAt)
            messages.set(user, {
              payload: unservedBudgetBurnNotification({
                scope,
                forChannel: isChannelRef(user),
              }),
            });
          continue;
        }
        const mayRead = readableIn(view, this.options.firstSeen);
        // a policy may hide even an owner's own entity from them
        if (!mayRead(entityRef)) continue;
        messages.set(user, {
          payload: budgetBurnNotification({
            entityRef,
            summary: budgetSummaryFor(summary, mayRead),
            cause: episode.cause,
            nameOf: this.nameOf,
            scope,
          }),
        });
      }
      let failed = false;
      for (const { message, users } of byText(messages).values()) {
        if (await this.send(users, message.payload))
          result.sent += users.length;
        else {
          result.failed += users.length;
          failed = true;
        }
      }
      // told once: a failed send is tried again, a sent one never repeated;
      // one told without names is told again in place once served
      if (!failed)
        await store.budgets.saveEpisode({
          ...episode,
          notifiedAt: episode.notifiedAt ?? now,
          toldUnserved: unserved,
        });
      else if (!open.has(entityRef)) await store.budgets.saveEpisode(episode);
    }
    return result;
  }

  private readonly nameOf = (ref: string) =>
    this.options.engine.titleOf(ref) ?? parseEntityRef(ref).name;

  private send(users: string[], payload: NotificationPayload) {
    return sendToRecipients({
      notifications: this.options.notifications,
      warnings: this.warnings,
      recipients: users,
      payload,
      what: 'an error budget notification',
    });
  }
}
