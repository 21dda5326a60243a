import { HealthLevel } from '../health';

/**
 * What counts as downtime against an objective: outages only (partial and
 * major), or degraded time too (an objective that a slow service misses).
 *
 * @public
 */
export type DowntimeCounting = 'outages' | 'degraded';

/**
 * Whether time at a level is downtime: a partial or a major outage, and
 * degraded time when it is counted too.
 *
 * @public
 */
export const isDowntimeLevel = (
  level: HealthLevel,
  counting: DowntimeCounting = 'outages',
) =>
  level === 'partial_outage' ||
  level === 'major_outage' ||
  (counting === 'degraded' && level === 'degraded');

/**
 * Who caused a stretch of time at some levels: the entity's own downtime
 * when its own signals were at downtime, inherited downtime when only what
 * it depends on put it there, none otherwise. The one rule the daily history
 * and the objectives both count by.
 */
export function downtimeCause(
  span: {
    own: HealthLevel;
    effective: HealthLevel;
  },
  counting: DowntimeCounting = 'outages',
): 'own' | 'inherited' | undefined {
  if (isDowntimeLevel(span.own, counting)) return 'own';
  return isDowntimeLevel(span.effective, counting) ? 'inherited' : undefined;
}

/** Adds `ms` to each upstream's share of the blame. */
export function addBlame(
  blame: Map<string, number>,
  refs: Iterable<string>,
  ms: number,
): void {
  for (const ref of refs) blame.set(ref, (blame.get(ref) ?? 0) + ms);
}

/** The upstreams to blame, most time first (by ref when equal), at most `limit`. */
export function rankBlame(
  blame: Map<string, number>,
  limit = Number.POSITIVE_INFINITY,
): { ref: string; ms: number }[] {
  return [...blame]
    .map(([ref, ms]) => ({ ref, ms }))
    .sort((a, b) => b.ms - a.ms || a.ref.localeCompare(b.ref))
    .slice(0, limit);
}
