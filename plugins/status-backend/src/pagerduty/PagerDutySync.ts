import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PagerDutyDataPart,
  pagerDutySourceName,
} from '@status-layer/plugin-status-common';
import {
  isOngoingWindow,
  SourceFreshness,
  StatusStore,
  StoredMaintenanceWindow,
  StoredService,
} from '../database';
import { toStoredService } from './mapping';
import { PagerDutyClient, RequestCounter } from './PagerDutyClient';
import { backfillIncidents } from './backfillIncidents';
import { nextTurn, readOrder } from './partOrder';
import { syncChangeEvents } from './syncChangeEvents';
import { syncIncidentAlerts } from './syncIncidentAlerts';
import { syncIncidentNotes } from './incidentUpdates';
import { syncIncidentTimelines } from './syncIncidentTimelines';
import { syncMaintenance, syncOnCalls } from './syncOnCalls';
import { syncOpenIncidents } from './syncOpenIncidents';
import { syncServiceDependencies } from './syncServiceDependencies';
import { ServiceDependencyStore } from '../database/DatabaseServiceDependencyStore';
import {
  BACKFILL_SCOPES,
  lacksScopesSentence,
  missingScopes,
  PART_SCOPES,
} from './auth/scopes';
import { SyncContext, SyncPartOutcome, SyncResult } from './syncContext';

/** The default budget of requests per sync, retries included. */
export const DEFAULT_MAX_REQUESTS_PER_SYNC = 500;

const messageOf = (error: unknown) =>
  String((error as Error)?.message ?? error);

/** The parts read per open incident: they need this sync's open list. */
const PER_OPEN_INCIDENT = new Set<PagerDutyDataPart>(['alerts', 'notes']);

/** A part's outcome and when it happened, until the end of the sync records it. */
type PendingOutcome = { outcome: SyncPartOutcome; at: Date };

