import { LRUCache } from 'lru-cache';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';

/** Counts kept per engine: a few numbers per entity page recently opened. */
const COUNTS_KEPT = 10_000;

type KeptCount = { catalogChangedAt?: Date; count: number };

const kept = new WeakMap<StatusEngine, LRUCache<string, KeptCount>>();

/**
 * How many transitive dependents of an entity a caller may read. Walking
 * every dependent of a platform service costs the size of the catalog, so
 * the count is kept per view (views with one key read the same entities)
 * until the catalog next changes the graph.
 */
export function visibleDependentCount(
  engine: StatusEngine,
  ref: string,
  view: CallerView,
): number {
  const count = () => engine.dependentsOf(ref).filter(r => view.has(r)).length;
  if (!view.key) return count();
  let counts = kept.get(engine);
  if (!counts) kept.set(engine, (counts = new LRUCache({ max: COUNTS_KEPT })));
  const key = `${view.key}\n${ref}`;
  const known = counts.get(key);
  if (known && known.catalogChangedAt === engine.catalogChangedAt)
    return known.count;
  const fresh = { catalogChangedAt: engine.catalogChangedAt, count: count() };
  counts.set(key, fresh);
  return fresh.count;
}
