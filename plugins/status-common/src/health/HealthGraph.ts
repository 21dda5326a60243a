import {
  compareLevels,
  HealthLevel,
  isOutage,
  OutageLevel,
  worstLevel,
} from './levels';
import {
  DEFAULT_HEALTH_RULES,
  HealthRules,
  inheritedOverEdge,
  OwnHealth,
} from './rules';
import {
  DependencyEdge,
  EntityLevels,
  LevelChange,
  RootCause,
  UpstreamNode,
} from './graphTypes';
import { DependencyIndex } from './dependencyIndex';
import { Impact, PassedOn, passedOnTable, walkImpact } from './impactWalk';
import { impactedBy, impactedSet, rootCausesOf } from './rootCausePaths';
import { movedInWalk, netChanges, sameLevels } from './walkChanges';

export * from './graphTypes';

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
  private readonly graph = new DependencyIndex();
  private readonly own = new Map<string, OwnHealth>();
  private readonly impacts = new Map<string, Impact>();
  private readonly rootsOf = new Map<string, Set<string>>();
  private readonly levels = new Map<string, EntityLevels>();

  /** What an outage passes over each kind of edge. */
  private readonly passedOn: PassedOn;
  /** What an entity under maintenance passes on as, when anything. */
  private readonly maintenanceAs: OutageLevel | undefined;

  constructor(private readonly rules: HealthRules = DEFAULT_HEALTH_RULES) {
    this.maintenanceAs = isOutage(rules.maintenance?.passesOnAs)
      ? rules.maintenance!.passesOnAs
      : undefined;
    this.passedOn = passedOnTable(rules);
  }

  /** Replaces the dependency edges and recomputes everything. */
  setDependencies(edges: Iterable<DependencyEdge>): void {
    this.graph.set(edges);
    this.recomputeAll();
  }

  /** Replaces every entity's own health and recomputes everything. */
  setAllOwn(entries: Iterable<[string, OwnHealth]>): void {
    this.own.clear();
    for (const [ref, health] of entries) this.own.set(ref, health);
    this.recomputeAll();
  }

  /**
   * Replaces the upstream edges of some entities (`dependents`) with `edges`
   * and redoes only the walks that crossed an edge taken away or could cross
   * one added: the cost of a catalog change that moves a few edges is that
   * of those walks, not of the graph. Returns the entities whose levels
   * changed, and in `touched` those whose look may have (see
   * {@link HealthGraph.setOwn}).
   */
  replaceDependencies(
    dependents: Iterable<string>,
    edges: Iterable<DependencyEdge>,
  ): { changes: LevelChange[]; touched: Set<string> } {
    const dependentRefs = [...dependents];
    const edgeList = [...edges];
    // edges kept as they were cross no walk differently
    const edgeKey = (dependent: string, upstream: string, critical: boolean) =>
      `${dependent}\u0000${upstream}\u0000${critical}`;
    const kept = new Set<string>();
    for (const dependent of dependentRefs)
      for (const u of this.graph.upstreamsOf(dependent))
        kept.add(edgeKey(dependent, u.ref, u.critical));
    const given = new Set<string>();
    for (const e of edgeList)
      given.add(edgeKey(e.dependent, e.upstream, e.critical));
    const crossing = new Set<string>();
    // a walk that settled a dependent over an edge taken away
    for (const dependent of dependentRefs)
      for (const root of this.rootsOf.get(dependent) ?? []) {
        const next = this.impacts.get(root)!.get(dependent)!.next;
        const over = this.graph
          .upstreamsOf(dependent)
          .find(u => u.ref === next);
        if (over && !given.has(edgeKey(dependent, next, over.critical)))
          crossing.add(root);
      }
    // a walk that reaches an added edge's upstream with something to pass
    // over it, at least what its dependent has from that walk (equal: the
    // path may change)
    for (const edge of edgeList) {
      if (kept.has(edgeKey(edge.dependent, edge.upstream, edge.critical)))
        continue;
      for (const root of [
        edge.upstream,
        ...(this.rootsOf.get(edge.upstream) ?? []),
      ])
        if (this.crosses(root, edge)) crossing.add(root);
    }
    this.graph.replaceUpstreams(dependentRefs, edgeList);
    const changes: LevelChange[] = [];
    const touched = new Set<string>(dependentRefs);
    for (const root of crossing) changes.push(...this.rewalk(root, touched));
    return { changes: netChanges(changes), touched };
  }

  /**
   * Forgets an entity's own health, as for an entity gone from the catalog.
   * Returns the entities whose levels changed, and in `touched` those whose
   * look may have.
   */
  forgetOwn(ref: string): { changes: LevelChange[]; touched: Set<string> } {
    const touched = new Set<string>([ref]);
    if (!this.own.has(ref)) return { changes: [], touched };
    const changes = this.setOwn(
      ref,
      { level: undefined, reasons: [] },
      touched,
    );
    this.own.delete(ref);
    // without own signals it still inherits from its upstreams
    changes.push(...this.refresh([ref]));
    return { changes: netChanges(changes), touched };
  }

  /**
   * Changes one entity's own health; returns the entities whose levels
   * changed. With `touched`, adds to it every entity whose look may have
   * changed: levels, root causes and their paths, and the entities in an
   * outage of their own within a walk that changed (their blast radius
   * counts what passes through them).
   */
  setOwn(ref: string, health: OwnHealth, touched?: Set<string>): LevelChange[] {
    const previous = this.own.get(ref);
    this.own.set(ref, health);
    touched?.add(ref);
    // What an entity passes on depends only on its own level: another
    // incident on an entity already at that level changes nobody's level.
    if (previous && previous.level === health.level && this.levels.has(ref))
      return [];
    return this.rewalk(ref, touched);
  }

  /** Whether a root's walk would pass over `edge` at least what the dependent has from it. */
  private crosses(root: string, edge: DependencyEdge): boolean {
    const impact = this.impacts.get(root);
    const reached =
      root === edge.upstream
        ? this.passedOnLevel(root)
        : impact?.get(edge.upstream)?.level;
    if (!isOutage(reached)) return false;
    const passed = inheritedOverEdge(reached, edge.critical, this.rules);
    if (passed === 'operational') return false;
    const has = impact?.get(edge.dependent)?.level;
    return has === undefined || compareLevels(passed, has) >= 0;
  }

  /** Walks again from one root after its level or the edges it crosses changed. */
  private rewalk(ref: string, touched?: Set<string>): LevelChange[] {
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
    if (touched) {
      touched.add(ref);
      for (const { ref: changed } of changes) touched.add(changed);
      this.touchWalkChanges(before, after, touched);
    }
    return changes;
  }

  /**
   * Adds the entities whose entry in a root's walk changed, or whose path
   * to the root passes one that did, and the outage roots within either
   * walk (what passes through them counts in their blast radius).
   */
  private touchWalkChanges(
    before: Impact | undefined,
    after: Impact | undefined,
    touched: Set<string>,
  ) {
    const moved = movedInWalk(before, after);
    if (moved.size === 0) return;
    for (const key of moved) touched.add(key);
    for (const walk of [before, after])
      for (const key of walk?.keys() ?? [])
        if (isOutage(this.ownLevel(key))) touched.add(key);
  }

  /** The levels of an entity (operational and not monitored when unknown to the graph). */
  get(ref: string): EntityLevels {
    return this.levels.get(ref) ?? this.computeLevels(ref);
  }

  /** Every entity the graph knows, with its levels. */
  *entries(): IterableIterator<[string, EntityLevels]> {
    const refs = new Set<string>([...this.own.keys(), ...this.graph.refs()]);
    for (const ref of refs) yield [ref, this.get(ref)];
  }

  /**
   * The entities whose own level passes something on to a dependent: the
   * roots of every inherited level, however large the graph.
   */
  impactingRoots(): IterableIterator<string> {
    return this.impacts.keys();
  }

  /** The entity's own health (signals and level). */
  ownHealth(ref: string): OwnHealth {
    return this.own.get(ref) ?? { level: undefined, reasons: [] };
  }

  /** The upstream entities whose own signals explain the inherited level, worst first. */
  rootCauses(ref: string): RootCause[] {
    return rootCausesOf(
      ref,
      this.rootsOf.get(ref) ?? [],
      this.impacts,
      (dependent, upstream) => this.graph.isPagerDutyOnly(dependent, upstream),
    );
  }

  /**
   * The blast radius: the transitive dependents currently impacted by this
   * entity, by its own signals or by an impact that passes through it.
   */
  impacted(ref: string): string[] {
    return impactedBy(
      ref,
      this.rootsOf.get(ref) ?? [],
      this.impacts,
      this.graph.dependents,
    );
  }

  /** {@link HealthGraph.impacted} in no order, for counting and filtering. */
  impactedSet(ref: string): Set<string> {
    return impactedSet(
      ref,
      this.rootsOf.get(ref) ?? [],
      this.impacts,
      this.graph.dependents,
    );
  }

  /**
   * The entities this entity's own level reaches now (its impact walk): those
   * whose levels or root causes a change of its own level can change.
   */
  impactRegion(ref: string): Iterable<string> {
    return this.impacts.get(ref)?.keys() ?? [];
  }

  /** Direct upstreams of an entity. */
  upstreamsOf(ref: string): { ref: string; critical: boolean }[] {
    return this.graph.upstreamsOf(ref);
  }

  /** Every transitive dependent of an entity, impacted or not, or the first `limit` found. */
  allDependents(ref: string, limit?: number): string[] {
    return this.graph.allDependents(ref, limit);
  }

  /** Direct dependents of an entity. */
  dependentsOf(ref: string): { ref: string; critical: boolean }[] {
    return this.graph.dependentsOf(ref);
  }

  /** The upstream tree of an entity, cut at `maxDepth` levels. */
  upstreamTree(ref: string, maxDepth: number): UpstreamNode[] {
    return this.graph.upstreamTree(ref, maxDepth, up => this.get(up));
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
      if (!sameLevels(from, to)) changes.push({ ref, from, to });
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

  /** The walk from one root over its dependents (see {@link walkImpact}). */
  private walkImpact(root: string): Impact | undefined {
    return walkImpact(
      root,
      this.passedOnLevel(root),
      this.passedOn,
      this.graph.dependents,
    );
  }

  /** The level a root's walk starts from: its own, or what maintenance passes on as. */
  private passedOnLevel(root: string): HealthLevel | undefined {
    const own = this.ownLevel(root);
    // maintenance alarms dependents only when the rules say so
    return own === 'under_maintenance' && this.maintenanceAs
      ? this.maintenanceAs
      : own;
  }
}
