import { compareLevels } from './levels';
import { RootCause } from './graphTypes';
import { Impact } from './impactWalk';
import { Neighbour } from './dependencyIndex';

/**
 * The root causes of `ref`'s inherited level, worst first, each with its
 * path from `ref`, following the next hops of each root's walk.
 */
export function rootCausesOf(
  ref: string,
  roots: Iterable<string>,
  impacts: Map<string, Impact>,
  isPagerDutyOnly: (dependent: string, upstream: string) => boolean,
): RootCause[] {
  const causes: RootCause[] = [];
  for (const root of roots) {
    const impact = impacts.get(root)!;
    const path = [ref];
    const pagerDutyHops: number[] = [];
    let current = ref;
    while (current !== root) {
      const next = impact.get(current)!.next;
      if (isPagerDutyOnly(current, next)) pagerDutyHops.push(path.length - 1);
      current = next;
      path.push(current);
    }
    causes.push({
      root,
      level: impact.get(ref)!.level,
      path,
      ...(pagerDutyHops.length ? { pagerDutyHops } : {}),
    });
  }
  return causes.sort(
    (a, b) =>
      compareLevels(b.level, a.level) ||
      a.path.length - b.path.length ||
      a.root.localeCompare(b.root),
  );
}

/**
 * The blast radius of `ref`: the entities its own walk impacts, and those
 * whose path to one of its roots passes through it, sorted.
 */
export function impactedBy(
  ref: string,
  roots: Iterable<string>,
  impacts: Map<string, Impact>,
  dependents: ReadonlyMap<string, Neighbour[]>,
): string[] {
  return [...impactedSet(ref, roots, impacts, dependents)].sort();
}

/**
 * {@link impactedBy} in no order: for counting and filtering many. Each
 * root's walk is a tree of next hops; the entities under `ref` in it are
 * found from `ref` down, over the dependents whose next hop is the entity
 * above them, so the cost is that of the answer, not of the root's walk.
 */
export function impactedSet(
  ref: string,
  roots: Iterable<string>,
  impacts: Map<string, Impact>,
  dependents: ReadonlyMap<string, Neighbour[]>,
): Set<string> {
  const result = new Set<string>(impacts.get(ref)?.keys() ?? []);
  for (const root of roots) {
    const impact = impacts.get(root)!;
    // each root's tree is walked whole: an entity that ref's own walk
    // reaches may still lead further in this one
    const visited = new Set([ref]);
    const below = [ref];
    while (below.length) {
      const above = below.pop()!;
      for (const { ref: candidate } of dependents.get(above) ?? []) {
        if (visited.has(candidate)) continue;
        if (impact.get(candidate)?.next !== above) continue;
        visited.add(candidate);
        result.add(candidate);
        below.push(candidate);
      }
    }
  }
  return result;
}
