import { toDate } from '@status-layer/plugin-status-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratedClient } from './migratedClient';
import { batches } from './batches';
import {
  getIncident,
  listAllIncidentTimes,
  listIncidents,
  listIncidentTimes,
  listIncidentsStoredSince,
  listOpenIncidents,
  upsertIncidents,
} from './incidentRows';
import { selectSources, upsertSourceAttempt } from './sourceRows';
import {
  deleteTransitionsBefore,
  insertTransitions,
  selectHistories,
  selectHistory,
  selectLastLevels,
  selectTransitions,
} from './transitionRows';
import { AlertStore, DatabaseAlertStore } from './DatabaseAlertStore';
import {
  ChangeEventStore,
  DatabaseChangeEventStore,
} from './DatabaseChangeEventStore';
import {
  DatabaseIncidentTimelineStore,
  IncidentTimelineStore,
} from './DatabaseIncidentTimelineStore';
import { BudgetStore, DatabaseBudgetStore } from './DatabaseBudgetStore';
import {
  DatabaseIncidentUpdateStore,
  IncidentUpdateStore,
} from './DatabaseIncidentUpdateStore';
import {
  DatabaseNotificationStore,
  NotificationStore,
} from './DatabaseNotificationStore';
import {
  DatabaseWebhookEventStore,
  WebhookEventStore,
} from './DatabaseWebhookEventStore';
import { StatusStore } from './StatusStore';
import {
  BackfillProgress,
  SourceAttempt,
  SourceFreshness,
  RecordedLevels,
  StatusTransition,
  StoredIncident,
  StoredOnCall,
  StoredMaintenanceWindow,
  StoredService,
  TransitionWindow,
} from './types';
import { bumpVersion, readVersions, setMeta } from './metaRows';

/**
 * The key under which the store records when its schema was first created.
 *
 * @internal
 */
export const SCHEMA_CREATED_AT_KEY = 'schema_created_at';

// Rows per insert: SQLite allows 999 bound variables per statement.
const CHUNK = 50;

/** One item per key, the last given winning: a key inserted twice in one statement fails. */
function lastPerKey<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map(item => [key(item), item])).values()];
}

/** A token that changes with every write of an account's services (a status_meta row). */
const SERVICES_VERSION_PREFIX = 'pagerduty-services-version:';

/** What readers of a service row see, without when it was synchronised. */
const serviceContent = (row: Record<string, any>) =>
  JSON.stringify([
    row.id,
    row.name,
    row.html_url ?? null,
    row.status ?? null,
    row.escalation_policy_id ?? null,
    row.escalation_policy_name ?? null,
    row.teams,
  ]);

/** Whether two sets of service rows say the same, whatever their order and sync times. */
function sameServices(
  a: Record<string, any>[],
  b: Record<string, any>[],
): boolean {
  if (a.length !== b.length) return false;
  const contents = new Set(a.map(serviceContent));
  return b.every(row => contents.has(serviceContent(row)));
}

/** Tells readers that follow the services that an account's have changed. */
const bumpServicesVersion = (db: Knex, account: string) =>
  bumpVersion(db, `${SERVICES_VERSION_PREFIX}${account}`);

/** Where an account's maintenance windows are kept (a status_meta row). */
const maintenanceKey = (account: string) => `pagerduty:${account}:maintenance`;

/**
 * Where the progress of an account's backfill is kept (a status_meta row).
 *
 * @internal
 */
export const backfillKey = (account: string) => `pagerduty:${account}:backfill`;

const orNull = <T>(value: T | undefined): T | null =>
  value === undefined ? null : value;

/** Since when levels have been recorded: before it, days have no data. */
const OBSERVED_SINCE_KEY = 'history.observed_since';

/**
 * {@link StatusStore} on the plugin's knex database (PostgreSQL or SQLite).
 *
 * @internal
 */
