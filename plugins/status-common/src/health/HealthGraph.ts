import {
  compareLevels,
  HealthLevel,
  isOutage,
  OutageLevel,
  worstLevel,
} from './levels';
import { DEFAULT_HEALTH_RULES, HealthRules, OwnHealth } from './rules';
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

  constructor(rules: HealthRules = DEFAULT_HEALTH_RULES) {
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
    return impactedBy(ref, this.rootsOf.get(ref) ?? [], this.impacts);
  }

  /** {@link HealthGraph.impacted} in no order, for counting and filtering. */
  impactedSet(ref: string): Set<string> {
    return impactedSet(ref, this.rootsOf.get(ref) ?? [], this.impacts);
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

  /** Every transitive dependent of an entity, impacted or not. */
  allDependents(ref: string): string[] {
    return this.graph.allDependents(ref);
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

  /** The walk from one root over its dependents (see {@link walkImpact}). */
  private walkImpact(root: string): Impact | undefined {
    const own = this.ownLevel(root);
    // maintenance alarms dependents only when the rules say so
    const level =
      own === 'under_maintenance' && this.maintenanceAs
        ? this.maintenanceAs
        : own;
    return walkImpact(root, level, this.passedOn, this.graph.dependents);
  }
}
