import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  NotificationProcessor,
  NotificationSendOptions,
  resolveNotificationLink,
} from '@backstage/plugin-notifications-node';
import { createHash } from 'node:crypto';
import { CARD_WORDS } from './card/cardWords';
import { teamsMessage } from './card/teamsMessage';
import { DeliveryQueue } from './delivery/DeliveryQueue';
import { postToWebhook, PostOutcome } from './delivery/postToWebhook';
import {
  AnnotatedRecipient,
  destinationsOf,
  TEAMS_WEBHOOK_ANNOTATION,
} from './routing/destinations';
import { TeamsConfig } from './routing/readTeamsConfig';
import { PostedCards } from './database/PostedCards';

/** Recipient entities looked up per notification, at most. */
export const MAX_RECIPIENT_ENTITIES = 500;

const realSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Posts Backstage notifications to Microsoft Teams channels as Adaptive
 * Cards, through workflow webhooks: those addressed to a Group (or any
 * entity) whose `teams.microsoft.com/workflow-webhook` annotation names
 * its channel, broadcasts, and every notification of a routed topic.
 *
 * @remarks
 * A notification addressed to users only is never posted: a channel is
 * read by many, and a sender may word a notification for its reader alone.
 * Cards are posted in the background, so a slow or failing Teams never
 * delays or breaks the notifications backend or its other processors.
 * Teams' workflow webhooks cannot edit a posted message: a notification
 * sent again in place (same scope) posts one card marked as an update when
 * its content changed, and nothing when it did not, on any replica and
 * after a restart ({@link PostedCards}).
 *
 * @internal
 */
export class TeamsNotificationProcessor implements NotificationProcessor {
  private readonly queue: DeliveryQueue;

  constructor(
    private readonly options: {
      config: TeamsConfig;
      /** The card last posted per webhook and scope. */
      posted: PostedCards;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** The app's base URL, for relative notification links. */
      baseUrl: string;
      /** Waits between retries and between cards; a test passes its own. */
      sleep?: (ms: number) => Promise<void>;
      fetch?: typeof fetch;
    },
  ) {
    const { config } = options;
    const sleep = options.sleep ?? realSleep;
    this.queue = new DeliveryQueue({
      maxQueued: config.maxQueued,
      logger: options.logger,
      sleep,
      post: (destination, body) =>
        postToWebhook({
          url: destination.url,
          body,
          retries: config.retries,
          retryDelayMs: config.retryDelayMs,
          timeoutMs: config.timeoutMs,
          sleep,
          fetch: options.fetch,
        }),
    });
  }

  getName(): string {
    return 'MicrosoftTeams';
  }

  /** Resolves when every card queued so far has been posted or given up. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  async processOptions(
    options: NotificationSendOptions,
  ): Promise<NotificationSendOptions> {
    try {
      await this.deliver(options);
    } catch (error) {
      this.options.logger.error(
        `Microsoft Teams: a notification was not posted: ${error}`,
      );
    }
    return options;
  }

  private async deliver(options: NotificationSendOptions) {
    const { payload, recipients } = options;
    const broadcast = recipients.type === 'broadcast';
    const entityRefs = broadcast
      ? []
      : [recipients.entityRef]
          .flat()
          .flatMap(ref => {
            try {
              return [parseEntityRef(ref)];
            } catch {
              return [];
            }
          })
          .filter(ref => ref.kind.toLocaleLowerCase('en-US') !== 'user')
          .map(ref => stringifyEntityRef(ref));
    // addressed to users alone: theirs, never a channel's
    if (!broadcast && entityRefs.length === 0) return;
    const destinations = destinationsOf({
      config: this.options.config,
      topic: payload.topic,
      broadcast,
      recipients: await this.annotated(entityRefs),
      problem: message =>
        this.options.logger.warn(`Microsoft Teams: ${message}`),
    });
    if (!destinations.length) return;
    const link = resolveNotificationLink(payload.link, this.options.baseUrl);
    const words = CARD_WORDS[this.options.config.language];
    const content = createHash('sha256')
      .update(JSON.stringify(teamsMessage({ payload, link, words })))
      .digest('hex');
    const { scope } = payload;
    for (const destination of destinations) {
      const before = scope
        ? await this.options.posted.lastPosted(destination.key, scope)
        : undefined;
      if (before === content) continue;
      const message = teamsMessage({
        payload,
        link,
        words,
        updated: before !== undefined,
      });
      const forgetIfFailed = (outcome: PostOutcome) => {
        if (outcome.ok || !scope) return;
        // not posted: the same card sent again is tried again
        this.options.posted
          .forget(destination.key, scope, content)
          .catch(error =>
            this.options.logger.warn(
              `Microsoft Teams: could not forget a card that was not posted: ${error}`,
            ),
          );
      };
      // remembered before it is queued, so a fast failure's forgetting follows it
      if (scope)
        await this.options.posted.remember(destination.key, scope, content);
      if (!this.queue.add(destination, message, forgetIfFailed) && scope)
        await this.options.posted.forget(destination.key, scope, content);
    }
  }

  /** The recipients' annotations, read in one request. */
  private async annotated(refs: string[]): Promise<AnnotatedRecipient[]> {
    const unique = [...new Set(refs)].slice(0, MAX_RECIPIENT_ENTITIES);
    if (!unique.length) return [];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: ['metadata.annotations'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return unique.map((ref, index) => ({
      ref,
      annotation:
        items[index]?.metadata?.annotations?.[TEAMS_WEBHOOK_ANNOTATION],
    }));
  }
}
