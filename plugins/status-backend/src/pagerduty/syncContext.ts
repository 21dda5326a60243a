import { LoggerService } from '@backstage/backend-plugin-api';
import { PagerDutyDataPart } from '@status-layer/plugin-status-common';
import {
  BackfillProgress,
  StatusStore,
  StoredMaintenanceWindow,
} from '../database';
import { PagerDutyClient, RequestCounter } from './PagerDutyClient';

/** How one part of a sync went. */
export type SyncPartOutcome = {
  part: PagerDutyDataPart;
  ok: boolean;
  /** Not tried: a part it needs failed, or the OAuth app lacks its scope (`error` says which). */
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
  /** Incident logs read for timelines. */
  logReads?: number;
  /** Services whose dependencies were read this sync (see `syncServiceDependencies.ts`). */
  dependencyReads?: number;
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
