import { LoggerService } from '@backstage/backend-plugin-api';
import { NormalisedAlert } from '@internal/plugin-status-common';
import { StatusStore, StoredIncident, StoredService } from '../database';
import { PagerDutyClient } from './PagerDutyClient';

/** An ongoing maintenance window, as the health model needs it. */
export type MaintenanceWindowSummary = {
  id: string;
  serviceIds: string[];
  startTime: string;
  endTime: string;
  description?: string;
};

/** What one sync read and wrote. */
export type SyncResult = {
  services: number;
  openIncidents: number;
  resolvedSinceLastSync: number;
  ongoingMaintenance: MaintenanceWindowSummary[];
  onCalls: number;
  /** Incidents whose alerts were read this sync. */
  alertLookups: number;
  /** Whether open incidents differ from the last sync (opened, closed, acknowledged, reassigned...). */
  incidentsChanged: boolean;
  requests: number;
};

const ONCALL_BATCH = 25;
/** Incidents whose alerts are read per sync; the rest wait for the next one. */
const MAX_ALERT_LOOKUPS = 25;
const MAX_INDIVIDUAL_LOOKUPS = 50;

const maintenanceKey = (account: string) => `pagerduty:${account}:maintenance`;
const alertCountsKey = (account: string) =>
  `pagerduty:${account}:incident-alert-counts`;

/** The ongoing maintenance windows of an account as its last successful sync saw them. */
export async function readOngoingMaintenance(
  store: StatusStore,
  account: string,
): Promise<MaintenanceWindowSummary[]> {
  const stored = await store.getMeta(maintenanceKey(account));
  return stored ? JSON.parse(stored.value) : [];
}

/** What a page shows of open incidents, to tell whether a sync changed any. */
function incidentsSignature(incidents: StoredIncident[]): string {
  return JSON.stringify(
    incidents
      .map(i => [
        i.id,
        i.status,
        i.urgency,
        i.priority ?? '',
        i.title,
        i.assignees.map(a => a.id).join(','),
      ])
      .sort((a, b) => a[0].localeCompare(b[0])),
  );
}

/** The source name of an account in the freshness table. */
export const pagerDutySource = (account: string) => `pagerduty:${account}`;

/**
 * Reads one PagerDuty account into the store: services with their escalation
 * policies and teams, every open incident account-wide, the incidents that
 * closed since the last sync, ongoing maintenance windows, and who is on call
 * for the services' escalation policies. The number of requests grows with
 * pages of results, not with catalog entities or page views.
 *
 * @internal
 */
