import {
  compareLevels,
  HealthLevel,
  isOutage,
  OutageLevel,
  OUTAGES_WORST_FIRST,
  worstLevel,
} from './levels';
import {
  DEFAULT_HEALTH_RULES,
  HealthRules,
  inheritedOverEdge,
  OwnHealth,
} from './rules';

/**
 * `dependent` needs `upstream`: from `spec.dependsOn`, or from `consumesApis`
 * through to the API's providers.
 *
 * @public
 */
export type DependencyEdge = {
  dependent: string;
  upstream: string;
  /** Marked critical by the dependent: the upstream's outage passes unchanged. */
  critical: boolean;
  /**
   * Known from PagerDuty's service graph, not the catalog (with
   * `status.graph.pagerDutyDependencies: use`): paths over it say so.
   */
  source?: 'pagerduty';
};

/**
 * An upstream entity whose own signals explain (part of) an entity's
 * inherited level, with the dependency path from the entity to it.
 *
 * @public
 */
export type RootCause = {
  root: string;
  /** The level this root cause passes to the entity. */
  level: OutageLevel;
  /** Entity refs from the impacted entity to the root cause, both included. */
  path: string[];
  /**
   * The hops known only from PagerDuty: `i` for the hop from `path[i]` to
   * `path[i + 1]`. Absent when every hop is in the catalog.
   */
  pagerDutyHops?: number[];
};

/**
 * The levels of one entity.
 *
 * @public
 */
export type EntityLevels = {
  /** From its own signals; undefined when it is not monitored. */
  own: HealthLevel | undefined;
  /** From its upstreams. */
  inherited: OutageLevel;
  /** The worst of own and inherited. */
  effective: HealthLevel;
};

/**
 * A change of an entity's levels, as recorded in its status history.
 *
 * @public
 */
export type LevelChange = { ref: string; from: EntityLevels; to: EntityLevels };

/**
 * A node of an entity's upstream tree.
 *
 * @public
 */
export type UpstreamNode = {
  ref: string;
  critical: boolean;
  levels: EntityLevels;
  upstreams: UpstreamNode[];
  /** The depth limit cut the tree here: this node has upstreams not listed. */
  truncated?: boolean;
  /** This node is already on the path from the root: a dependency cycle. */
  cycle?: boolean;
  /** The edge to this node is known only from PagerDuty. */
  fromPagerDuty?: boolean;
};

type Impact = Map<string, { level: OutageLevel; next: string }>;

/** The outage levels a walk passes on, least first. */
const OUTAGE_BY_INDEX = [...OUTAGES_WORST_FIRST].reverse();
const OUTAGE_INDEX = Object.fromEntries(
  OUTAGE_BY_INDEX.map((level, index) => [level, index]),
) as Record<(typeof OUTAGES_WORST_FIRST)[number], number>;

/** One edge as a set key. */
const edgeKey = (dependent: string, upstream: string) =>
  `${dependent}\u0000${upstream}`;

const OPERATIONAL: EntityLevels = {
  own: undefined,
  inherited: 'operational',
  effective: 'operational',
};

/**
 * The dependency graph of the catalog with every entity's own, inherited and
 * effective level, root causes and blast radius.
 *
 * @remarks
 * Inherited levels are computed per root cause: from each entity whose own
 * level is an outage, a breadth-first walk over its dependents, highest level
 * first, records the level each dependent inherits and its next hop towards
 * the root. Each entity is settled at most once per root, so cycles end, and
 * the walk stops where an ordinary dependency no longer passes impact (by
 * default a degraded upstream does not degrade its dependents), which keeps
 * the walks short. A change of one entity's own level redoes only that root's
 * walk and the entities it touches.
 *
 * @public
 */
export class HealthGraph {
  private readonly upstreams = new Map<
    string,
    { ref: string; critical: boolean }[]
  >();
  private readonly dependents = new Map<
    string,
    { ref: string; critical: boolean }[]
  >();
  /** Edges known only from PagerDuty, as `dependent\u0000upstream`. */
  private readonly pagerDutyOnly = new Set<string>();
  private readonly own = new Map<string, OwnHealth>();
  private readonly impacts = new Map<string, Impact>();
  private readonly rootsOf = new Map<string, Set<string>>();
  private readonly levels = new Map<string, EntityLevels>();

  /**
   * What an outage passes over an edge, by its index in OUTAGE_BY_INDEX and
   * then ordinary (0) or critical (1): the index of the inherited level, or
   * -1 when it passes nothing. Read once per edge the walks cross.
   */
  private readonly passedOn: number[][];
  /** What an entity under maintenance passes on as, when anything. */
  private readonly maintenanceAs: OutageLevel | undefined;

