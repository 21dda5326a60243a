import { HealthLevel } from '../health';

/**
 * A level as people read it: `not_monitored` for an entity with no signal
 * source of its own and nothing inherited, which would otherwise look
 * operational without anyone knowing.
 *
 * @public
 */
export type DisplayLevel = HealthLevel | 'not_monitored';

/** Whether an entity has a level of its own, from any signal source. @public */
export function isMonitored(levels: { own?: HealthLevel }): boolean {
  return levels.own !== undefined;
}

/**
 * The level to show: `not_monitored` when the entity is not monitored and
 * nothing upstream makes it anything but operational.
 *
 * @public
 */
export function displayLevel(status: {
  monitored: boolean;
  effective: HealthLevel;
}): DisplayLevel {
  return !status.monitored && status.effective === 'operational'
    ? 'not_monitored'
    : status.effective;
}
