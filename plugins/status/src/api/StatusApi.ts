import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  StatusPublicLinks,
  StatusSubscription,
  StatusSubscriptions,
  EntityStatus,
  EntityStatusConfiguration,
  StatusBackendHealth,
  StatusAlertSource,
  StatusUnmatchedAlerts,
  StatusFeedIncident,
  StatusHistory,
  StatusChanges,
  StatusEntityLevels,
  StatusSimilarIncidents,
  StatusIncidentTimeline,
  StatusMajorIncidents,
  StatusTeamResponse,
  StatusMaintenance,
  StatusResponse,
  StatusRollup,
  StatusTransitionsPage,
  StatusGrouping,
  StatusPageQuery,
  StatusProblemsPage,
  StatusSummary,
  StatusSummaryRows,
  StatusSummaryQuery as CommonSummaryQuery,
  StatusDependencyCoverage,
  StatusCoverage,
  StatusCoverageQuery,
  StatusReportRequest,
  StatusReportResult,
  StatusReportTarget,
  StatusObjectiveReport,
  StatusRollupObjectives,
} from '@status-layer/plugin-status-common';

/**
 * A PagerDuty service mapped to an entity in the portal (`PUT /mappings`).
 *
 * @public
 */
export type StatusServiceMapping = {
  entityRef: string;
  account: string;
  serviceId: string;
  /** Who mapped it. */
  createdBy: string;
  /** ISO 8601. */
  createdAt: string;
};

/**
 * Which entities a summary covers.
 *
 * @public
 */
export type StatusSummaryQuery = CommonSummaryQuery;

/**
 * Which rows of the "everything" list: the entities a query selects, grouped,
 * with the entities of the collapsed groups (by key) left out.
 *
 * @public
 */
export type StatusSummaryRowsQuery = StatusSummaryQuery & {
  grouping: StatusGrouping;
  collapsed: string[];
  /** Each entity row's worst level on each of the last this many days (1–14). */
  historyDays?: number;
};

/**
 * Client of the status backend.
 *
 * @public
 */
