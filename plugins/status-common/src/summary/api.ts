import {
  StatusAccountFreshness,
  StatusEscalationPolicy,
  StatusIncident,
  StatusOwner,
} from '../api';
import { StatusAlert } from '../alerts';
import { HealthLevel, OutageLevel } from '../health/levels';
import type { DisplayLevel } from '../health/monitoring';
import type { StatusBudgetSummary } from '../objectives/api';

/**
 * Where an entity stands in the catalog: what it is, who owns it, and the
 * System and Domain it belongs to.
 *
 * @public
 */
export type CatalogPlacement = {
  kind: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  domain?: string;
};

/**
 * One entity in the company-wide summary.
 *
 * @public
 */
export type StatusSummaryEntity = CatalogPlacement & {
  entityRef: string;
  own?: HealthLevel;
  inherited: OutageLevel;
  effective: HealthLevel;
  /** Its configuration has a problem: counted as misconfigured while nothing worse holds. */
  misconfigured?: boolean;
  /** The worst upstream root cause of its inherited level, if any; {@link HIDDEN_ENTITY_REF} when the caller may not read it. */
  rootCause?: string;
  /**
   * Its worst level on each of the last days (UTC), oldest first, when the
   * rows were asked `history=<days>`; null for a day with no data.
   */
  recent?: (HealthLevel | null)[];
  /**
   * Its error budget as last computed, on the dashboard's rows (absent
   * without an objective, or before it was first computed).
   */
  budget?: StatusBudgetSummary;
};

/**
 * An entity whose own signals put it in an outage, with what it impacts:
 * one problem, however many entities it breaks.
 *
 * @public
 */
export type StatusProblem = {
  entityRef: string;
  /** Its own level. */
  level: HealthLevel;
  owner: StatusOwner | null;
  incidents: StatusIncident[];
  alerts: StatusAlert[];
  escalationPolicies: StatusEscalationPolicy[];
  /** When its oldest active incident or alert started, ISO 8601. */
  since: string | null;
  /** Visible transitive dependents it impacts now. */
  impactedCount: number;
  /** The first of them, worst first. */
  impacted: { entityRef: string; level: HealthLevel }[];
};

/**
 * The values the dashboard's filters can take: those present among the
 * entities in scope, before the filters, sorted.
 *
 * @public
 */
export type StatusSummaryFacets = {
  kind: string[];
  owner: string[];
  system: string[];
  domain: string[];
};

/**
 * The answer of `GET /api/status/summary`: counts over every entity the
 * filters select, the first page of them and of the problems. The rest comes
 * page by page from `/summary/rows` and `/summary/problems`.
 *
 * @public
 */
export type StatusSummary = {
  /**
   * Entities per display level, after the filters: those not monitored and
   * the misconfigured ones apart from operational.
   */
  counts: Record<DisplayLevel, number>;
  /** Entities after the filters. */
  total: number;
  /** Of those, the ones an upstream's outage impacts. */
  impacted: number;
  /** A page of the filtered entities, worst first. */
  entities: StatusSummaryEntity[];
  offset: number;
  limit: number;
  facets: StatusSummaryFacets;
  /** The first visible entities in an outage of their own, worst first, then by blast radius. */
  problems: StatusProblem[];
  /** How many problems there are in all. */
  problemsTotal: number;
  freshness: {
    /** Some account's levels rest on stale data. */
    stale: boolean;
    /** The stalest account's last successful read of incidents. */
    lastSuccessAt: string | null;
    /** Every configured PagerDuty account. */
    accounts: StatusAccountFreshness[];
  };
};

/**
 * A page of the problems: the answer of `GET /api/status/summary/problems`.
 *
 * @public
 */
export type StatusProblemsPage = {
  problems: StatusProblem[];
  total: number;
  offset: number;
  limit: number;
};