  constructor(rules: HealthRules = DEFAULT_HEALTH_RULES) {
    this.maintenanceAs = isOutage(rules.maintenance?.passesOnAs)
      ? rules.maintenance!.passesOnAs
      : undefined;
    this.passedOn = OUTAGE_BY_INDEX.map(level =>
      [false, true].map(critical => {
        const inherited = inheritedOverEdge(level, critical, rules);
        return inherited === 'operational' ? -1 : OUTAGE_INDEX[inherited];
      }),
    );
  }

  /** Replaces the dependency edges and recomputes everything. */
  setDependencies(edges: Iterable<DependencyEdge>): void {
    this.upstreams.clear();
    this.dependents.clear();
    this.pagerDutyOnly.clear();
    const inCatalog = new Set<string>();
    for (const edge of edges) {
      if (edge.dependent === edge.upstream) continue;
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
    }
    this.recomputeAll();
  }

  /** Replaces every entity's own health and recomputes everything. */
  setAllOwn(entries: Iterable<[string, OwnHealth]>): void {
    this.own.clear();
    for (const [ref, health] of entries) this.own.set(ref, health);
    this.recomputeAll();
  }

  /** Changes one entity's own health; returns the entities whose levels changed. */
  setOwn(ref: string, health: OwnHealth): LevelChange[] {
    const previous = this.own.get(ref);
    this.own.set(ref, health);
    // What an entity passes on depends only on its own level: another
    // incident on an entity already at that level changes nobody's level.
    if (previous && previous.level === health.level && this.levels.has(ref))
      return [];
    const before = this.impacts.get(ref);
    const after = this.walkImpact(ref);
    // Most of a large blast radius is in both walks: one pass over each
    // keeps the index of roots per entity and the levels current. The new
    // walk is in place first, as an entity losing its worst root reads the
    // levels its other roots pass.
    if (after) this.impacts.set(ref, after);
    else this.impacts.delete(ref);
    const changes = this.refresh([ref]);
    if (before) {
      for (const [key, was] of before) {
        const now = after?.get(key);
        if (!now) this.unlinkRoot(key, ref);
        this.refreshInherited(key, was.level, now?.level, changes);
      }
    }
    if (after) {
      for (const [key, now] of after) {
        if (before?.has(key)) continue;
        this.linkRoot(key, ref);
        this.refreshInherited(key, undefined, now.level, changes);
      }
    }
    return changes;
  }

  /** The levels of an entity (operational and not monitored when unknown to the graph). */
  get(ref: string): EntityLevels {
    return this.levels.get(ref) ?? this.computeLevels(ref);
  }

  /** Every entity the graph knows, with its levels. */
  *entries(): IterableIterator<[string, EntityLevels]> {
    const refs = new Set<string>([
      ...this.own.keys(),
      ...this.upstreams.keys(),
      ...this.dependents.keys(),
    ]);
    for (const ref of refs) yield [ref, this.get(ref)];
  }

  /** The entity's own health (signals and level). */
  ownHealth(ref: string): OwnHealth {
    return this.own.get(ref) ?? { level: undefined, reasons: [] };
  }

