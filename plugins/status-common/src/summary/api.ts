import {
  StatusAccountFreshness,
  StatusEscalationPolicy,
  StatusIncident,
  StatusOwner,
} from '../api';
import { StatusAlert } from '../alerts';
import { HealthLevel, OutageLevel } from '../health/levels';
import type { DisplayLevel } from '../health/monitoring';

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

/**
 * An entity's error budget as last computed for everyone, kept so lists
 * (the catalog's column, the dashboard) and burn notifications read it
 * without reading each entity's history. The upstream named is masked per
 * reader.
 *
 * @public
 */
export type StatusBudgetSummary = {
  /** The objective's target, 0 to 1. */
  target: number;
  windowDays: number;
  /** 0 to 1 of the budget left; below 0 when spent; absent when nothing is known. */
  budgetLeft?: number;
  /** The budget the entity's own downtime used, 0 to 1 (and more when overspent). */
  ownUsed: number;
  /** The budget inherited downtime used. */
  inheritedUsed: number;
  /** The upstream that used the most of it (`hidden` when the reader may not see it). */
  topUpstream?: { ref: string; used: number };
  /**
   * Burning fast: at the last hour's pace the budget runs out before the
   * window ends (or is already spent), and the last day burnt it faster
   * than the objective allows. Whose downtime burns most.
   */
  burning?: 'own' | 'inherited';
  /** When the budget runs out at the last hour's pace, if before the window ends. */
  exhaustsAt?: string;
  computedAt: string;
};