export class DatabaseStatusStore implements StatusStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseStatusStore> {
    const client = await migratedClient(
      options.database,
      options.skipMigrations,
    );
    const store = new DatabaseStatusStore(client);
    if (!(await store.getMeta(SCHEMA_CREATED_AT_KEY))) {
      await store.setMeta(SCHEMA_CREATED_AT_KEY, new Date().toISOString());
    }
    return store;
  }

  /** Monitoring alerts, on the same database. */
  readonly alerts: AlertStore;
  /** PagerDuty webhook events, on the same database. */
  readonly webhookEvents: WebhookEventStore;
  /** PagerDuty change events, on the same database. */
  readonly changeEvents: ChangeEventStore;
  /** Notes and status updates of incidents, on the same database. */
  readonly incidentUpdates: IncidentUpdateStore;
  readonly timelines: IncidentTimelineStore;
  /** Notification episodes and subscriptions, on the same database. */
  readonly notifications: NotificationStore;
  /** Error budgets kept per entity, on the same database. */
  readonly budgets: BudgetStore;

  private constructor(private readonly db: Knex) {
    this.alerts = new DatabaseAlertStore(db);
    this.webhookEvents = new DatabaseWebhookEventStore(db);
    this.changeEvents = new DatabaseChangeEventStore(db);
    this.notifications = new DatabaseNotificationStore(db);
    this.incidentUpdates = new DatabaseIncidentUpdateStore(db);
    this.timelines = new DatabaseIncidentTimelineStore(db);
    this.budgets = new DatabaseBudgetStore(db);
  }

  async ping(): Promise<void> {
    await this.db('status_meta').select('key').limit(1);
  }

  async getMeta(
    key: string,
  ): Promise<{ value: string; updatedAt: Date } | undefined> {
    const row = await this.db('status_meta')
      .where({ key })
      .first(['value', 'updated_at']);
    return row
      ? { value: row.value, updatedAt: toDate(row.updated_at)! }
      : undefined;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await setMeta(this.db, key, value);
  }

  async servicesVersions(): Promise<Map<string, string>> {
    return readVersions(this.db, SERVICES_VERSION_PREFIX);
  }

  async getMaintenanceWindows(
    account: string,
  ): Promise<StoredMaintenanceWindow[]> {
    const stored = await this.getMeta(maintenanceKey(account));
    return stored ? JSON.parse(stored.value) : [];
  }

  async setMaintenanceWindows(
    account: string,
    windows: StoredMaintenanceWindow[],
  ): Promise<void> {
    await this.setMeta(maintenanceKey(account), JSON.stringify(windows));
  }

  async getBackfillProgress(
    account: string,
  ): Promise<BackfillProgress | undefined> {
    const stored = await this.getMeta(backfillKey(account));
    return stored ? JSON.parse(stored.value) : undefined;
  }

  async setBackfillProgress(
    account: string,
    progress: BackfillProgress,
  ): Promise<void> {
    await this.setMeta(backfillKey(account), JSON.stringify(progress));
  }

  async deleteMeta(key: string): Promise<void> {
    await this.db('status_meta').where({ key }).delete();
  }

  async insertMetaIfAbsent(key: string, value: string): Promise<string> {
    // several replicas may start at once: the first value written wins
    await this.db('status_meta')
      .insert({ key, value, updated_at: new Date() })
      .onConflict('key')
      .ignore();
    return (await this.getMeta(key))!.value;
  }

  async updateService(
    account: string,
    id: string,
    change: Partial<Pick<StoredService, 'name' | 'htmlUrl' | 'status'>> | null,
  ): Promise<void> {
    await bumpServicesVersion(this.db, account);
    const row = this.db('status_pd_services').where({ account, id });
    if (change === null) {
      await row.delete();
      return;
    }
    const values = Object.fromEntries(
      Object.entries({
        name: change.name,
        html_url: change.htmlUrl,
        status: change.status,
      }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(values).length) await row.update(values);
  }

  async replaceServices(
    account: string,
    services: StoredService[],
  ): Promise<void> {
    const rows = lastPerKey(services, s => s.id).map(s => ({
      account,
      id: s.id,
      name: s.name,
      html_url: orNull(s.htmlUrl),
      status: orNull(s.status),
      escalation_policy_id: orNull(s.escalationPolicyId),
      escalation_policy_name: orNull(s.escalationPolicyName),
      teams: JSON.stringify(s.teams),
      synced_at: s.syncedAt,
    }));
    await this.db.transaction(async tx => {
      // the same services read again: readers that follow them have nothing to read
      const before = await tx('status_pd_services').where({ account });
      if (!sameServices(before, rows)) await bumpServicesVersion(tx, account);
      await tx('status_pd_services').where({ account }).delete();
      for (const batch of batches(rows, CHUNK))
        await tx('status_pd_services').insert(batch);
    });
  }

  async listServices(account?: string): Promise<StoredService[]> {
    const rows = await this.db('status_pd_services')
      .modify(q => {
        if (account) q.where({ account });
      })
      .orderBy(['account', 'id']);
    return rows.map((r: any) => ({
      account: r.account,
      id: r.id,
      name: r.name,
      htmlUrl: r.html_url ?? undefined,
      status: r.status ?? undefined,
      escalationPolicyId: r.escalation_policy_id ?? undefined,
      escalationPolicyName: r.escalation_policy_name ?? undefined,
      teams: JSON.parse(r.teams),
      syncedAt: toDate(r.synced_at)!,
    }));
  }

  async upsertIncidents(incidents: StoredIncident[]): Promise<void> {
    await upsertIncidents(this.db, incidents);
  }

  async listIncidentsStoredSince(since: Date): Promise<StoredIncident[]> {
    return listIncidentsStoredSince(this.db, since);
  }

  async listOpenIncidents(): Promise<StoredIncident[]> {
    return listOpenIncidents(this.db);
  }

  async listIncidentTimes(
    services: { account: string; serviceId: string }[],
    since: Date,
    limit: number,
  ) {
    return listIncidentTimes(this.db, services, since, limit);
  }

  async listIncidents(
    services: { account: string; serviceId: string }[],
    options: { since: Date; limit: number; resolvedOnly?: boolean },
  ): Promise<StoredIncident[]> {
    return listIncidents(this.db, services, options);
  }

  async listAllIncidentTimes(since: Date, limit: number) {
    return listAllIncidentTimes(this.db, since, limit);
  }

  async getIncident(
    account: string,
    id: string,
  ): Promise<StoredIncident | undefined> {
    return getIncident(this.db, account, id);
  }

  async replaceOnCalls(
    account: string,
    escalationPolicyIds: string[],
    onCalls: StoredOnCall[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (const batch of batches(escalationPolicyIds, CHUNK)) {
        await tx('status_pd_oncalls')
          .where({ account })
          .whereIn('escalation_policy_id', batch)
          .delete();
      }
      const rows = lastPerKey(
        onCalls,
        o => `${o.escalationPolicyId}/${o.level}/${o.user.id}`,
      );
      for (const batch of batches(rows, CHUNK)) {
        await tx('status_pd_oncalls').insert(
          batch.map(o => ({
            account,
            escalation_policy_id: o.escalationPolicyId,
            level: o.level,
            user_id: o.user.id,
            user_name: o.user.name,
            user_email: orNull(o.user.email),
            start: orNull(o.start),
            end: orNull(o.end),
          })),
        );
      }
    });
  }

  async listOnCalls(
    account: string,
    escalationPolicyIds?: string[],
  ): Promise<StoredOnCall[]> {
    const rows = await this.db('status_pd_oncalls')
      .where({ account })
      .modify(q => {
        if (escalationPolicyIds)
          q.whereIn('escalation_policy_id', escalationPolicyIds);
      })
      .orderBy(['escalation_policy_id', 'level', 'user_id']);
    return rows.map((r: any) => ({
      account: r.account,
      escalationPolicyId: r.escalation_policy_id,
      level: Number(r.level),
      user: {
        id: r.user_id,
        name: r.user_name,
        email: r.user_email ?? undefined,
      },
      start: toDate(r.start),
      end: toDate(r.end),
    }));
  }

  recordSourceAttempt(source: string, attempt: SourceAttempt): Promise<void> {
    return upsertSourceAttempt(this.db, source, attempt);
  }

  listSources(): Promise<SourceFreshness[]> {
    return selectSources(this.db);
  }

  recordTransitions(transitions: StatusTransition[]): Promise<void> {
    return insertTransitions(this.db, transitions);
  }

  listTransitions(
    entityRef: string,
    options: { since?: Date; limit?: number } = {},
  ): Promise<StatusTransition[]> {
    return selectTransitions(this.db, entityRef, options);
  }

  lastLevels(): Promise<Map<string, RecordedLevels>> {
    return selectLastLevels(this.db);
  }

  readHistory(entityRef: string, options: TransitionWindow) {
    return selectHistory(this.db, entityRef, options);
  }

  readHistories(
    entityRefs: string[],
    options: { since: Date; until?: Date; limit: number },
  ) {
    return selectHistories(this.db, entityRefs, options);
  }

  pruneTransitions(before: Date): Promise<number> {
    return deleteTransitionsBefore(this.db, before);
  }

  async markObservedSince(at: Date): Promise<void> {
    // several replicas may start at once: the first start recorded stays
    await this.insertMetaIfAbsent(OBSERVED_SINCE_KEY, at.toISOString());
  }

  async observedSince(): Promise<Date | undefined> {
    const meta = await this.getMeta(OBSERVED_SINCE_KEY);
    return meta ? new Date(meta.value) : undefined;
  }
}
