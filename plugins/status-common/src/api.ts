import type {
  StatusIncidentUpdate,
  StatusSymptomOf,
} from './incidents/updates';
import type { StatusExplanation } from './rules/explanation';
import { EntityLevels, UpstreamNode } from './health/HealthGraph';
import { HealthLevel, OutageLevel } from './health/levels';
import type { DisplayLevel } from './health/monitoring';
import { Signal } from './health/rules';
import { StatusConfigurationProblem } from './types';
import { StatusAlert } from './alerts';
import { StatusPartFreshness } from './freshness';

/**
 * Someone an incident is assigned to, or who is on call.
 *
 * @public
 */
export type StatusPerson = { id: string; name: string; email?: string };

/**
 * An active PagerDuty incident as the status API serves it.
 *
 * @public
 */
export type StatusIncident = {
  id: string;
  /** Its PagerDuty account, which with its ID names its timeline (`/incidents/:account/:id/timeline`). */
  account?: string;
  number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  priority: string | null;
  /** ISO 8601. */
  createdAt: string;
  acknowledgedAt: string | null;
  assignees: StatusPerson[];
  /** The incident in PagerDuty. */
  htmlUrl: string | null;
  conferenceUrl: string | null;
  conferenceNumber: string | null;
  /** PagerDuty's own alerts under the incident, when synchronised. */
  alerts?: StatusAlert[];
  /** Responders' notes and stakeholder status updates, newest first (at most 10). */
  updates?: StatusIncidentUpdate[];
  /**
   * When the incident is probably a symptom of an upstream outage: the
   * upstream's incident and why it is thought so.
   */
  symptomOf?: StatusSymptomOf;
};

/**
 * The owner of an entity with its contacts from the catalog.
 *
 * @public
 */
export type StatusOwner = {
  entityRef: string;
  displayName?: string;
  email?: string;
  slackChannel?: string;
};

/**
 * An escalation policy and who is on call now, per escalation level.
 *
 * @public
 */
export type StatusEscalationPolicy = {
  id: string;
  name: string;
  /** Who was on call per level at the last read; a shift may have ended since ({@link onCallShiftState}). */
  onCall: StatusOnCallShift[];
  /** When PagerDuty's on-call was last read successfully (ISO 8601); null when never. */
  onCallReadAt: string | null;
};

/**
 * One person on call at one escalation level, as PagerDuty last said.
 *
 * @public
 */
export type StatusOnCallShift = {
  level: number;
  user: StatusPerson;
  /** ISO 8601; null when PagerDuty gives none (e.g. a permanent assignment). */
  start: string | null;
  end: string | null;
};

/**
 * Stands for an entity the caller may not read, wherever the status API would
 * otherwise name it (dependency paths, root causes): the reader learns that
 * an upstream they cannot see is broken, never which one.
 *
 * @public
 */
export const HIDDEN_ENTITY_REF = 'hidden';

/**
 * An upstream entity whose own signals explain (part of) an inherited level.
 *
 * @public
 */
export type StatusRootCause = {
  /** {@link HIDDEN_ENTITY_REF} for upstreams the caller may not read: then nothing else about it is told. */
  entityRef: string;
  /** The level it passes to the entity. */
  level: OutageLevel;
  /** Its own level; null when unknown or hidden. */
  rootLevel: HealthLevel | null;
  /** From the entity to the root cause, both included; {@link HIDDEN_ENTITY_REF} for entities the caller may not read. */
  path: string[];
  /**
   * The hops known only from PagerDuty's service graph (with
   * `status.graph.pagerDutyDependencies: use`): `i` for the hop from
   * `path[i]` to `path[i + 1]`.
   */
  pagerDutyHops?: number[];
  incidents: StatusIncident[];
  /** Its firing monitoring alerts. */
  alerts: StatusAlert[];
  owner: StatusOwner | null;
  escalationPolicies: StatusEscalationPolicy[];
};

/**
 * How fresh one PagerDuty account's data is, per channel: the poll (each part
 * on its own) and the webhooks, which never make the poll's data fresh.
 *
 * @public
 */
export type StatusAccountFreshness = {
  account: string;
  /** Its incidents were never read yet: levels resting on them are unknown. */
  waiting: boolean;
  /** The last successful read of its incidents, ISO 8601. */
  lastSuccessAt: string | null;
  /** The last attempt to read its incidents. */
  lastAttemptAt: string | null;
  /** Why the last read of its incidents failed; null when it succeeded. */
  lastError: string | null;
  /** The last webhook received from the account. */
  lastWebhookAt: string | null;
  /** Levels rest on stale data: its incidents missed too many syncs, or none were read yet. */
  stale: boolean;
  /** Every part of its data, each with its own freshness. */
  parts: StatusPartFreshness[];
};

/**
 * How fresh the data behind an answer is.
 *
 * @public
 */
export type StatusFreshness = {
  pagerDuty: StatusAccountFreshness;
  catalogLoadedAt: string | null;
};

/**
 * The answer of `GET /api/status/entities/{kind}/{namespace}/{name}`.
 *
 * @public
 */
