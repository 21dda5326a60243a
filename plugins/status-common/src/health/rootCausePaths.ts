import { compareLevels } from './levels';
import { RootCause } from './graphTypes';
import { Impact } from './impactWalk';

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
): string[] {
  return [...impactedSet(ref, roots, impacts)].sort();
}

/** {@link impactedBy} in no order: for counting and filtering many. */
export function impactedSet(
  ref: string,
  roots: Iterable<string>,
  impacts: Map<string, Impact>,
): Set<string> {
  const result = new Set<string>(impacts.get(ref)?.keys() ?? []);
  for (const root of roots) {
    const impact = impacts.get(root)!;
    for (const candidate of impact.keys()) {
      let current = candidate;
      while (current !== root && current !== ref)
        current = impact.get(current)!.next;
      if (current === ref && candidate !== ref) result.add(candidate);
    }
  }
  return result;
}
