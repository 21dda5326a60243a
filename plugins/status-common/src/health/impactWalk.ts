import {
  HealthLevel,
  isOutage,
  OutageLevel,
  OUTAGES_WORST_FIRST,
} from './levels';
import { HealthRules, inheritedOverEdge } from './rules';
import { Neighbour } from './dependencyIndex';

/** The entities one root impacts, with their level and next hop towards it. */
export type Impact = Map<string, { level: OutageLevel; next: string }>;

/** The outage levels a walk passes on, least first. */
const OUTAGE_BY_INDEX = [...OUTAGES_WORST_FIRST].reverse();
const OUTAGE_INDEX = Object.fromEntries(
  OUTAGE_BY_INDEX.map((level, index) => [level, index]),
) as Record<(typeof OUTAGES_WORST_FIRST)[number], number>;

/**
 * What an outage passes over an edge, by its index in OUTAGE_BY_INDEX and
 * then ordinary (0) or critical (1): the index of the inherited level, or
 * -1 when it passes nothing. Read once per edge the walks cross.
 */
export type PassedOn = number[][];

/** The {@link PassedOn} table of a set of rules. */
export function passedOnTable(rules: HealthRules): PassedOn {
  return OUTAGE_BY_INDEX.map(level =>
    [false, true].map(critical => {
      const inherited = inheritedOverEdge(level, critical, rules);
      return inherited === 'operational' ? -1 : OUTAGE_INDEX[inherited];
    }),
  );
}

/**
 * The walk from one root, passing on `level` when it is an outage, over its dependents, highest
 * inherited level first: the entities it impacts, with their level and next
 * hop; undefined when it impacts none.
 */
export function walkImpact(
  root: string,
  level: HealthLevel | undefined,
  passedOn: PassedOn,
  dependents: ReadonlyMap<string, Neighbour[]>,
): Impact | undefined {
  if (!isOutage(level)) return undefined;
  const impact: Impact = new Map();
  // one FIFO queue per outage level (degraded, partial, major), each as
  // two arrays of entity and next hop: the walk allocates per entity only
  // what it keeps
  const refs: string[][] = [[], [], []];
  const nexts: string[][] = [[], [], []];
  const push = (from: string, fromIndex: number) => {
    const passes = passedOn[fromIndex];
    for (const dependent of dependents.get(from) ?? []) {
      const inherited = passes[dependent.critical ? 1 : 0];
      if (inherited < 0 || dependent.ref === root || impact.has(dependent.ref))
        continue;
      refs[inherited].push(dependent.ref);
      nexts[inherited].push(from);
    }
  };
  push(root, OUTAGE_INDEX[level]);
  for (let q = 2; q >= 0; q--) {
    const queueLevel = OUTAGE_BY_INDEX[q];
    const queue = refs[q];
    for (let i = 0; i < queue.length; i++) {
      const ref = queue[i];
      if (impact.has(ref)) continue;
      impact.set(ref, { level: queueLevel, next: nexts[q][i] });
      push(ref, q);
    }
  }
  return impact.size === 0 ? undefined : impact;
}