export type EntityStatus = {
  entityRef: string;
  /** Whether the entity has a signal source of its own. */
  monitored: boolean;
  levels: EntityLevels;
  /** One line in English, e.g. "Degraded — impacted by auth-service (Major outage), 3 hops upstream". */
  explanation: string;
  /** The same as data, for pages that word it in the reader's language (absent from older backends). */
  explanationParts?: StatusExplanation;
  /** The entity's own signals that raise its level. */
  reasons: (Signal & { level: OutageLevel })[];
  rootCauses: StatusRootCause[];
  incidents: StatusIncident[];
  /** Firing monitoring alerts tied to the entity. */
  alerts: StatusAlert[];
  owner: StatusOwner | null;
  escalationPolicies: StatusEscalationPolicy[];
  upstreams: UpstreamNode[];
  /** The worst 50 of the transitive dependents this entity impacts now, worst first, then by ref. */
  impacted: { entityRef: string; level: HealthLevel }[];
  /** How many visible transitive dependents this entity impacts now (absent from older backends: `impacted` was whole). */
  impactedCount?: number;
  /** Every visible transitive dependent, impacted or not (see `dependentCountAtLeast`). */
  dependentCount: number;
  /** The count stopped at the backend's bound (5,000 dependents found): at least `dependentCount` depend on it. */
  dependentCountAtLeast?: boolean;
  freshness: StatusFreshness;
  problems: StatusConfigurationProblem[];
  /** Ongoing and upcoming PagerDuty maintenance windows of its services, soonest first (absent from older backends). */
  maintenance?: StatusMaintenanceWindow[];
  /**
   * The signals channel that announces changes of this entity's status (see
   * {@link StatusSignal}); named so that only readers of the entity learn it.
   */
  liveChannel: string;
};

/**
 * A PagerDuty maintenance window: while it runs, the entity's incidents do
 * not raise its level and it alarms none of its dependents.
 *
 * @public
 */
export type StatusMaintenanceWindow = {
  id: string;
  description?: string;
  startTime: string;
  endTime: string;
  /** Who created it in PagerDuty. */
  createdBy?: string;
  /** Running now (otherwise upcoming). */
  ongoing: boolean;
};

/**
 * The company's ongoing and upcoming maintenance, as `GET /maintenance`
 * returns it: each window with the entities of its services the reader may
 * see (windows of none of them are left out), running ones first.
 *
 * @public
 */
export type StatusMaintenance = {
  windows: (StatusMaintenanceWindow & { entityRefs: string[] })[];
};

/**
 * One member of a roll-up (a System's parts, a Domain's Systems, what a Group owns).
 *
 * @public
 */
export type StatusRollupMember = {
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  levels: EntityLevels;
  /** The level it is shown and counted at: not monitored and misconfigured apart from operational. */
  displayLevel: DisplayLevel;
  /** The upstream root causes of its inherited level, worst first; {@link HIDDEN_ENTITY_REF} for those the caller may not read. */
  rootCauses: { entityRef: string; level: OutageLevel; hops: number }[];
  activeIncidents: number;
};

/**
 * The answer of `GET /api/status/rollups/{kind}/{namespace}/{name}` for a
 * System, Domain or Group.
 *
 * @public
 */
export type StatusRollup = {
  entityRef: string;
  /** The worst effective level of the members. */
  level: HealthLevel;
  /**
   * The level to show: {@link StatusRollup.level} when it is not operational;
   * otherwise operational only when some member is monitored and fine, else
   * misconfigured or not monitored.
   */
  displayLevel: DisplayLevel;
  /** Members per display level (not monitored and misconfigured apart from operational). */
  counts: Record<DisplayLevel, number>;
  /** Members, worst first. */
  members: StatusRollupMember[];
  /**
   * Broken upstreams outside the roll-up that impact its members ("what your
   * services depend on that is broken"), worst first.
   */
  upstreamProblems: {
    /** {@link HIDDEN_ENTITY_REF} for upstreams the caller may not read. */
    entityRef: string;
    level: HealthLevel;
    owner: StatusOwner | null;
    /** Members it impacts. */
    impacts: string[];
  }[];
  freshness: { stale: boolean; lastSuccessAt: string | null };
};

/**
 * One active incident in the company-wide feed of `GET /api/status/incidents`.
 *
 * @public
 */
export type StatusFeedIncident = StatusIncident & {
  serviceId: string;
  entities: { entityRef: string; level: HealthLevel }[];
};

/**
 * A page of the firing alerts that match no entity: the answer of
 * `GET /api/status/alerts/unmatched?source=&q=&limit=&offset=`.
 *
 * @public
 */
export type StatusUnmatchedAlerts = {
  alerts: StatusAlert[];
  /** How many match the filters, on every page. */
  total: number;
  limit: number;
  offset: number;
};

/**
 * A monitoring tool that can send alerts: the answer of
 * `GET /api/status/alerts/sources` lists them.
 *
 * @public
 */
export type StatusAlertSource = {
  id: string;
  title: string;
  /** It has a secret: its webhook takes alerts. */
  enabled: boolean;
  /** When it last sent alerts that were taken. */
  lastReceivedAt: string | null;
  /** Why its webhooks are refused now (e.g. over its cap), in plain words. */
  problem: string | null;
  problemSince: string | null;
};

/**
 * The signals channel on which the backend announces that some status changed
 * (`@backstage/plugin-signals`). Its messages name no entity: each entity's
 * own changes go to its {@link EntityStatus.liveChannel}, which only its
 * readers learn.
 *
 * @public
 */
export const STATUS_SIGNAL_CHANNEL = 'status';

/**
 * A status change pushed to browsers. On {@link STATUS_SIGNAL_CHANNEL},
 * `scope: 'some'` means that some status changed (pages showing many entities
 * read again) and `scope: 'all'` that every page should; on an entity's
 * `liveChannel`, that this entity's status changed.
 *
 * @public
 */
export type StatusSignal = {
  type: 'status-changed';
  at: string;
  scope: 'some' | 'all';
};
