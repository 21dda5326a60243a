/**
 * Levels of an outage, from none to worst. Only these propagate to dependents.
 *
 * @public
 */
export const OUTAGE_LEVELS = [
  'operational',
  'degraded',
  'partial_outage',
  'major_outage',
] as const;

/**
 * A level on the outage scale.
 *
 * @public
 */
export type OutageLevel = (typeof OUTAGE_LEVELS)[number];

/**
 * The outage levels (degraded or worse), worst first: the order in which
 * outages are listed, counted and asked for.
 *
 * @public
 */
export const OUTAGES_WORST_FIRST = [
  'major_outage',
  'partial_outage',
  'degraded',
] as const;

/**
 * The health level of an entity.
 *
 * @remarks
 * Besides the outage scale: `under_maintenance` (an ongoing PagerDuty
 * maintenance window; its incidents stay visible but do not raise the level)
 * and `unknown` (every source of the entity is too stale to trust).
 *
 * @public
 */
export type HealthLevel = OutageLevel | 'under_maintenance' | 'unknown';

/**
 * Precedence of levels when they are combined (the worst wins), lowest first:
 * `operational` < `under_maintenance` < `unknown` < `degraded` <
 * `partial_outage` < `major_outage`.
 *
 * @remarks
 * A known outage outranks not knowing; not knowing outranks planned
 * maintenance; maintenance is worth showing over "all good".
 *
 * @public
 */
export const LEVEL_PRECEDENCE: readonly HealthLevel[] = [
  'operational',
  'under_maintenance',
  'unknown',
  'degraded',
  'partial_outage',
  'major_outage',
];

const rank = new Map(LEVEL_PRECEDENCE.map((level, index) => [level, index]));

/**
 * Orders levels by precedence: negative when `a` is better than `b`.
 *
 * @public
 */
export function compareLevels(a: HealthLevel, b: HealthLevel): number {
  return rank.get(a)! - rank.get(b)!;
}

/**
 * The worst of some levels; `operational` for none.
 *
 * @public
 */
export function worstLevel(levels: Iterable<HealthLevel>): HealthLevel {
  let worst: HealthLevel = 'operational';
  for (const level of levels) {
    if (compareLevels(level, worst) > 0) worst = level;
  }
  return worst;
}

/**
 * Whether a level is an outage (degraded or worse).
 *
 * @public
 */
export function isOutage(
  level: HealthLevel | undefined,
): level is Exclude<OutageLevel, 'operational'> {
  return (
    level === 'degraded' ||
    level === 'partial_outage' ||
    level === 'major_outage'
  );
}

/**
 * Human-readable names of the levels.
 *
 * @public
 */
export const LEVEL_LABELS: Record<HealthLevel, string> = {
  operational: 'Operational',
  degraded: 'Degraded',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
  unknown: 'Unknown',
};
