import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { randomBytes } from 'node:crypto';
import { throttle } from '../lib/coalesce';

/** The events topic on which replicas tell each other that signals changed. */
export const SIGNALS_CHANGED_TOPIC = 'status.signals-changed';

/**
 * Keeps every replica's engine current: the replica that stored new signals
 * (a webhook, an alert) announces it through the events service, and every
 * other replica refreshes its engine. Each replica subscribes under its own ID, so
 * each gets every announcement (subscribers sharing an ID share the events).
 * Announcements are throttled: the first after a quiet spell goes out at once
 * (so the others refresh as soon as this replica does, before its pushes
 * reach their browsers), then at most one per `coalesceMs` (100 ms by
 * default): at hundreds of alerts a second, one event per alert would be
 * hundreds of rows a second in the events bus for news the others read as one.
 */
export async function followReplicas(options: {
  events: EventsService;
  logger: LoggerService;
  /** What a replica does on an announcement: refresh its engine soon. */
  onSignalsChanged: () => void;
  coalesceMs?: number;
}): Promise<{ announce: () => void }> {
  const { events, logger } = options;
  const replica = randomBytes(8).toString('hex');
  await events.subscribe({
    id: `status-engine-${replica}`,
    topics: [SIGNALS_CHANGED_TOPIC],
    onEvent: async event => {
      // the announcing replica has refreshed already: a second refresh
      // would only hold back the reads that wait for the engine to be current
      if ((event.eventPayload as { from?: unknown })?.from === replica) return;
      options.onSignalsChanged();
    },
  });
  return {
    announce: throttle(() => {
      events
        .publish({
          topic: SIGNALS_CHANGED_TOPIC,
          eventPayload: { at: new Date().toISOString(), from: replica },
        })
        .catch(error =>
          logger.warn(
            `Could not tell other replicas about new signals: ${error}`,
          ),
        );
    }, options.coalesceMs ?? 100),
  };
}
