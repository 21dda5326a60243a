import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NormalisedAlert,
  PagerDutyDataPart,
  pagerDutySourceName,
} from '@internal/plugin-status-common';
import { StatusStore, StoredIncident } from '../database';
import { PagerDutyRequestError, PagerDutyTooManyResultsError } from './errors';
import {
  isPagerDutyId,
  toPagerDutyAlert,
  toStoredIncident,
  toStoredService,
} from './mapping';
import { PagerDutyClient, RequestCounter } from './PagerDutyClient';

/** An ongoing maintenance window, as the health model needs it. */
export type MaintenanceWindowSummary = {
  id: string;
  serviceIds: string[];
  startTime: string;
  endTime: string;
  description?: string;
};

/** How one part of a sync went. */
export type SyncPartOutcome = {
  part: PagerDutyDataPart;
  ok: boolean;
  /** Why it failed, in plain words. */
  error?: string;
};

/** What one sync read and wrote; a part that failed leaves its numbers out. */
export type SyncResult = {
  parts: SyncPartOutcome[];
  services?: number;
  openIncidents?: number;
  resolvedSinceLastSync: number;
  ongoingMaintenance?: MaintenanceWindowSummary[];
  onCalls?: number;
  /** Incidents whose alerts were read this sync. */
  alertLookups: number;
  /**
   * How many requests read the open incidents: one account-wide query, or
   * one per group of services when more are open than offset pagination
   * reaches (10,000).
   */
  incidentQueries: number;
  /** Whether open incidents differ from the last sync (opened, closed, acknowledged, reassigned...). */
  incidentsChanged: boolean;
  requests: number;
};

const ONCALL_BATCH = 25;
/** Incidents whose alerts are read per sync; the rest wait for the next one. */
const MAX_ALERT_LOOKUPS = 25;
/** Incidents gone from the open list that are looked up one by one per sync. */
const MAX_INDIVIDUAL_LOOKUPS = 50;
/** Services per open-incident query when the account-wide one has too many. */
const SERVICES_PER_QUERY = 100;
/** The default budget of requests per sync, retries included. */
export const DEFAULT_MAX_REQUESTS_PER_SYNC = 500;

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

const messageOf = (error: unknown) =>
  String((error as Error)?.message ?? error);

