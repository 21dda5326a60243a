import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { randomBytes } from 'node:crypto';

/** The events topic on which replicas tell each other that signals changed. */
export const SIGNALS_CHANGED_TOPIC = 'status.signals-changed';

/**
 * Keeps every replica's engine current: the replica that stored new signals
 * (a webhook, an alert) announces it through the events service, and every
 * replica refreshes its engine. Each replica subscribes under its own ID, so
 * each gets every announcement (subscribers sharing an ID share the events).
 */
export async function followReplicas(options: {
  events: EventsService;
  logger: LoggerService;
  /** What a replica does on an announcement: refresh its engine soon. */
  onSignalsChanged: () => void;
}): Promise<{ announce: () => void }> {
  const { events, logger } = options;
  await events.subscribe({
    id: `status-engine-${randomBytes(8).toString('hex')}`,
    topics: [SIGNALS_CHANGED_TOPIC],
    onEvent: async () => options.onSignalsChanged(),
  });
  return {
    announce: () => {
      events
        .publish({
          topic: SIGNALS_CHANGED_TOPIC,
          eventPayload: { at: new Date().toISOString() },
        })
        .catch(error =>
          logger.warn(
            `Could not tell other replicas about new signals: ${error}`,
          ),
        );
    },
  };
}