  /** The upstream entities whose own signals explain the inherited level, worst first. */
  rootCauses(ref: string): RootCause[] {
    const causes: RootCause[] = [];
    for (const root of this.rootsOf.get(ref) ?? []) {
      const impact = this.impacts.get(root)!;
      const path = [ref];
      const pagerDutyHops: number[] = [];
      let current = ref;
      while (current !== root) {
        const next = impact.get(current)!.next;
        if (this.pagerDutyOnly.has(edgeKey(current, next)))
          pagerDutyHops.push(path.length - 1);
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
   * The blast radius: the transitive dependents currently impacted by this
   * entity, by its own signals or by an impact that passes through it.
   */
  impacted(ref: string): string[] {
    const result = new Set<string>(this.impacts.get(ref)?.keys() ?? []);
    for (const root of this.rootsOf.get(ref) ?? []) {
      const impact = this.impacts.get(root)!;
      for (const candidate of impact.keys()) {
        let current = candidate;
        while (current !== root && current !== ref)
          current = impact.get(current)!.next;
        if (current === ref && candidate !== ref) result.add(candidate);
      }
    }
    return [...result].sort();
  }

  /** Direct upstreams of an entity. */
  upstreamsOf(ref: string): { ref: string; critical: boolean }[] {
    return this.upstreams.get(ref) ?? [];
  }

  /** Every transitive dependent of an entity, impacted or not. */
  allDependents(ref: string): string[] {
    const seen = new Set<string>([ref]);
    const queue = [ref];
    while (queue.length) {
      for (const d of this.dependents.get(queue.pop()!) ?? []) {
        if (seen.has(d.ref)) continue;
        seen.add(d.ref);
        queue.push(d.ref);
      }
    }
    seen.delete(ref);
    return [...seen];
  }

  /** Direct dependents of an entity. */
  dependentsOf(ref: string): { ref: string; critical: boolean }[] {
    return this.dependents.get(ref) ?? [];
  }

  /** The upstream tree of an entity, cut at `maxDepth` levels. */
  upstreamTree(ref: string, maxDepth: number): UpstreamNode[] {
    const build = (
      from: string,
      depth: number,
      onPath: Set<string>,
    ): UpstreamNode[] =>
      this.upstreamsOf(from).map(({ ref: up, critical }) => {
        const node: UpstreamNode = {
          ref: up,
          critical,
          levels: this.get(up),
          upstreams: [],
        };
        if (this.pagerDutyOnly.has(edgeKey(from, up)))
          node.fromPagerDuty = true;
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

  private ownLevel(ref: string): HealthLevel | undefined {
    return this.own.get(ref)?.level;
  }

  private recomputeAll() {
    this.impacts.clear();
    this.rootsOf.clear();
    this.levels.clear();
    for (const ref of this.own.keys()) this.addImpact(ref);
    for (const [ref] of this.entries())
      this.levels.set(ref, this.computeLevels(ref));
  }

  private computeLevels(ref: string): EntityLevels {
    const own = this.ownLevel(ref);
    let inherited: OutageLevel = 'operational';
    for (const root of this.rootsOf.get(ref) ?? []) {
      const level = this.impacts.get(root)!.get(ref)!.level;
      if (compareLevels(level, inherited) > 0) inherited = level;
    }
    return this.levelsOf(own, inherited);
  }

  private levelsOf(
    own: HealthLevel | undefined,
    inherited: OutageLevel,
  ): EntityLevels {
    if (own === undefined && inherited === 'operational')
      return { ...OPERATIONAL };
    return {
      own,
      inherited,
      effective: worstLevel([own ?? 'operational', inherited]),
    };
  }

  private refresh(refs: Iterable<string>): LevelChange[] {
    const changes: LevelChange[] = [];
    for (const ref of refs) {
      const from = this.levels.get(ref) ?? { ...OPERATIONAL };
      const to = this.computeLevels(ref);
      this.levels.set(ref, to);
      if (
        from.own !== to.own ||
        from.inherited !== to.inherited ||
        from.effective !== to.effective
      ) {
        changes.push({ ref, from, to });
      }
    }
    return changes;
  }

  /**
   * Updates one entity after the level one root passes to it changed from
   * `was` to `now` (undefined: none), without visiting its other roots unless
   * the root it loses was the one setting its level.
   */
  private refreshInherited(
    ref: string,
    was: OutageLevel | undefined,
    now: OutageLevel | undefined,
    changes: LevelChange[],
  ) {
    if (was === now) return;
    const from = this.levels.get(ref) ?? OPERATIONAL;
    let inherited = from.inherited;
    if (now !== undefined && compareLevels(now, inherited) > 0) {
      inherited = now;
    } else if (was !== undefined && was === inherited) {
      inherited = this.computeLevels(ref).inherited;
    }
    if (inherited === from.inherited) return;
    const to = this.levelsOf(from.own, inherited);
    this.levels.set(ref, to);
    changes.push({ ref, from, to });
  }

  /** Records one root's walk and indexes the root under each entity it impacts. */
  private addImpact(root: string) {
    const impact = this.walkImpact(root);
    if (!impact) return;
    this.impacts.set(root, impact);
    for (const ref of impact.keys()) this.linkRoot(ref, root);
  }

  private linkRoot(ref: string, root: string) {
    let roots = this.rootsOf.get(ref);
    if (!roots) this.rootsOf.set(ref, (roots = new Set()));
    roots.add(root);
  }

  private unlinkRoot(ref: string, root: string) {
    const roots = this.rootsOf.get(ref)!;
    roots.delete(root);
    if (roots.size === 0) this.rootsOf.delete(ref);
  }

  /**
   * The walk from one root over its dependents, highest inherited level
   * first: the entities it impacts, with their level and next hop.
   */
  private walkImpact(root: string): Impact | undefined {
    const own = this.ownLevel(root);
    // maintenance alarms dependents only when the rules say so
    const level =
      own === 'under_maintenance' && this.maintenanceAs
        ? this.maintenanceAs
        : own;
    if (!isOutage(level)) return undefined;
    const impact: Impact = new Map();
    // one FIFO queue per outage level (degraded, partial, major), each as
    // two arrays of entity and next hop: the walk allocates per entity only
    // what it keeps
    const refs: string[][] = [[], [], []];
    const nexts: string[][] = [[], [], []];
    const push = (from: string, fromIndex: number) => {
      const passes = this.passedOn[fromIndex];
      for (const dependent of this.dependents.get(from) ?? []) {
        const inherited = passes[dependent.critical ? 1 : 0];
        if (
          inherited < 0 ||
          dependent.ref === root ||
          impact.has(dependent.ref)
        )
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
}