/**
 * Reads one PagerDuty account into the store, each part on its own: services
 * with their escalation policies and teams, every open incident account-wide
 * (and the incidents that closed since the last sync), ongoing maintenance
 * windows, who is on call, and PagerDuty's own alerts under new incidents.
 * A part that fails keeps its last good data, records why, and turns stale
 * after enough missed syncs; the others stay fresh. Every request of a sync
 * counts against one budget; the number grows with pages of results, not with
 * catalog entities or page views.
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
      /** Requests one sync may send, retries included (500 by default). */
      maxRequestsPerSync?: number;
      now?: () => Date;
    },
  ) {}

  /** Reads everything once; `signal` is the sync's deadline. Never throws for a failing part. */
  async syncOnce(signal?: AbortSignal): Promise<SyncResult> {
    const { account, client } = this.options;
    const budget = new RequestCounter(
      this.options.maxRequestsPerSync ?? DEFAULT_MAX_REQUESTS_PER_SYNC,
    );
    const before = client.requestsSent;
    const result: SyncResult = {
      parts: [],
      resolvedSinceLastSync: 0,
      alertLookups: 0,
      incidentQueries: 0,
      incidentsChanged: false,
      requests: 0,
    };
    const request = { budget, signal };

    const services = await this.part(result, 'services', async () => {
      const rows = await client.list<any>(
        '/services',
        { 'include[]': ['escalation_policies', 'teams'] },
        'services',
        request,
      );
      const stored = rows
        .map(s => toStoredService(s, account, this.now()))
        .filter(s => s !== undefined);
      await this.options.store.replaceServices(account, stored);
      result.services = stored.length;
      return stored;
    });

    const open = await this.part(result, 'incidents', () =>
      this.syncIncidents(result, request),
    );

    await this.part(result, 'maintenance', async () => {
      const windows = await client.list<any>(
        '/maintenance_windows',
        { filter: 'ongoing' },
        'maintenance_windows',
        request,
      );
      const ongoing = windows.map(w => ({
        id: w.id,
        serviceIds: (w.services ?? []).map((s: { id: string }) => s.id),
        startTime: w.start_time,
        endTime: w.end_time,
        description: w.description,
      }));
      await this.options.store.setMeta(
        maintenanceKey(account),
        JSON.stringify(ongoing),
      );
      result.ongoingMaintenance = ongoing;
    });

    await this.part(result, 'oncalls', async () => {
      // this sync's services, or the last stored ones when they failed
      const known =
        services ?? (await this.options.store.listServices(account));
      result.onCalls = await this.syncOnCalls(
        [
          ...new Set(
            known
              .map(s => s.escalationPolicyId)
              .filter((id): id is string => Boolean(id)),
          ),
        ],
        request,
      );
    });

    if (open) {
      await this.part(result, 'alerts', async () => {
        result.alertLookups = await this.syncIncidentAlerts(open, request);
      });
    }

    result.requests = client.requestsSent - before;
    const failed = result.parts.filter(p => !p.ok);
    if (failed.length) {
      this.options.logger.warn(
        `PagerDuty sync of account ${account}: ${failed
          .map(p => `${p.part} failed (${p.error})`)
          .join('; ')}; their last known data is kept`,
      );
    }
    return result;
  }

  /** Runs one part, recording its success or failure in the freshness table. */
  private async part<T>(
    result: SyncResult,
    part: PagerDutyDataPart,
    read: () => Promise<T>,
  ): Promise<T | undefined> {
    const source = pagerDutySourceName(this.options.account, part);
    try {
      const value = await read();
      await this.options.store.recordSourceAttempt(source, {
        at: this.now(),
        ok: true,
        via: 'poll',
      });
      result.parts.push({ part, ok: true });
      return value;
    } catch (error) {
      const message = messageOf(error);
      await this.options.store.recordSourceAttempt(source, {
        at: this.now(),
        ok: false,
        error: message,
      });
      result.parts.push({ part, ok: false, error: message });
      return undefined;
    }
  }

  /**
   * Open incidents, account-wide or split by service when there are more
   * than offset pagination reaches, and the incidents that left the open list
   * since the last sync. Returns the open incidents as PagerDuty sent them.
   */
  private async syncIncidents(
    result: SyncResult,
    request: { budget: RequestCounter; signal?: AbortSignal },
  ): Promise<any[]> {
    const { account, client, store } = this.options;
    // asked now: a webhook that occurs after this moment wins over what the answer says
    const observedAt = this.now();
    const query = {
      'statuses[]': ['triggered', 'acknowledged'],
      // without it PagerDuty silently drops incidents older than a month
      date_range: 'all',
      'include[]': ['assignees', 'conference_bridge'],
    };
    let open: any[];
    try {
      result.incidentQueries = 1;
      open = await client.list<any>('/incidents', query, 'incidents', request);
    } catch (error) {
      if (!(error instanceof PagerDutyTooManyResultsError)) throw error;
      const serviceIds = (await store.listServices(account)).map(s => s.id);
      this.options.logger.info(
        `More than ${error.received} incidents are open in PagerDuty account ${account}; reading them per group of services`,
      );
      open = await this.listOpenPerService(serviceIds, query, result, request);
    }
    const previouslyOpen = (await store.listOpenIncidents()).filter(
      i => i.account === account,
    );
    const byId = new Map(previouslyOpen.map(i => [i.id, i]));
    const openIncidents = open
      .map(i =>
        toStoredIncident(i, { account, observedAt, known: byId.get(i.id) }),
      )
      .filter(i => i !== undefined);
    const openIds = new Set(openIncidents.map(i => i.id));
    result.openIncidents = openIncidents.length;
    result.incidentsChanged =
      incidentsSignature(previouslyOpen) !== incidentsSignature(openIncidents);

    // Incidents that left the open list: only PagerDuty's 404 means one is gone;
    // any other failure keeps it as last known, and the part reports it.
    const closed = previouslyOpen.filter(i => !openIds.has(i.id));
    const settled: StoredIncident[] = [];
    const unconfirmed: string[] = [];
    for (const incident of closed.slice(0, MAX_INDIVIDUAL_LOOKUPS)) {
      const lookedUpAt = this.now();
      try {
        const current = await client.get<any>(
          `/incidents/${incident.id}`,
          {},
          'incident',
          request,
        );
        const latest = toStoredIncident(current, {
          account,
          observedAt: lookedUpAt,
          known: incident,
        });
        if (latest) settled.push(latest);
      } catch (error) {
        if (error instanceof PagerDutyRequestError && error.status === 404) {
          // merged or deleted: no longer open
          settled.push({
            ...incident,
            status: 'resolved',
            resolvedAt: lookedUpAt,
            changedAt: lookedUpAt,
            observedAt: lookedUpAt,
            assignees: [],
          });
        } else {
          unconfirmed.push(messageOf(error));
        }
      }
    }
    result.resolvedSinceLastSync = settled.filter(
      i => i.status === 'resolved',
    ).length;
    await store.upsertIncidents([...openIncidents, ...settled]);
    const waiting = closed.length - MAX_INDIVIDUAL_LOOKUPS;
    if (unconfirmed.length || waiting > 0) {
      const reasons = [
        unconfirmed.length
          ? `${unconfirmed.length} incident(s) that left the open list could not be looked up (${unconfirmed[0]})`
          : '',
        waiting > 0
          ? `${waiting} incident(s) that left the open list wait for the next sync`
          : '',
      ].filter(Boolean);
      throw new Error(`${reasons.join('; ')}; they are shown as last known`);
    }
    return open;
  }

  /** Open incidents read per group of services, groups halved until each fits. */
  private async listOpenPerService(
    serviceIds: string[],
    query: Record<string, string | string[]>,
    result: SyncResult,
    request: { budget: RequestCounter; signal?: AbortSignal },
  ): Promise<any[]> {
    const groups: string[][] = [];
    for (let i = 0; i < serviceIds.length; i += SERVICES_PER_QUERY)
      groups.push(serviceIds.slice(i, i + SERVICES_PER_QUERY));
    const open: any[] = [];
    while (groups.length) {
      const group = groups.shift()!;
      result.incidentQueries += 1;
      try {
        open.push(
          ...(await this.options.client.list<any>(
            '/incidents',
            { ...query, 'service_ids[]': group },
            'incidents',
            request,
          )),
        );
      } catch (error) {
        if (!(error instanceof PagerDutyTooManyResultsError)) throw error;
        if (group.length === 1) {
          throw new Error(
            `PagerDuty service ${group[0]} alone has more than ${error.received} open incidents, more than offset pagination reaches`,
          );
        }
        const half = Math.ceil(group.length / 2);
        groups.unshift(group.slice(0, half), group.slice(half));
      }
    }
    return open;
  }

  /** Who is on call for the escalation policies, 25 policies per request. */
  private async syncOnCalls(
    policyIds: string[],
    request: { budget: RequestCounter; signal?: AbortSignal },
  ): Promise<number> {
    const { account, client, store } = this.options;
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
        {
          ...request,
          // on-call rows have no id of their own
          keyOf: o =>
            `${o.escalation_policy?.id}/${o.escalation_level}/${o.user?.id}`,
        },
      );
      const stored = rows
        .filter(
          o =>
            isPagerDutyId(o.escalation_policy?.id) && isPagerDutyId(o.user?.id),
        )
        .map(o => ({
          account,
          escalationPolicyId: o.escalation_policy.id,
          level: Number(o.escalation_level),
          user: {
            id: o.user.id,
            name: o.user.name ?? o.user.summary ?? o.user.id,
            email: o.user.email,
          },
          start: o.start ? new Date(o.start) : undefined,
          end: o.end ? new Date(o.end) : undefined,
        }));
      await store.replaceOnCalls(account, batch, stored);
      onCalls += stored.length;
    }
    return onCalls;
  }

  /**
   * Reads the alerts under open incidents whose alert count changed since
   * they were last read (new incidents included), a bounded number per sync,
   * and resolves the stored alerts of incidents that are no longer open.
   */
  private async syncIncidentAlerts(
    open: any[],
    request: { budget: RequestCounter; signal?: AbortSignal },
  ): Promise<number> {
    const { account, client, store } = this.options;
    const now = this.now();
    const stored = await store.getMeta(alertCountsKey(account));
    const known: Record<string, number> = stored
      ? JSON.parse(stored.value)
      : {};
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
        failures.push(messageOf(error));
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

  /** The ongoing maintenance windows of the last successful sync. */
  async ongoingMaintenance(): Promise<MaintenanceWindowSummary[]> {
    return readOngoingMaintenance(this.options.store, this.options.account);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
