import { Config } from '@backstage/config';
import { StatusStore } from './StatusStore';

/** How long history is kept, in days. */
export type Retention = {
  resolvedAlertsDays: number;
  webhookEventsDays: number;
  transitionsDays: number;
  changeEventsDays: number;
  incidentUpdatesDays: number;
};

/**
 * `status.retention` from config: 30 days of resolved alerts, 7 of processed
 * webhook events, 400 of level transitions (the history) and 90 of change
 * events (as long as PagerDuty keeps them) and 90 of incident notes, status
 * updates and log entries (the timelines) by default.
 */
export function readRetention(config: Config): Retention {
  return {
    resolvedAlertsDays:
      config.getOptionalNumber('status.retention.resolvedAlertsDays') ?? 30,
    webhookEventsDays:
      config.getOptionalNumber('status.retention.webhookEventsDays') ?? 7,
    transitionsDays:
      config.getOptionalNumber('status.retention.transitionsDays') ?? 400,
    changeEventsDays:
      config.getOptionalNumber('status.retention.changeEventsDays') ?? 90,
    incidentUpdatesDays:
      config.getOptionalNumber('status.retention.incidentUpdatesDays') ?? 90,
  };
}

/**
 * Deletes resolved alerts, processed webhook events, level transitions and
 * change events past their retention; each entity's latest transition stays, as it holds
 * the entity's level.
 */
export async function pruneHistory(
  store: StatusStore,
  retention: Retention,
  now: Date = new Date(),
): Promise<{
  alerts: number;
  webhookEvents: number;
  transitions: number;
  changeEvents: number;
  incidentUpdates: number;
  incidentLogs: number;
}> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  return {
    alerts: await store.alerts.pruneResolved(
      daysAgo(retention.resolvedAlertsDays),
    ),
    webhookEvents: await store.webhookEvents.pruneProcessed(
      daysAgo(retention.webhookEventsDays),
    ),
    transitions: await store.pruneTransitions(
      daysAgo(retention.transitionsDays),
    ),
    changeEvents: await store.changeEvents.pruneBefore(
      daysAgo(retention.changeEventsDays),
    ),
    incidentUpdates: await store.incidentUpdates.pruneBefore(
      daysAgo(retention.incidentUpdatesDays),
    ),
    incidentLogs: await store.timelines.pruneBefore(
      daysAgo(retention.incidentUpdatesDays),
    ),
  };
}
