import { HealthLevel, LEVEL_LABELS, OUTAGES_WORST_FIRST } from './levels';

/**
 * A level as people read it and count it: besides the health levels,
 * `not_monitored` for an entity with no signal source of its own and nothing
 * inherited, and `misconfigured` for one whose configuration names something
 * that does not exist or cannot be read (e.g. a PagerDuty service ID unknown
 * to PagerDuty). Both would otherwise look operational without anyone
 * knowing, and counted as operational they overstate health.
 *
 * @public
 */
export type DisplayLevel = HealthLevel | 'not_monitored' | 'misconfigured';

/**
 * Every display level, worst first: the order of counters and legends.
 *
 * @public
 */
export const DISPLAY_LEVELS: readonly DisplayLevel[] = [
  ...OUTAGES_WORST_FIRST,
  'under_maintenance',
  'unknown',
  'misconfigured',
  'not_monitored',
  'operational',
];

/**
 * Human-readable names of the display levels.
 *
 * @public
 */
export const DISPLAY_LEVEL_LABELS: Record<DisplayLevel, string> = {
  ...LEVEL_LABELS,
  not_monitored: 'Not monitored',
  misconfigured: 'Misconfigured',
};

/**
 * What each display level counts, in one sentence, for the legends beside
 * numbers.
 *
 * @public
 */
export const DISPLAY_LEVEL_MEANINGS: Record<DisplayLevel, string> = {
  operational:
    'Monitored, with no open incident or alert, and nothing failing upstream',
  degraded: 'Degraded by its own signals or by an upstream',
  partial_outage: 'In a partial outage of its own or through an upstream',
  major_outage: 'In a major outage of its own or through an upstream',
  under_maintenance: 'In a PagerDuty maintenance window',
  unknown: 'Its level rests on data that could not be read',
  not_monitored:
    'No PagerDuty service or monitoring tool of its own, and nothing failing upstream',
  misconfigured:
    'Its annotations name something that does not exist or cannot be read, so its level may be incomplete',
};

/** Whether an entity has a level of its own, from any signal source. @public */
export function isMonitored(levels: { own?: HealthLevel }): boolean {
  return levels.own !== undefined;
}

/**
 * The level to show and to count: any level but operational as it is;
 * otherwise `misconfigured` when the entity's configuration has a problem,
 * `not_monitored` when it has no signal source of its own, and operational
 * only when it is monitored, correctly configured and fine.
 *
 * @public
 */
export function displayLevel(status: {
  monitored: boolean;
  effective: HealthLevel;
  /** Its configuration has a problem (see `EntityStatus.problems`). */
  misconfigured?: boolean;
}): DisplayLevel {
  if (status.effective !== 'operational') return status.effective;
  if (status.misconfigured) return 'misconfigured';
  if (!status.monitored) return 'not_monitored';
  return 'operational';
}

/**
 * Counts per display level, every level present (zero when none).
 *
 * @public
 */
export function countDisplayLevels(
  levels: Iterable<DisplayLevel>,
): Record<DisplayLevel, number> {
  const counts = Object.fromEntries(
    DISPLAY_LEVELS.map(level => [level, 0]),
  ) as Record<DisplayLevel, number>;
  for (const level of levels) counts[level] += 1;
  return counts;
}

/**
 * Whether a level, or a list of them from a query string, names a display
 * level.
 *
 * @public
 */
export function isDisplayLevel(value: string): value is DisplayLevel {
  return (DISPLAY_LEVELS as readonly string[]).includes(value);
}

/**
 * The level a roll-up (System, Domain, Group) is shown at from its members'
 * counts: its worst member's level when one is not operational; otherwise
 * operational only when some member is monitored and fine, else
 * misconfigured or not monitored (also for a roll-up with no members).
 *
 * @public
 */
export function rollupDisplayLevel(
  counts: Record<DisplayLevel, number>,
): DisplayLevel {
  const worst = DISPLAY_LEVELS.find(
    level =>
      counts[level] > 0 &&
      level !== 'operational' &&
      level !== 'misconfigured' &&
      level !== 'not_monitored',
  );
  if (worst) return worst;
  if (counts.operational) return 'operational';
  return counts.misconfigured ? 'misconfigured' : 'not_monitored';
}
