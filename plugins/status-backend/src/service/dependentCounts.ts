import { LRUCache } from 'lru-cache';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';

/** Counts kept per engine: a few numbers per entity page recently opened. */
const COUNTS_KEPT = 10_000;

/**
 * Past this many dependents a count stops and says "at least": a platform
 * service that half the catalog depends on is not walked whole per page.
 */
export const DEPENDENTS_COUNTED = 5_000;

/** How many transitive dependents of an entity a caller may read. */
export type DependentCount = {
  count: number;
  /** The walk stopped at {@link DEPENDENTS_COUNTED}: at least `count` depend on it. */
  atLeast: boolean;
};

type KeptCount = DependentCount & { catalogChangedAt?: Date };

const kept = new WeakMap<StatusEngine, LRUCache<string, KeptCount>>();

/**
 * How many transitive dependents of an entity a caller may read, counted
 * among the first {@link DEPENDENTS_COUNTED} found, and kept per view (views
 * with one key read the same entities) until the catalog next changes the
 * graph.
 */
export function visibleDependentCount(
  engine: StatusEngine,
  ref: string,
  view: CallerView,
): DependentCount {
  const count = (): DependentCount => {
    const found = engine.dependentsOf(ref, DEPENDENTS_COUNTED);
    return {
      count: found.filter(r => view.has(r)).length,
      atLeast: found.length >= DEPENDENTS_COUNTED,
    };
  };
  if (!view.key) return count();
  let counts = kept.get(engine);
  if (!counts) kept.set(engine, (counts = new LRUCache({ max: COUNTS_KEPT })));
  const key = `${view.key}\n${ref}`;
  const known = counts.get(key);
  if (known && known.catalogChangedAt === engine.catalogChangedAt)
    return { count: known.count, atLeast: known.atLeast };
  const fresh = count();
  counts.set(key, { ...fresh, catalogChangedAt: engine.catalogChangedAt });
  return fresh;
}
