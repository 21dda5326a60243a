/** A PagerDuty service as last synchronised. */
export type StoredService = {
  account: string;
  id: string;
  name: string;
  htmlUrl?: string;
  status?: string;
  escalationPolicyId?: string;
  escalationPolicyName?: string;
  teams: { id: string; name: string }[];
  syncedAt: Date;
};

/** Someone an incident is assigned to, or who is on call. */
/** An ongoing or upcoming maintenance window of an account's services. */
export type StoredMaintenanceWindow = {
  id: string;
  serviceIds: string[];
  startTime: string;
  endTime: string;
  description?: string;
  /** Who created it, by name, as PagerDuty summarises them. */
  createdBy?: string;
};

export type StoredPerson = { id: string; name: string; email?: string };

/** A PagerDuty incident as last synchronised. */
export type StoredIncident = {
  account: string;
  id: string;
  number: number;
  title: string;
  serviceId: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  priority?: string;
  htmlUrl?: string;
  createdAt: Date;
  acknowledgedAt?: Date;
  resolvedAt?: Date;
  /** Who resolved it, when a person did. */
  resolvedBy?: string;
  /** The incident's last status change in PagerDuty. */
  changedAt: Date;
  /**
   * When this state was true in PagerDuty: a webhook event's `occurred_at`, or
   * when a sync asked. A state observed earlier never replaces a later one.
   */
  observedAt: Date;
  assignees: StoredPerson[];
  conferenceUrl?: string;
  conferenceNumber?: string;
};

/** Who is on call now at one level of an escalation policy. */
export type StoredOnCall = {
  account: string;
  escalationPolicyId: string;
  level: number;
  user: StoredPerson;
  start?: Date;
  end?: Date;
};

/** How fresh a signal source is. */
export type SourceFreshness = {
  source: string;
  lastAttemptAt?: Date;
  lastSuccessAt?: Date;
  lastSuccessVia?: 'poll' | 'webhook';
  lastError?: string;
  /** When the current run of failed attempts began. */
  failingSince?: Date;
  /** Failed attempts since the last success. */
  consecutiveFailures: number;
  /**
   * Why the last sync left this source out (a part it needs failed), in
   * plain words; cleared by the next attempt to read it.
   */
  skippedBecause?: string;
};

/**
 * One attempt to read a source, successful or not, or a sync leaving it out
 * because a part it needs failed (`skipped`: why, in plain words).
 */
export type SourceAttempt =
  | { at: Date; ok: true; via: 'poll' | 'webhook' }
  | { at: Date; ok: false; error: string }
  | { skipped: string };

/** One change of an entity's level. */
export type StatusTransition = {
  entityRef: string;
  ownFrom?: string;
  ownTo?: string;
  effectiveFrom: string;
  effectiveTo: string;
  at: Date;
  /** What explains the new level (signals, root causes), as JSON-able data. */
  reason?: unknown;
};

/** Which of an entity's transitions to read: from `since` (to `until`), at most `limit`. */
export type TransitionWindow = { since: Date; until?: Date; limit: number };

/**
 * An entity's transitions in a window, oldest first, with the last one
 * before it, which sets the level at its start.
 */
export type WindowTransitions = {
  before?: StatusTransition;
  transitions: StatusTransition[];
  /** More than `limit` fell in the window. */
  truncated: boolean;
};

/** An entity's levels as its latest transition left them. */
export type RecordedLevels = { own?: string; effective: string };

/** Progress of an account's backfill, kept by the store so it resumes after a restart. */
export type BackfillProgress = {
  /** The window read: incidents created in `[from, until)`. */
  from: string;
  until: string;
  /** Where the next page starts; absent before the first page. */
  cursor?: string;
  /** Resolved incidents stored so far. */
  incidents: number;
  /** When the last page was read. */
  finishedAt?: string;
  /** Why the last attempt failed; it resumes at the next sync. */
  lastError?: string;
};
