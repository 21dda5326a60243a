import {
  compareLevels,
  HealthLevel,
  isOutage,
  OutageLevel,
  RootCause,
} from '@status-layer/plugin-status-common';

/** An entity an upstream outage reaches, and how. */
export type ImpactedEntity = {
  ref: string;
  /** The level the outage passes to it. */
  level: OutageLevel;
  /** From the entity to the root cause, both included. */
  path: string[];
};

/** One failing upstream and every entity it reaches at or above the threshold. */
export type UpstreamOutage = {
  rootRef: string;
  /** The root cause's own level. */
  rootLevel: HealthLevel;
  impacted: ImpactedEntity[];
};

/** What the outages are read from: the engine's graph. */
export type OutageGraph = {
  /** The entities whose own level passes something on to dependents. */
  impactingRoots(): Iterable<string>;
  levels(ref: string): { own: HealthLevel | undefined };
  impactedBy(ref: string): string[];
  rootCausesOf(ref: string): RootCause[];
};

/**
 * The upstream outages now: every entity whose own signals are an outage (or
 * a maintenance that passes on) and that reaches dependents, with the
 * dependents it raises to `minLevel` or worse. An entity reached by two
 * failing upstreams appears under both: each root cause is told on its own.
 */
export function currentUpstreamOutages(
  graph: OutageGraph,
  minLevel: OutageLevel,
): UpstreamOutage[] {
  const outages: UpstreamOutage[] = [];
  // the roots only: the cost follows the outages, not the catalog
  for (const root of [...graph.impactingRoots()].sort()) {
    const own = graph.levels(root).own;
    if (!own || !(isOutage(own) || own === 'under_maintenance')) continue;
    const impacted: ImpactedEntity[] = [];
    for (const ref of graph.impactedBy(root)) {
      const cause = graph.rootCausesOf(ref).find(c => c.root === root);
      if (cause && compareLevels(cause.level, minLevel) >= 0)
        impacted.push({ ref, level: cause.level, path: cause.path });
    }
    if (impacted.length)
      outages.push({ rootRef: root, rootLevel: own, impacted });
  }
  return outages;
}
