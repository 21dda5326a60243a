import { SchedulerService } from '@backstage/backend-plugin-api';
import { pruneHistory } from '../database/retention';
import { StatusParts } from './createStatusParts';
import { StatusConfig } from './readStatusConfig';

/**
 * The status backend's scheduled work. Global tasks (one replica at a time):
 * the PagerDuty sync, expiring alerts their tool stopped re-sending, pruning
 * history, notifying upstream outages. Local tasks (every replica keeps its own graph): re-reading the
 * catalog, refreshing levels from the store.
 */
export async function scheduleStatusTasks(
  scheduler: SchedulerService,
  parts: StatusParts,
  status: StatusConfig,
): Promise<void> {
  const { engine, syncs, store, logger, liveRefresh, replicas } = parts;
  if (engine && syncs.length)
    await scheduler.scheduleTask({
      id: 'status-pagerduty-sync',
      scope: 'global',
      frequency: { seconds: status.syncIntervalSeconds },
      // also how long the sync's lock outlives a replica killed mid-sync
      // before another replica takes the sync over
      timeout: { seconds: Math.max(60, 3 * status.syncIntervalSeconds) },
      initialDelay: { seconds: 3 },
      fn: async abortSignal => {
        // one failing account (logged and marked stale by its sync) never holds up the others
        const results = await Promise.allSettled(
          syncs.map(sync => sync.syncOnce(abortSignal)),
        );
        if (engine.ready) await engine.refreshSignals();
        // incident changes a webhook missed still reach open pages
        if (
          results.some(
            r => r.status === 'fulfilled' && r.value.incidentsChanged,
          )
        )
          parts.livePush.changed();
        if (results.every(r => r.status === 'rejected')) {
          throw new Error('No PagerDuty account could be synchronised');
        }
      },
    });
  if (engine) {
    await scheduler.scheduleTask({
      id: 'status-catalog',
      scope: 'local',
      // the catalog may still be ingesting at start-up: re-read it every minute
      frequency: { minutes: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 5 },
      fn: () => engine.refreshCatalog(),
    });
    await scheduler.scheduleTask({
      id: 'status-signals',
      scope: 'local',
      frequency: { seconds: 15 },
      timeout: { minutes: 1 },
      initialDelay: { seconds: 5 },
      fn: async () => {
        // webhook events a crash or restart left unprocessed
        await parts.webhookProcessor.processPending();
        // right after start-up the catalog is still ingesting: follow it closely
        if (engine.catalogSettling) await engine.refreshCatalog();
        else await engine.refreshSignals();
      },
    });
  }
  const { notifier } = parts;
  if (notifier && status.notifications.enabled)
    await scheduler.scheduleTask({
      // global: one replica tells each outage, from the episodes all share
      id: 'status-notifications',
      scope: 'global',
      frequency: { seconds: 15 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 10 },
      fn: async () => {
        const run = await notifier.run();
        if (run.sent || run.recovered)
          logger.info(
            `Sent ${run.sent} upstream outage notifications and ${run.recovered} recovery follow-ups`,
          );
      },
    });
  const { budgets } = parts;
  if (budgets)
    await scheduler.scheduleTask({
      // global: one replica keeps the budgets and tells each burn once
      id: 'status-budgets',
      scope: 'global',
      frequency: { seconds: 30 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 20 },
      fn: async () => {
        await budgets.refresher.run();
        if (
          !status.notifications.enabled ||
          !status.objectives.burnNotifications
        )
          return;
        const run = await budgets.notifier.run();
        if (run.sent)
          logger.info(`Told ${run.sent} owners of a fast error budget burn`);
      },
    });
  const { statusPages } = parts;
  if (statusPages)
    await scheduler.scheduleTask({
      // global: one replica writes to each page, from the state all share
      id: 'status-pages',
      scope: 'global',
      frequency: { seconds: 30 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
      fn: async () => {
        const run = await statusPages.run();
        if (run.written)
          logger.info(`Updated ${run.written} PagerDuty status pages`);
      },
    });
  // firing alerts their tool stopped re-sending have ended, unseen
  await scheduler.scheduleTask({
    id: 'status-alert-expiry',
    scope: 'global',
    frequency: { minutes: 5 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const now = new Date();
      for (const source of status.alertSources) {
        const after = status.alertLimits.expireAfterMs(source.id);
        if (after === undefined) continue;
        const expired = await store.alerts.expireFiring(
          source.id,
          new Date(now.getTime() - after),
          now,
        );
        if (expired) {
          logger.info(
            `Resolved ${expired} firing ${
              source.title
            } alerts not sent again for ${Math.round(after / 60_000)} minutes`,
          );
          liveRefresh.changed();
          replicas.announce();
        }
      }
    },
  });
  await scheduler.scheduleTask({
    id: 'status-retention',
    scope: 'global',
    frequency: { hours: 6 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const pruned = await pruneHistory(store, status.retention);
      if (pruned.alerts || pruned.webhookEvents || pruned.transitions)
        logger.info(
          `Pruned ${pruned.alerts} resolved alerts, ${pruned.webhookEvents} processed PagerDuty webhook events and ${pruned.transitions} level transitions`,
        );
    },
  });
}