export interface StatusApi {
  /** Readiness of the status backend. */
  getHealth(): Promise<StatusBackendHealth>;
  /** How an entity is set up for status tracking. */
  getEntityConfiguration(entityRef: string): Promise<EntityStatusConfiguration>;
  /** An entity's levels, why, who to contact, and its dependencies. */
  getEntityStatus(entityRef: string): Promise<EntityStatus>;
  /** The members of a System, Domain or Group, worst first. */
  getRollup(entityRef: string): Promise<StatusRollup>;
  /** An entity's daily history over the last `days` days (90 by default) and its availability. */
  getEntityHistory(entityRef: string, days?: number): Promise<StatusHistory>;
  /** A System's, Domain's or Group's daily history, from its members'. */
  getRollupHistory(entityRef: string, days?: number): Promise<StatusHistory>;
  /**
   * MTTA, MTTR and incident counts over 7, 30 and 90 days for an entity's
   * PagerDuty services, or (`rollup`) those of a System's, Domain's or
   * Group's members.
   */
  getResponse(entityRef: string, rollup?: boolean): Promise<StatusResponse>;
  /**
   * An entity's level changes on one day (`YYYY-MM-DD`, UTC), with what
   * explained each; or (`rollup`) those of a System's, Domain's or Group's
   * members, each naming its member.
   */
  getTransitions(
    entityRef: string,
    day: string,
    rollup?: boolean,
  ): Promise<StatusTransitionsPage>;
  /**
   * Counts over the entities a query selects, a page of them (worst first),
   * the values the filters can take and the first of the company's problems.
   */
  getSummary(
    query?: StatusSummaryQuery,
    page?: StatusPageQuery,
  ): Promise<StatusSummary>;
  /** A page of the dashboard's "everything" list, grouped and filtered by the backend. */
  getSummaryRows(
    query: StatusSummaryRowsQuery,
    page?: StatusPageQuery,
  ): Promise<StatusSummaryRows>;
  /** A page of the company's problems, worst first. */
  getProblems(page?: StatusPageQuery): Promise<StatusProblemsPage>;
  /**
   * The recent changes (PagerDuty change events) of an entity and of its
   * upstreams over the last `hours` (24 by default), newest first.
   */
  getChanges(entityRef: string, hours?: number): Promise<StatusChanges>;
  /** Incident response per owning team over the last 7, 30 or 90 days, against the period before. */
  getTeamResponse(days: 7 | 30 | 90): Promise<StatusTeamResponse>;
  /** For each open incident of an entity, the closest resolved ones of the last 90 days. */
  getSimilarIncidents(entityRef: string): Promise<StatusSimilarIncidents>;
  /** One incident's timeline, as the signed-in user may see it. */
  getIncidentTimeline(
    account: string,
    incidentId: string,
  ): Promise<StatusIncidentTimeline>;
  /**
   * Past major incidents (90 days by default) of an entity, of a System's,
   * Domain's or Group's members, or of the company without `entityRef`.
   */
  getMajorIncidents(query: {
    entityRef?: string;
    q?: string;
    days?: number;
    offset?: number;
    limit?: number;
  }): Promise<StatusMajorIncidents>;
  /** Links an incident's written postmortem (its owning team only). */
  setIncidentPostmortem(
    account: string,
    incidentId: string,
    link: { url: string; title?: string },
  ): Promise<void>;
  /** Removes the postmortem link set in the portal. */
  removeIncidentPostmortem(account: string, incidentId: string): Promise<void>;
  /**
   * The levels of up to 200 entities at once (the catalog's table and graph):
   * those the reader may not see or the status layer does not know are left out.
   */
  getLevels(entityRefs: string[]): Promise<StatusEntityLevels>;
  /** What the signed-in user follows (re-checked against their permissions). */
  getSubscriptions(): Promise<StatusSubscriptions>;
  /** Follows an entity, System, Domain or Group: its outages reach the user as notifications. */
  follow(entityRef: string): Promise<StatusSubscription>;
  /** Stops following; nothing happens when the user did not follow it. */
  unfollow(entityRef: string): Promise<void>;
  /**
   * The public badge and feed addresses of an entity, for status admins
   * (undefined for anyone else): with its token when it is not public.
   */
  getPublicLinks(entityRef: string): Promise<StatusPublicLinks | undefined>;
  /** Ongoing and upcoming maintenance company-wide, running windows first. */
  getMaintenance(): Promise<StatusMaintenance>;
  /** Active incidents company-wide, newest first. */
  getIncidents(): Promise<{ incidents: StatusFeedIncident[] }>;
  /** A page of the firing alerts that match no entity, with who they might belong to. */
  getUnmatchedAlerts(query?: {
    source?: string;
    q?: string;
    limit?: number;
    offset?: number;
  }): Promise<StatusUnmatchedAlerts>;
  /** The monitoring tools that can send alerts, and what is wrong with them. */
  getAlertSources(): Promise<{ sources: StatusAlertSource[] }>;
  /**
   * Where PagerDuty's service graph and the catalog's dependencies disagree,
   * as far as the caller may read both ends of each edge (at most `limit`
   * per list, 100 by default, 500 at most).
   */
  getDependencyCoverage(query?: {
    limit?: number;
  }): Promise<StatusDependencyCoverage>;
  /**
   * Which components are monitored and what would make the rest so: per
   * Domain, System and owner, a page of components, PagerDuty services no
   * entity names (with likely entities), unknown and shared services.
   */
  getCoverage(query?: StatusCoverageQuery): Promise<StatusCoverage>;
  /**
   * Maps a PagerDuty service to an entity in the portal (needs
   * `status.mapping.write`); it applies after the catalog next processes
   * the entity.
   */
  setServiceMapping(request: {
    entityRef: string;
    serviceId: string;
    account?: string;
  }): Promise<{ mapping: StatusServiceMapping }>;
  /** Removes an entity's mapping made in the portal. */
  removeServiceMapping(entityRef: string): Promise<void>;
  /**
   * Where a report of `target`, as suffered by the reader's `affected`
   * entity, would go: its open incidents (a report joins one rather than
   * paging again), the path between them, and whether the reader may report.
   */
  getReportTarget(
    target: string,
    affected: string,
  ): Promise<StatusReportTarget>;
  /**
   * How an entity stands against its service level objective: attainment,
   * error budget left and who spent it (own signals, each upstream), burn
   * rates over the last hour and day.
   */
  getObjective(entityRef: string): Promise<StatusObjectiveReport>;
  /** The objectives of a System's, Domain's or Group's members, least budget left first. */
  getRollupObjectives(entityRef: string): Promise<StatusRollupObjectives>;
  /**
   * Reports a problem (needs `status.incident.create`): a note on the
   * target's open incident when one is named, else a new incident.
   */
  reportProblem(report: StatusReportRequest): Promise<StatusReportResult>;
}

/**
 * Reference to the {@link StatusApi}.
 *
 * @public
 */
export const statusApiRef = createApiRef<StatusApi>({
  id: 'plugin.status.api',
});