export class PagerDutySync {
  constructor(
    private readonly options: {
      account: string;
      client: PagerDutyClient;
      store: StatusStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async syncOnce(): Promise<SyncResult> {
    const { account, client, store } = this.options;
    const now = this.options.now?.() ?? new Date();
    const before = client.requestsSent;
    try {
      const services = await client.list<any>(
        '/services',
        { 'include[]': ['escalation_policies', 'teams'] },
        'services',
      );
      await store.replaceServices(
        account,
        services.map(s => this.toService(s, now)),
      );

      // date_range=all: without it PagerDuty silently drops incidents older than a month
      const open = await client.list<any>(
        '/incidents',
        {
          'statuses[]': ['triggered', 'acknowledged'],
          date_range: 'all',
          'include[]': ['assignees'],
        },
        'incidents',
      );
      const openIncidents = open.map(i => this.toIncident(i));
      const openIds = new Set(openIncidents.map(i => i.id));
      const previouslyOpen = (await store.listOpenIncidents()).filter(
        i => i.account === account,
      );
      const closed = previouslyOpen.filter(i => !openIds.has(i.id));
      const incidentsChanged =
        incidentsSignature(previouslyOpen) !==
        incidentsSignature(openIncidents);
      const resolved: StoredIncident[] = [];
      for (const [index, incident] of closed.entries()) {
        if (index < MAX_INDIVIDUAL_LOOKUPS) {
          const current = await client
            .get<any>(`/incidents/${incident.id}`, {}, 'incident')
            .catch(() => undefined);
          if (current) {
            const latest = this.toIncident(current);
            // a resolved incident no longer lists its acknowledgements
            resolved.push({
              ...latest,
              acknowledgedAt: latest.acknowledgedAt ?? incident.acknowledgedAt,
            });
            continue;
          }
        }
        // gone (merged or deleted) or too many to look up: it is no longer open
        resolved.push({
          ...incident,
          status: 'resolved',
          resolvedAt: now,
          changedAt: now,
        });
      }
      await store.upsertIncidents([...openIncidents, ...resolved]);
      const alertLookups = await this.syncIncidentAlerts(open, now);

      const windows = await client.list<any>(
        '/maintenance_windows',
        { filter: 'ongoing' },
        'maintenance_windows',
      );
      const ongoingMaintenance = windows.map(w => ({
        id: w.id,
        serviceIds: (w.services ?? []).map((s: { id: string }) => s.id),
        startTime: w.start_time,
        endTime: w.end_time,
        description: w.description,
      }));
      await store.setMeta(
        maintenanceKey(account),
        JSON.stringify(ongoingMaintenance),
      );

      const policyIds = [
        ...new Set(services.map(s => s.escalation_policy?.id).filter(Boolean)),
      ] as string[];
      let onCalls = 0;
      for (let i = 0; i < policyIds.length; i += ONCALL_BATCH) {
        const batch = policyIds.slice(i, i + ONCALL_BATCH);
        const rows = await client.list<any>(
          '/oncalls',
          {
            'escalation_policy_ids[]': batch,
            earliest: 'true',
            'include[]': ['users'],
          },
          'oncalls',
        );
        await store.replaceOnCalls(
          account,
          batch,
          rows.map(o => ({
            account,
            escalationPolicyId: o.escalation_policy.id,
            level: o.escalation_level,
            user: {
              id: o.user.id,
              name: o.user.name ?? o.user.summary,
              email: o.user.email,
            },
            start: o.start ? new Date(o.start) : undefined,
            end: o.end ? new Date(o.end) : undefined,
          })),
        );
        onCalls += rows.length;
      }

      await store.recordSourceAttempt(pagerDutySource(account), {
        at: now,
        ok: true,
        via: 'poll',
      });
      return {
        services: services.length,
        openIncidents: openIncidents.length,
        resolvedSinceLastSync: resolved.length,
        ongoingMaintenance,
        onCalls,
        alertLookups,
        incidentsChanged,
        requests: client.requestsSent - before,
      };
    } catch (error) {
      // the last good data stays in the store and is served as stale
      await store.recordSourceAttempt(pagerDutySource(account), {
        at: now,
        ok: false,
        error: String((error as Error).message ?? error),
      });
      this.options.logger.error(
        `PagerDuty sync of account ${account} failed; serving the last known data`,
        error as Error,
      );
      throw error;
    }
  }

  /**
   * Reads the alerts under open incidents whose alert count changed since
   * they were last read (new incidents included), a bounded number per sync,
   * and resolves the stored alerts of incidents that are no longer open.
   */
  private async syncIncidentAlerts(open: any[], now: Date): Promise<number> {
    const { account, client, store } = this.options;
    const stored = await store.getMeta(alertCountsKey(account));
    const known: Record<string, number> = stored
      ? JSON.parse(stored.value)
      : {};
    const counts: Record<string, number> = {};
    const alerts: NormalisedAlert[] = [];
    let lookups = 0;
    for (const incident of open) {
      const count = incident.alert_counts?.all ?? 0;
      if (known[incident.id] === count || lookups >= MAX_ALERT_LOOKUPS) {
        if (known[incident.id] !== undefined)
          counts[incident.id] = known[incident.id];
        continue;
      }
      lookups++;
      const rows = await client
        .list<any>(`/incidents/${incident.id}/alerts`, {}, 'alerts')
        .catch(() => undefined);
      if (!rows) continue;
      counts[incident.id] = count;
      alerts.push(
        ...rows.map(a => this.toAlert(a, incident.id, incident.service.id)),
      );
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
    return lookups;
  }

  private toAlert(
    a: any,
    incidentId: string,
    serviceId: string,
  ): NormalisedAlert {
    return {
      source: 'pagerduty',
      fingerprint: `${this.options.account}/${a.id}`,
      state: a.status === 'resolved' ? 'resolved' : 'firing',
      severity: ['critical', 'error', 'warning', 'info'].includes(a.severity)
        ? a.severity
        : 'error',
      title: a.summary ?? a.body?.details?.summary ?? a.id,
      startedAt: a.created_at,
      url: a.html_url,
      labels: {
        ...(a.alert_key ? { alert_key: a.alert_key } : {}),
        ...(a.body?.details?.source ? { source: a.body.details.source } : {}),
      },
      targets: {
        pagerDuty: { account: this.options.account, incidentId, serviceId },
      },
    };
  }

  /** The ongoing maintenance windows of the last successful sync. */
  async ongoingMaintenance(): Promise<MaintenanceWindowSummary[]> {
    return readOngoingMaintenance(this.options.store, this.options.account);
  }

  private toService(s: any, now: Date): StoredService {
    return {
      account: this.options.account,
      id: s.id,
      name: s.name ?? s.summary,
      htmlUrl: s.html_url,
      status: s.status,
      escalationPolicyId: s.escalation_policy?.id,
      escalationPolicyName:
        s.escalation_policy?.name ?? s.escalation_policy?.summary,
      teams: (s.teams ?? []).map((t: any) => ({
        id: t.id,
        name: t.name ?? t.summary,
      })),
      syncedAt: now,
    };
  }

  private toIncident(i: any): StoredIncident {
    return {
      account: this.options.account,
      id: i.id,
      number: i.incident_number,
      title: i.title,
      serviceId: i.service.id,
      status: i.status,
      urgency: i.urgency,
      priority: i.priority?.summary ?? i.priority?.name,
      htmlUrl: i.html_url,
      createdAt: new Date(i.created_at),
      acknowledgedAt: i.acknowledgements?.[0]?.at
        ? new Date(i.acknowledgements[0].at)
        : undefined,
      resolvedAt: i.resolved_at ? new Date(i.resolved_at) : undefined,
      changedAt: new Date(
        i.last_status_change_at ?? i.updated_at ?? i.created_at,
      ),
      assignees: (i.assignments ?? []).map((a: any) => ({
        id: a.assignee.id,
        name: a.assignee.name ?? a.assignee.summary,
        email: a.assignee.email,
      })),
      conferenceUrl: i.conference_bridge?.conference_url ?? undefined,
      conferenceNumber: i.conference_bridge?.conference_number ?? undefined,
    };
  }
}
