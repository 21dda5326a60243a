import { StatusChange } from '../changes';
import { HealthLevel, OutageLevel } from '../health';
import { HistoryAvailability, HistoryDay } from './dailyHistory';

/**
 * An entity's daily history, as `GET /entities/:kind/:namespace/:name/history`
 * returns it.
 *
 * @public
 */
export type StatusHistory = {
  entityRef: string;
  /** Oldest first, the last one today (UTC). */
  days: HistoryDay[];
  /** For a System, Domain or Group: how many members (that the reader may see) it averages. */
  members?: number;
  /** Over the last 7, 30 and 90 days (those the history covers). */
  availability: HistoryAvailability[];
  /** Since when levels have been recorded; days before it have no data. */
  observedSince?: string;
  /**
   * From when PagerDuty's past incidents were read (the backfill): days
   * between it and `observedSince` carry `backfilled`.
   */
  backfilledFrom?: string;
  /** The entity changed level more often than one answer reads: its oldest days are incomplete. */
  truncated: boolean;
  generatedAt: string;
};

/**
 * One change of an entity's levels, with what explained the new level.
 *
 * @public
 */
export type StatusHistoryTransition = {
  at: string;
  /** For a roll-up's day: the member that changed. */
  entityRef?: string;
  ownFrom?: HealthLevel;
  ownTo?: HealthLevel;
  effectiveFrom: HealthLevel;
  effectiveTo: HealthLevel;
  /** Its own signals then (incident or alert titles). */
  signals: { id: string; title: string; level: HealthLevel }[];
  /** The upstreams it inherited from then; those the reader may not see are `hidden`. */
  rootCauses: { root: string; level: OutageLevel; path: string[] }[];
};

/**
 * The transitions of one day, as `GET /entities/:kind/:namespace/:name/transitions` returns them.
 *
 * @public
 */
export type StatusTransitionsPage = {
  entityRef: string;
  /** `YYYY-MM-DD`, in UTC. */
  day: string;
  /** Oldest first. */
  transitions: StatusHistoryTransition[];
  /** More happened that day than one answer holds. */
  truncated: boolean;
  /** The day's changes (deploys…) on the entity and its upstreams, newest first. */
  changes?: StatusChange[];
  /** That day's changes on upstreams the reader may not see: counted, never shown. */
  hiddenChanges?: number;
};
