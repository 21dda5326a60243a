import { DependencyEdge, UpstreamNode } from './graphTypes';

/** One direct neighbour of an entity in the dependency graph. */
export type Neighbour = { ref: string; critical: boolean };

/** One edge as a set key. */
const edgeKey = (dependent: string, upstream: string) =>
  `${dependent}\u0000${upstream}`;

/**
 * Neighbours are kept ordered by ref, whatever order the edges came in: the
 * walks (and so the paths they find) are the same after a full build and
 * after edges were replaced one entity at a time.
 */
const byRef = (a: Neighbour, b: Neighbour) => {
  if (a.ref === b.ref) return 0;
  return a.ref < b.ref ? -1 : 1;
};

/**
 * The dependency edges of the catalog, indexed both ways: each entity's
 * upstreams and dependents, and which edges only PagerDuty knows.
 */
export class DependencyIndex {
  private readonly upstreams = new Map<string, Neighbour[]>();
  /** Each entity's direct dependents: read by the impact walks, written only here. */
  readonly dependents = new Map<string, Neighbour[]>();
  /** Edges known only from PagerDuty, as `dependent\u0000upstream`. */
  private readonly pagerDutyOnly = new Set<string>();

  /** Replaces every edge. */
  set(edges: Iterable<DependencyEdge>): void {
    this.upstreams.clear();
    this.dependents.clear();
    this.pagerDutyOnly.clear();
    this.addAll(edges);
  }

  /**
   * Replaces the upstream edges of some dependents with `edges` (each
   * naming one of them as its dependent); the other entities' edges stay.
   * Returns the upstreams of those dependents before and after.
   */
  replaceUpstreams(
    dependents: Iterable<string>,
    edges: Iterable<DependencyEdge>,
  ): Set<string> {
    const touched = new Set<string>();
    for (const dependent of dependents) {
      for (const { ref } of this.upstreams.get(dependent) ?? []) {
        touched.add(ref);
        this.pagerDutyOnly.delete(edgeKey(dependent, ref));
        const downs = this.dependents.get(ref)!;
        downs.splice(
          downs.findIndex(d => d.ref === dependent),
          1,
        );
        if (downs.length === 0) this.dependents.delete(ref);
      }
      this.upstreams.delete(dependent);
    }
    for (const upstream of this.addAll(edges)) touched.add(upstream);
    return touched;
  }

  /** Adds edges to those held; returns their upstreams. */
  private addAll(edges: Iterable<DependencyEdge>): Set<string> {
    const added = new Set<string>();
    const inCatalog = new Set<string>();
    const grown = new Set<Neighbour[]>();
    for (const edge of edges) {
      if (edge.dependent === edge.upstream) continue;
      added.add(edge.upstream);
      const key = edgeKey(edge.dependent, edge.upstream);
      if (edge.source === 'pagerduty') {
        if (!inCatalog.has(key)) this.pagerDutyOnly.add(key);
      } else {
        inCatalog.add(key);
        this.pagerDutyOnly.delete(key);
      }
      const ups = this.upstreams.get(edge.dependent) ?? [];
      const existing = ups.find(u => u.ref === edge.upstream);
      if (existing) {
        // the same upstream twice (dependsOn and an API): critical wins
        existing.critical ||= edge.critical;
        this.dependents
          .get(edge.upstream)!
          .find(d => d.ref === edge.dependent)!.critical ||= edge.critical;
        continue;
      }
      ups.push({ ref: edge.upstream, critical: edge.critical });
      this.upstreams.set(edge.dependent, ups);
      const downs = this.dependents.get(edge.upstream) ?? [];
      downs.push({ ref: edge.dependent, critical: edge.critical });
      this.dependents.set(edge.upstream, downs);
      grown.add(ups).add(downs);
    }
    for (const list of grown) list.sort(byRef);
    return added;
  }

  /** Every entity with an upstream, then every entity with a dependent. */
  *refs(): IterableIterator<string> {
    yield* this.upstreams.keys();
    yield* this.dependents.keys();
  }

  /** Direct upstreams of an entity. */
  upstreamsOf(ref: string): Neighbour[] {
    return this.upstreams.get(ref) ?? [];
  }

  /** Direct dependents of an entity. */
  dependentsOf(ref: string): Neighbour[] {
    return this.dependents.get(ref) ?? [];
  }

  /** Whether the edge from `dependent` to `upstream` is known only from PagerDuty. */
  isPagerDutyOnly(dependent: string, upstream: string): boolean {
    return this.pagerDutyOnly.has(edgeKey(dependent, upstream));
  }

  /** Every transitive dependent of an entity, or the first `limit` found. */
  allDependents(ref: string, limit = Infinity): string[] {
    const seen = new Set<string>([ref]);
    const queue = [ref];
    while (queue.length && seen.size <= limit) {
      for (const d of this.dependentsOf(queue.pop()!)) {
        if (seen.has(d.ref)) continue;
        if (seen.size > limit) break;
        seen.add(d.ref);
        queue.push(d.ref);
      }
    }
    seen.delete(ref);
    return [...seen];
  }

  /**
   * The upstream tree of an entity, cut at `maxDepth` levels, each node with
   * the levels `levelsOf` gives it.
   */
  upstreamTree(
    ref: string,
    maxDepth: number,
    levelsOf: (ref: string) => UpstreamNode['levels'],
  ): UpstreamNode[] {
    const build = (
      from: string,
      depth: number,
      onPath: Set<string>,
    ): UpstreamNode[] =>
      this.upstreamsOf(from).map(({ ref: up, critical }) => {
        const node: UpstreamNode = {
          ref: up,
          critical,
          levels: levelsOf(up),
          upstreams: [],
        };
        if (this.isPagerDutyOnly(from, up)) node.fromPagerDuty = true;
        if (onPath.has(up)) {
          node.cycle = true;
        } else if (depth >= maxDepth) {
          node.truncated = this.upstreamsOf(up).length > 0 || undefined;
        } else {
          node.upstreams = build(up, depth + 1, new Set([...onPath, up]));
        }
        return node;
      });
    return build(ref, 1, new Set([ref]));
  }
}
