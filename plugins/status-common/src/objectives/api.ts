/**
 * An entity's service level objective.
 *
 * @public
 */
export type StatusObjective = {
  /** The share of time up, 0 to 1 (e.g. 0.999). */
  target: number;
  /** The window it is measured over, in days (30 by default). */
  windowDays: number;
  /** From its `status.backstage.io/slo` annotation, or a config default. */
  source: 'annotation' | 'config';
  /** Degraded time counts as downtime too (outages only otherwise). */
  degradedCounts?: boolean;
};

/**
 * Downtime over a stretch of time, split by who caused it.
 *
 * @public
 */
export type StatusDowntime = {
  /** Time the status layer knows of (watched, or covered by past incidents). */
  knownMs: number;
  /** Downtime from the entity's own signals. */
  ownMs: number;
  /** Downtime only what it depends on caused. */
  inheritedMs: number;
  /** Of that, each upstream to blame, most first (`hidden` for those the reader may not see). */
  upstreams: { ref: string; ms: number }[];
};

/**
 * How an entity stands against its objective (`GET /entities/…/objective`).
 *
 * @public
 */
export type StatusObjectiveReport = {
  entityRef: string;
  /** Absent when the entity has none. */
  objective?: StatusObjective;
  /** Why the annotation could not be read, when it could not. */
  problem?: string;
  /** Over the window. */
  window?: StatusDowntime & {
    /** 0 to 1 over the known time; absent when nothing is known. */
    attainment?: number;
    /** The downtime the objective allows over the known time. */
    budgetMs: number;
    /** 0 to 1 of the budget left; below 0 when spent. */
    budgetLeft?: number;
    /** Time under maintenance in the window. */
    maintenanceMs: number;
    /** Whether that time was left out of the window or counted as own downtime. */
    maintenance: 'excluded' | 'counted';
  };
  /**
   * How fast the budget burns: downtime's share of the last hour and day
   * over the share the objective allows (1: exactly at the objective's pace).
   */
  burnRates?: {
    hour?: StatusBurnRate;
    day?: StatusBurnRate;
  };
  /** When the budget runs out at the last hour's pace, if before the window ends. */
  exhaustsAt?: string;
  generatedAt: string;
};

/**
 * The burn rate over one stretch, with the part of it that is the entity's own.
 *
 * @public
 */
export type StatusBurnRate = {
  rate: number;
  own: number;
  inherited: number;
};

/**
 * The objectives of a System's, Domain's or Group's members at a glance
 * (`GET /rollups/…/objectives`): those with an objective, least budget left
 * first.
 *
 * @public
 */
export type StatusRollupObjectives = {
  entityRef: string;
  members: StatusObjectiveReport[];
  /** Members the caller may see that have no objective. */
  withoutObjective: number;
  /** More members have objectives than are read at once. */
  truncated: boolean;
  generatedAt: string;
};
