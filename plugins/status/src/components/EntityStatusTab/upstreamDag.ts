import {
  compareLevels,
  HealthLevel,
  UpstreamNode,
} from '@status-layer/plugin-status-common';

/** One upstream of an entity, listed once however many paths reach it. */
export type UpstreamEntry = {
  ref: string;
  level: HealthLevel;
  /** Hops from the entity on its shortest path (1: a direct upstream). */
  depth: number;
  /** The upstreams between the entity and this one on that path, nearest first. */
  via: string[];
  /** Some path reaches it through a critical dependency. */
  critical: boolean;
  /** A path from it leads back to it: a dependency cycle. */
  inCycle: boolean;
  /** Its own upstreams were cut by the depth limit. */
  truncated: boolean;
};

/**
 * The upstream tree as a set: each upstream once, at its shortest distance
 * (breadth first, so the first path found is a shortest one), with what
 * every path to it says merged (critical, part of a cycle, cut short).
 */
export function listUpstreams(nodes: UpstreamNode[]): UpstreamEntry[] {
  const entries = new Map<string, UpstreamEntry>();
  let layer = nodes.map(node => ({ node, via: [] as string[] }));
  for (let depth = 1; layer.length; depth++) {
    const next: typeof layer = [];
    for (const { node, via } of layer) {
      const known = entries.get(node.ref);
      if (known) {
        known.critical ||= node.critical;
        known.inCycle ||= Boolean(node.cycle);
        continue;
      }
      entries.set(node.ref, {
        ref: node.ref,
        level: node.levels.effective,
        depth,
        via,
        critical: node.critical,
        inCycle: Boolean(node.cycle),
        truncated: Boolean(node.truncated),
      });
      for (const upstream of node.upstreams)
        next.push({ node: upstream, via: [...via, node.ref] });
    }
    layer = next;
  }
  return [...entries.values()];
}

/** The upstreams that are not operational, worst first, then nearest, then by ref. */
export function brokenUpstreams(entries: UpstreamEntry[]): UpstreamEntry[] {
  return entries
    .filter(e => e.level !== 'operational')
    .sort(
      (a, b) =>
        compareLevels(b.level, a.level) ||
        a.depth - b.depth ||
        a.ref.localeCompare(b.ref),
    );
}
