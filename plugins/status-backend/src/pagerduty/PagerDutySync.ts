import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PagerDutyDataPart,
  pagerDutySourceName,
} from '@status-layer/plugin-status-common';
import {
  isOngoingWindow,
  StatusStore,
  StoredMaintenanceWindow,
} from '../database';
import { isPagerDutyId, toStoredService } from './mapping';
import { PagerDutyClient, RequestCounter } from './PagerDutyClient';
import { backfillIncidents, BackfillProgress } from './backfillIncidents';
import { syncChangeEvents } from './syncChangeEvents';
import { syncIncidentAlerts } from './syncIncidentAlerts';
import { syncIncidentNotes } from './incidentUpdates';
import { syncOpenIncidents } from './syncOpenIncidents';

/** How one part of a sync went. */
export type SyncPartOutcome = {
  part: PagerDutyDataPart;
  ok: boolean;
  /** Not tried: a part it needs failed (`error` says which). */
  skipped?: boolean;
  /** Why it failed or was left out, in plain words. */
  error?: string;
};

/** What one sync read and wrote; a part that failed leaves its numbers out. */
export type SyncResult = {
  parts: SyncPartOutcome[];
  services?: number;
  openIncidents?: number;
  resolvedSinceLastSync: number;
  ongoingMaintenance?: StoredMaintenanceWindow[];
  onCalls?: number;
  /** Change events read (deploys, configuration changes). */
  changeEvents?: number;
  /** How the backfill of past incidents stands after this sync; absent once it has finished. */
  backfill?: BackfillProgress;
  /** Incidents whose alerts were read this sync. */
  alertLookups: number;
  /** Incidents whose notes were read this sync. */
  noteLookups?: number;
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
/** The default budget of requests per sync, retries included. */
export const DEFAULT_MAX_REQUESTS_PER_SYNC = 500;

/** What the parts of one sync share. */
export type SyncContext = {
  account: string;
  client: PagerDutyClient;
  store: StatusStore;
  logger: LoggerService;
  /** The sync's budget and deadline, for every request. */
  request: { budget: RequestCounter; signal?: AbortSignal };
  now: () => Date;
};

const messageOf = (error: unknown) =>
  String((error as Error)?.message ?? error);

/**
 * Reads one PagerDuty account into the store, each part on its own: services
 * with their escalation policies and teams, every open incident account-wide
 * (and the incidents that closed since the last sync), ongoing maintenance
 * windows, who is on call, recent change events, and PagerDuty's own alerts
 * under new incidents.
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
      /** Pages of the past-incident backfill: their size and how many per sync. */
      backfill?: { pageSize?: number; pagesPerSync?: number };
      now?: () => Date;
    },
  ) {}

  /** The account this sync reads. */
  get account(): string {
    return this.options.account;
  }

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

    const context: SyncContext = {
      account,
      client,
      store: this.options.store,
      logger: this.options.logger,
      request,
      now: () => this.now(),
    };
    // the open list, once read, even when incidents that left it could not be looked up
    let open: any[] | undefined;
    await this.part(result, 'incidents', () =>
      syncOpenIncidents(context, result, read => {
        open = read;
      }),
    );

    await this.part(result, 'maintenance', async () => {
      const windows = await client.list<any>(
        '/maintenance_windows',
        // ongoing and upcoming in one read: the page shows what is planned
        { filter: 'open' },
        'maintenance_windows',
        request,
      );
      const planned = windows.map(
        (w): StoredMaintenanceWindow => ({
          id: w.id,
          serviceIds: (w.services ?? []).map((s: { id: string }) => s.id),
          startTime: w.start_time,
          endTime: w.end_time,
          description: w.description,
          createdBy: w.created_by?.summary,
        }),
      );
      await this.options.store.setMaintenanceWindows(account, planned);
      result.ongoingMaintenance = planned.filter(w =>
        isOngoingWindow(w, this.now().getTime()),
      );
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

    await this.part(result, 'changes', async () => {
      result.changeEvents = await syncChangeEvents(context);
    });

    // read per open incident: without this sync's open list they are left
    // out, and say so, rather than look fresh
    const needsOpen = (what: string) =>
      `the open incidents could not be read from PagerDuty, and ${what} are read per open incident`;
    if (open) {
      const read = open;
      await this.part(result, 'alerts', async () => {
        result.alertLookups = await syncIncidentAlerts(context, read);
      });
      await this.part(result, 'notes', async () => {
        result.noteLookups = await syncIncidentNotes(context, read);
      });
    } else {
      await this.skip(result, 'alerts', needsOpen('alerts'));
      await this.skip(result, 'notes', needsOpen('notes'));
    }

    // last, with what is left of the budget: past incidents, for MTTA and MTTR
    try {
      result.backfill = await backfillIncidents(context, this.options.backfill);
    } catch (error) {
      this.options.logger.warn(
        `Reading past incidents of PagerDuty account ${account} failed (${messageOf(
          error,
        )}); it resumes at the next sync`,
      );
    }

    result.requests = client.requestsSent - before;
    const failed = result.parts.filter(p => !p.ok);
    if (failed.length) {
      this.options.logger.warn(
        `PagerDuty sync of account ${account}: ${failed
          .map(
            p => `${p.part} ${p.skipped ? 'skipped' : 'failed'} (${p.error})`,
          )
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

  /** Records that a part was left out, and why: it is stale until read again. */
  private async skip(
    result: SyncResult,
    part: PagerDutyDataPart,
    reason: string,
  ): Promise<void> {
    await this.options.store.recordSourceAttempt(
      pagerDutySourceName(this.options.account, part),
      { skipped: reason },
    );
    result.parts.push({ part, ok: false, skipped: true, error: reason });
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

  /** The maintenance windows of the last successful sync that are ongoing now. */
  async ongoingMaintenance(): Promise<StoredMaintenanceWindow[]> {
    const now = this.now().getTime();
    return (
      await this.options.store.getMaintenanceWindows(this.options.account)
    ).filter(w => isOngoingWindow(w, now));
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
