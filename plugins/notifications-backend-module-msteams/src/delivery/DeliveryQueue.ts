import { LoggerService } from '@backstage/backend-plugin-api';
import { TeamsDestination } from '../routing/destinations';
import { PostOutcome } from './postToWebhook';

/** Teams takes at most four requests a second on one webhook. */
export const MIN_SPACING_MS = 250;

/**
 * Cards waiting to be posted, one line per webhook: each webhook's cards go
 * in order and spaced by {@link MIN_SPACING_MS}, different webhooks in
 * parallel. Bounded: past `maxQueued` a card is dropped with a warning, so
 * a Teams outage never grows the backend's memory. Nothing here throws
 * into the notifications backend.
 */
export class DeliveryQueue {
  private queued = 0;
  private readonly lines = new Map<string, Promise<void>>();

  constructor(
    private readonly options: {
      maxQueued: number;
      logger: LoggerService;
      post: (
        destination: TeamsDestination,
        body: unknown,
      ) => Promise<PostOutcome>;
      sleep: (ms: number) => Promise<void>;
    },
  ) {}

  /**
   * Queues a card; false when the queue is full and the card is dropped.
   * `done` is told how its post ended.
   */
  add(
    destination: TeamsDestination,
    body: unknown,
    done?: (outcome: PostOutcome) => void,
  ): boolean {
    const { logger } = this.options;
    if (this.queued >= this.options.maxQueued) {
      logger.warn(
        `Microsoft Teams: ${this.queued} cards wait to be posted; a card for ${destination.label} is dropped`,
      );
      return false;
    }
    this.queued += 1;
    const previous = this.lines.get(destination.key) ?? Promise.resolve();
    const next = previous.then(async () => {
      let outcome: PostOutcome;
      try {
        outcome = await this.options.post(destination, body);
      } catch (error) {
        outcome = { ok: false, attempts: 1, reason: String(error) };
      }
      this.queued -= 1;
      if (outcome.ok)
        logger.debug(`Microsoft Teams: card posted to ${destination.label}`);
      else
        logger.error(
          `Microsoft Teams: a card for ${destination.label} was not posted after ${outcome.attempts} tries: ${outcome.reason}`,
        );
      done?.(outcome);
      await this.options.sleep(MIN_SPACING_MS);
    });
    this.lines.set(destination.key, next);
    // the line is dropped once it has run dry
    next.then(() => {
      if (this.lines.get(destination.key) === next)
        this.lines.delete(destination.key);
    });
    return true;
  }

  /** Resolves when every card queued so far has been posted or given up. */
  async idle(): Promise<void> {
    while (this.lines.size) await Promise.all([...this.lines.values()]);
  }
}
