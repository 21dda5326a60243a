import { EntityLevels, LevelChange } from './graphTypes';
import { Impact } from './impactWalk';

/** Whether two entities' levels are the same. */
export const sameLevels = (a: EntityLevels, b: EntityLevels) =>
  a.own === b.own && a.inherited === b.inherited && a.effective === b.effective;

/** One change per entity, from its first level to its last, where several walks moved it. */
export function netChanges(changes: LevelChange[]): LevelChange[] {
  const byRef = new Map<string, LevelChange>();
  for (const change of changes) {
    const earlier = byRef.get(change.ref);
    byRef.set(change.ref, earlier ? { ...earlier, to: change.to } : change);
  }
  return [...byRef.values()].filter(c => !sameLevels(c.from, c.to));
}

/**
 * The entities whose entry in a root's walk changed (level, next hop, or
 * reached at all), or whose path to the root passes one that did.
 */
export function movedInWalk(
  before: Impact | undefined,
  after: Impact | undefined,
): Set<string> {
  const moved = new Set<string>();
  // a walk is kept in the order it settled entities: a next hop first
  for (const [key, now] of after ?? []) {
    const was = before?.get(key);
    if (
      !was ||
      was.level !== now.level ||
      was.next !== now.next ||
      moved.has(now.next)
    )
      moved.add(key);
  }
  for (const key of before?.keys() ?? []) if (!after?.has(key)) moved.add(key);
  return moved;
}
