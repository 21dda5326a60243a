import { compareLevels, HealthLevel, worstLevel } from './levels';

/**
 * The level of a System (its parts), Domain (its Systems) or Group (what it
 * owns), with the members that are not operational, worst first.
 *
 * @public
 */
export type RollUp = {
  level: HealthLevel;
  contributors: { ref: string; level: HealthLevel }[];
};

/**
 * Rolls the members' effective levels up into one.
 *
 * @public
 */
export function rollUp(
  members: Iterable<{ ref: string; level: HealthLevel }>,
): RollUp {
  const contributors = [...members]
    .filter(m => m.level !== 'operational')
    .sort(
      (a, b) => compareLevels(b.level, a.level) || a.ref.localeCompare(b.ref),
    );
  return { level: worstLevel(contributors.map(c => c.level)), contributors };
}
