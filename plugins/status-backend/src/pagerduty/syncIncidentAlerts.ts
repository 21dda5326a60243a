import { NormalisedAlert } from '@status-layer/plugin-status-common';
import { toPagerDutyAlert } from './mapping';
import type { SyncContext } from './syncContext';

/** Incidents whose alerts are read per sync; the rest wait for the next one. */
const MAX_ALERT_LOOKUPS = 25;

const alertCountsKey = (account: string) =>
  `pagerduty:${account}:incident-alert-counts`;

/**
 * Reads the alerts under open incidents whose alert count changed since
 * they were last read (new incidents included), a bounded number per sync,
 * and resolves the stored alerts of incidents that are no longer open.
 */
export async function syncIncidentAlerts(
  context: SyncContext,
  open: any[],
): Promise<number> {
  const { account, client, store, request } = context;
  const now = context.now();
  const stored = await store.getMeta(alertCountsKey(account));
  const known: Record<string, number> = stored ? JSON.parse(stored.value) : {};
  const counts: Record<string, number> = {};
  const alerts: NormalisedAlert[] = [];
  const failures: string[] = [];
  let lookups = 0;
  for (const incident of open) {
    const count = incident.alert_counts?.all ?? 0;
    if (known[incident.id] === count || lookups >= MAX_ALERT_LOOKUPS) {
      if (known[incident.id] !== undefined)
        counts[incident.id] = known[incident.id];
      continue;
    }
    lookups++;
    try {
      const rows = await client.list<any>(
        `/incidents/${incident.id}/alerts`,
        {},
        'alerts',
        request,
      );
      counts[incident.id] = count;
      alerts.push(
        ...rows.map(a =>
          toPagerDutyAlert(a, {
            account,
            incidentId: incident.id,
            serviceId: incident.service.id,
          }),
        ),
      );
    } catch (error) {
      // its count stays unknown: read again next sync
      failures.push(String((error as Error)?.message ?? error));
    }
  }
  // alerts of incidents that closed are resolved with them
  const openIds = new Set(open.map(i => i.id));
  for (const alert of await store.alerts.listAlerts({
    source: 'pagerduty',
  })) {
    const target = alert.targets?.pagerDuty;
    if (target?.account === account && !openIds.has(target.incidentId))
      alerts.push({
        ...alert,
        state: 'resolved',
        endedAt: alert.endedAt ?? now.toISOString(),
      });
  }
  if (alerts.length) await store.alerts.upsertAlerts(alerts, now);
  await store.setMeta(alertCountsKey(account), JSON.stringify(counts));
  if (failures.length) {
    throw new Error(
      `the alerts of ${failures.length} incident(s) could not be read (${failures[0]})`,
    );
  }
  return lookups;
}
