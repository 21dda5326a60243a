import { AlertStore } from './DatabaseAlertStore';
import { BudgetStore } from './DatabaseBudgetStore';
import { ChangeEventStore } from './DatabaseChangeEventStore';
import { IncidentTimelineStore } from './DatabaseIncidentTimelineStore';
import { IncidentUpdateStore } from './DatabaseIncidentUpdateStore';
import { NotificationStore } from './DatabaseNotificationStore';
import { WebhookEventStore } from './DatabaseWebhookEventStore';
import {
  BackfillProgress,
  RecordedLevels,
  SourceAttempt,
  SourceFreshness,
  StatusTransition,
  StoredIncident,
  StoredOnCall,
  StoredMaintenanceWindow,
  StoredService,
  TransitionWindow,
  WindowTransitions,
} from './types';

/**
 * Persistence of the status plugin: PagerDuty data as last synchronised, the
 * freshness of every source, and the history of level changes, so that the
 * last known state can be served at once after a restart.
 *
 * @public
 */
export interface StatusStore {
  /** Monitoring alerts from every source. */
  readonly alerts: AlertStore;
  /** PagerDuty webhook events, stored before processing. */
  readonly webhookEvents: WebhookEventStore;
  /** PagerDuty change events (deploys, configuration changes). */
  readonly changeEvents: ChangeEventStore;
  /** Notes and status updates of PagerDuty incidents. */
  readonly incidentUpdates: IncidentUpdateStore;
  /** PagerDuty's log entries of major incidents, and postmortem links. */
  readonly timelines: IncidentTimelineStore;
  /** Notification episodes and what users follow. */
  readonly notifications: NotificationStore;
  /** Error budgets kept per entity, and the burns told of. */
  readonly budgets: BudgetStore;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Reads a fact about the store, or undefined when it was never written. */
  getMeta(key: string): Promise<{ value: string; updatedAt: Date } | undefined>;
  /** Writes a fact about the store, replacing any earlier value. */
  setMeta(key: string, value: string): Promise<void>;
  deleteMeta(key: string): Promise<void>;
  /** Stores a value unless one is there already, and returns the one kept. */
  insertMetaIfAbsent(key: string, value: string): Promise<string>;

  /** The ongoing maintenance windows of an account, as its last successful read saw them. */
  getMaintenanceWindows(account: string): Promise<StoredMaintenanceWindow[]>;
  /** Replaces the ongoing maintenance windows of an account. */
  setMaintenanceWindows(
    account: string,
    windows: StoredMaintenanceWindow[],
  ): Promise<void>;
  /** How far the backfill of an account's past incidents got; undefined before it started. */
  getBackfillProgress(account: string): Promise<BackfillProgress | undefined>;
  /** Records how far the backfill of an account's past incidents got. */
  setBackfillProgress(
    account: string,
    progress: BackfillProgress,
  ): Promise<void>;

  /** Replaces the services of an account with a full sync's result. */
  replaceServices(account: string, services: StoredService[]): Promise<void>;
  listServices(account?: string): Promise<StoredService[]>;
  /**
   * A token per account that changes with every write of its services (a
   * sync's or a webhook's): readers re-read an account's services only when
   * its token changed.
   */
  servicesVersions(): Promise<Map<string, string>>;
  /**
   * Changes a known service's name, link or status (from a webhook), or
   * removes it with `null`; the next sync brings everything else.
   */
  updateService(
    account: string,
    id: string,
    change: Partial<Pick<StoredService, 'name' | 'htmlUrl' | 'status'>> | null,
  ): Promise<void>;

  /**
   * Stores incidents; an incident already stored as observed later is kept,
   * so late or repeated updates never roll it back (and the poll corrects a
   * webhook's state once it asks later). Duplicates keep the latest observed.
   */
  upsertIncidents(incidents: StoredIncident[]): Promise<void>;
  /** Incidents that are triggered or acknowledged. */
  listOpenIncidents(): Promise<StoredIncident[]>;
  /**
   * Incidents of any status written since `since` (on the store's clock), by
   * a sync, a webhook or the backfill: what readers that follow the open
   * incidents apply to what they hold.
   */
  listIncidentsStoredSince(since: Date): Promise<StoredIncident[]>;
  /**
   * When the incidents of some services created since `since` were created,
   * acknowledged and resolved (at most `limit`, newest first).
   */
  listIncidentTimes(
    services: { account: string; serviceId: string }[],
    since: Date,
    limit: number,
  ): Promise<{ createdAt: Date; acknowledgedAt?: Date; resolvedAt?: Date }[]>;
  /**
   * The incidents of some services created since `since`, newest first, at
   * most `limit`; only resolved ones with `resolvedOnly`.
   */
  listIncidents(
    services: { account: string; serviceId: string }[],
    options: { since: Date; limit: number; resolvedOnly?: boolean },
  ): Promise<StoredIncident[]>;
  /** When every incident created since `since` was created, acknowledged and resolved (newest first, at most `limit`). */
  listAllIncidentTimes(
    since: Date,
    limit: number,
  ): Promise<
    {
      account: string;
      serviceId: string;
      createdAt: Date;
      acknowledgedAt?: Date;
      resolvedAt?: Date;
    }[]
  >;
  getIncident(account: string, id: string): Promise<StoredIncident | undefined>;

  /** Replaces who is on call for the given escalation policies. */
  replaceOnCalls(
    account: string,
    escalationPolicyIds: string[],
    onCalls: StoredOnCall[],
  ): Promise<void>;
  listOnCalls(
    account: string,
    escalationPolicyIds?: string[],
  ): Promise<StoredOnCall[]>;

  /**
   * Records an attempt to read a source, successful or not, or that a sync
   * left it out (`skipped`: why, in plain words), which makes it stale until
   * its next attempt.
   */
  recordSourceAttempt(source: string, attempt: SourceAttempt): Promise<void>;
  listSources(): Promise<SourceFreshness[]>;

  /** Appends level changes to the history. */
  recordTransitions(transitions: StatusTransition[]): Promise<void>;
  /** An entity's level changes, newest first. */
  listTransitions(
    entityRef: string,
    options?: { since?: Date; limit?: number },
  ): Promise<StatusTransition[]>;
  /** Each entity's levels as of its latest recorded change. */
  lastLevels(): Promise<Map<string, RecordedLevels>>;
  /**
   * An entity's transitions from `since` (to `until`), oldest first, at most
   * `limit`, and the last one before `since`, which sets the level at `since`.
   */
  readHistory(
    entityRef: string,
    options: TransitionWindow,
  ): Promise<WindowTransitions>;
  /**
   * Several entities' transitions from `since` on (to `until`), oldest
   * first, each list opened by the entity's last one before `since`; at most
   * `limit` in all.
   */
  readHistories(
    entityRefs: string[],
    options: { since: Date; until?: Date; limit: number },
  ): Promise<{
    byEntity: Map<string, StatusTransition[]>;
    truncated: boolean;
  }>;
  /** Deletes transitions older than `before`, keeping each entity's latest. */
  pruneTransitions(before: Date): Promise<number>;
  /** Records that levels are observed from `at` on, unless an earlier start is recorded. */
  markObservedSince(at: Date): Promise<void>;
  /** Since when levels have been observed; undefined before the first engine started. */
  observedSince(): Promise<Date | undefined>;
}