/**
 * Reads one PagerDuty account into the store, each part on its own: services
 * with their escalation policies and teams, every open incident account-wide
 * (and the incidents that closed since the last sync), ongoing maintenance
 * windows, who is on call, recent change events, PagerDuty's own alerts
 * and notes under open incidents, and the log of major incidents (their
 * timelines).
 * A part that fails keeps its last good data, records why, and turns stale
 * after enough missed syncs; the others stay fresh. A part left out because
 * one it needs failed is stale at once. Every request of a sync counts
 * against one budget; the number grows with pages of results, not with
 * catalog entities or page views. The incidents are read first, the other
 * parts least recently read first (see {@link readOrder}), so a budget too
 * small for everything leaves out different parts at each sync, and every
 * part is read within seven syncs while each alone fits in what the incidents
 * leave of the budget (`ROTATION_SYNCS`).
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
      /** PagerDuty's service graph, and how many services' dependencies one sync reads; without it the graph is not read. */
      dependencies?: { store: ServiceDependencyStore; readsPerSync?: number };
      now?: () => Date;
    },
  ) {}

  /** The account this sync reads. */
  get account(): string {
    return this.options.account;
  }

  /** Reads everything once; `signal` is the sync's deadline. Never throws for a failing part. */
  async syncOnce(signal?: AbortSignal): Promise<SyncResult> {
    const { account, client, store } = this.options;
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
    const context: SyncContext = {
      account,
      client,
      store,
      logger: this.options.logger,
      request: { budget, signal },
      now: () => this.now(),
    };

    let services: StoredService[] | undefined;
    // the open list, once read, even when incidents that left it could not be looked up
    let open: any[] | undefined;
    const readers: Record<PagerDutyDataPart, () => Promise<unknown>> = {
      services: async () => {
        services = await syncServices(context);
        result.services = services.length;
      },
      incidents: () =>
        syncOpenIncidents(context, result, read => {
          open = read;
        }),
      maintenance: async () => {
        const planned = await syncMaintenance(context);
        const now = this.now().getTime();
        result.ongoingMaintenance = planned.filter(w =>
          isOngoingWindow(w, now),
        );
      },
      oncalls: async () => {
        // this sync's services, or the last stored ones when not read (yet)
        result.onCalls = await syncOnCalls(
          context,
          services ?? (await store.listServices(account)),
        );
      },
      changes: async () => {
        result.changeEvents = await syncChangeEvents(context);
      },
      alerts: async () => {
        result.alertLookups = await syncIncidentAlerts(context, open!);
      },
      notes: async () => {
        result.noteLookups = await syncIncidentNotes(context, open!);
      },
      timelines: async () => {
        result.logReads = await syncIncidentTimelines(context);
      },
      dependencies: async () => {
        const { store: graph, readsPerSync } = this.options.dependencies!;
        result.dependencyReads = (
          await syncServiceDependencies(
            context,
            services ?? (await store.listServices(account)),
            graph,
            readsPerSync,
          )
        ).read;
      },
    };

    // a Scoped OAuth app's token says what it may read; a REST API key does not
    let granted: ReadonlySet<string> | undefined;
    try {
      granted = await client.grantedScopes?.(context.request);
    } catch {
      // no token: every part's first request fails with why, and says so
    }

    // parts the budget cut short: recorded last, once the next order is known
    const cut: PendingOutcome[] = [];
    for (const part of this.readOrder(await store.listSources())) {
      const missing = missingScopes(PART_SCOPES[part], granted);
      if (missing.length) {
        // never read, never "fresh": stale with the scope to add named
        await this.skip(result, part, lacksScopesSentence(missing));
        continue;
      }
      if (PER_OPEN_INCIDENT.has(part) && !open) {
        // without this sync's open list they are left out, and say so, rather than look fresh
        await this.skip(
          result,
          part,
          `the open incidents could not be read from PagerDuty, and ${part} are read per open incident`,
        );
        continue;
      }
      const refusedBefore = budget.refused;
      const failed = await this.part(result, part, readers[part]);
      if (failed && budget.refused > refusedBefore) cut.push(failed);
      else if (failed) await this.record(part, failed);
    }
    if (cut.length) {
      // the next sync's order, from what this one leaves in the table: true by construction
      const next = this.readOrder(await store.listSources());
      for (const pending of cut) {
        pending.outcome.error = `${pending.outcome.error}; ${nextTurn(
          pending.outcome.part,
          next,
        )}`;
        await this.record(pending.outcome.part, pending);
      }
    }

    // last, with what is left of the budget: past incidents, for MTTA and MTTR
    // (without their scope the token's warning has said so: not tried)
    try {
      if (missingScopes(BACKFILL_SCOPES, granted).length === 0)
        result.backfill = await backfillIncidents(
          context,
          this.options.backfill,
        );
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

  /**
   * Runs one part; records a success at once, and returns a failure for the
   * caller to record (with where it comes next, when the budget cut it).
   */
  private async part(
    result: SyncResult,
    part: PagerDutyDataPart,
    read: () => Promise<unknown>,
  ): Promise<PendingOutcome | undefined> {
    try {
      await read();
      await this.options.store.recordSourceAttempt(
        pagerDutySourceName(this.options.account, part),
        { at: this.now(), ok: true, via: 'poll' },
      );
      result.parts.push({ part, ok: true });
      return undefined;
    } catch (error) {
      const outcome: SyncPartOutcome = {
        part,
        ok: false,
        error: messageOf(error),
      };
      result.parts.push(outcome);
      return { outcome, at: this.now() };
    }
  }

  private async record(
    part: PagerDutyDataPart,
    { outcome, at }: PendingOutcome,
  ): Promise<void> {
    await this.options.store.recordSourceAttempt(
      pagerDutySourceName(this.options.account, part),
      { at, ok: false, error: outcome.error ?? 'failed' },
    );
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

  /** The parts this sync reads, in {@link readOrder}: the service graph only when it has a store. */
  private readOrder(sources: SourceFreshness[]): PagerDutyDataPart[] {
    return readOrder(this.options.account, sources).filter(
      part => part !== 'dependencies' || this.options.dependencies,
    );
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

/** The services with their escalation policies and teams. */
async function syncServices(context: SyncContext): Promise<StoredService[]> {
  const { account, client, store, request } = context;
  const rows = await client.list<any>(
    '/services',
    { 'include[]': ['escalation_policies', 'teams'] },
    'services',
    request,
  );
  const stored = rows
    .map(s => toStoredService(s, account, context.now()))
    .filter(s => s !== undefined);
  await store.replaceServices(account, stored);
  return stored;
}
