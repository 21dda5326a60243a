import {
  compareLevels,
  HealthLevel,
  isOutage,
  StatusSummaryEntity,
} from '@status-layer/plugin-status-common';
import { LRUCache } from 'lru-cache';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import {
  BaseEntry,
  OutageRoot,
  SummaryBase,
  ViewState,
  ViewSummary,
} from './viewSummary';
import { LEVELS_WORST_FIRST, WorstFirstOrder } from './worstFirst';

export type { OutageRoot, ViewSummary } from './viewSummary';

/** Distinct views whose summaries are kept (each shares the entities' objects). */
const VIEWS_KEPT = 16;

const collator = new Intl.Collator();

type Ranked = { entityRef: string; level: HealthLevel };

/**
 * The summaries' common ground, kept up to date with the engine's state
 * (its `version`) rather than built per request: every entity with its
 * levels and root causes in worst-first order (refs sorted once per catalog
 * change), and the outages with what they impact. Per distinct view (the
 * readable set's key), the visible entities, masked, the ranked problems
 * and the selections of the queries asked lately are kept and patched with
 * the entities each change touched, so a change costs what it touched, not
 * the catalog; a catalog change builds them again.
 *
 * @internal
 */
export class SummaryIndex {
  private base?: SummaryBase;
  /** Counts the builds of the base: views made from an earlier one are built again. */
  private builds = 0;
  private domainOfSystem?: Map<string, string | undefined>;
  private readonly views = new LRUCache<string, ViewState>({
    max: VIEWS_KEPT,
  });
  /** Each ref's place among the refs sorted at the last build. */
  private rank = new Map<string, number>();
  private readonly rankOf = (ref: string) => this.rank.get(ref);
  private readonly entryOrder = new WorstFirstOrder<BaseEntry>(
    e => e.entity.entityRef,
    e => e.entity.effective,
    this.rankOf,
  );
  private readonly entityOrder = new WorstFirstOrder<StatusSummaryEntity>(
    e => e.entityRef,
    e => e.effective,
    this.rankOf,
  );
  private readonly refOrder = new WorstFirstOrder<Ranked>(
    e => e.entityRef,
    e => e.level,
    this.rankOf,
  );

  constructor(private readonly engine: StatusEngine) {}

  /** What the view's summaries read, for the engine's current state. */
  forView(view: CallerView): ViewSummary {
    const base = this.current();
    const kept = view.key ? this.views.get(view.key) : undefined;
    if (kept?.build === this.builds && kept.version === base.version)
      return kept;
    const changed =
      kept?.build === this.builds
        ? this.engine.changedSince(kept.version)
        : undefined;
    if (kept && changed) {
      kept.patch(base, changed);
      return kept;
    }
    const built = new ViewState(base, view, this.entityOrder, this.builds);
    if (view.key) this.views.set(view.key, built);
    return built;
  }

  /**
   * The common ground for the engine's state: patched with the entities
   * the engine says changed since the last build (catalog changes
   * included), or built again when the engine cannot say, or when a
   * change reaches entities it does not name: a System (its Domain is its
   * components'), or an owner, System or Domain added or removed (what the
   * views show of the entities that name it).
   */
  private current(): SummaryBase {
    const { engine } = this;
    const base = this.base;
    if (base?.version === engine.version) return base;
    const changed = base ? engine.changedSince(base.version) : undefined;
    if (!base || !changed || this.reachesUnnamed(base, changed))
      return this.build();
    const added: BaseEntry[] = [];
    for (const ref of changed) {
      const entry = this.entryOf(ref);
      if (entry) {
        base.byRef.set(ref, entry);
        added.push(entry);
      } else base.byRef.delete(ref);
      this.updateOutage(base.outages, ref);
    }
    // a root that inherits too has a blast radius that follows its own
    // roots' walks; when one of those changed, it is among the changed
    base.entries = this.entryOrder.patched(base.entries, changed, added);
    base.version = engine.version;
    base.readAt = engine.catalogChangedAt;
    return base;
  }

  private reachesUnnamed(base: SummaryBase, changed: ReadonlySet<string>) {
    for (const ref of changed) {
      const now = this.engine.entity(ref);
      const was = base.byRef.get(ref)?.entity;
      if (now?.kind === 'System' || was?.kind === 'System') return true;
      if (!now !== !was && /^(group|user|domain):/.test(ref)) return true;
    }
    return false;
  }

  private build(): SummaryBase {
    const { engine } = this;
    this.domainOfSystem = undefined;
    this.builds += 1;
    const refs = [...engine.allEntities()]
      .map(e => e.ref)
      .sort(collator.compare);
    this.rank = new Map(refs.map((ref, i) => [ref, i]));
    const byRef = new Map<string, BaseEntry>();
    const outages = new Map<string, OutageRoot>();
    for (const ref of refs) {
      const entry = this.entryOf(ref);
      if (entry) byRef.set(ref, entry);
      this.updateOutage(outages, ref);
    }
    // worst first, then by ref: grouped by level in the order of the refs
    const byLevel = new Map<HealthLevel, BaseEntry[]>(
      LEVELS_WORST_FIRST.map(level => [level, []]),
    );
    for (const ref of refs) {
      const entry = byRef.get(ref);
      if (entry) byLevel.get(entry.entity.effective)!.push(entry);
    }
    return (this.base = {
      version: engine.version,
      readAt: engine.catalogChangedAt,
      byRef,
      entries: LEVELS_WORST_FIRST.flatMap(level => byLevel.get(level)!),
      outages,
    });
  }

  private updateOutage(outages: Map<string, OutageRoot>, ref: string) {
    const own = this.engine.levels(ref).own;
    if (this.engine.entity(ref) && isOutage(own))
      outages.set(ref, {
        entityRef: ref,
        level: own as HealthLevel,
        // in the order of refs, once per change of the outage's reach
        impacted: [...this.engine.impactedSetOf(ref)].sort(
          this.refOrder.compareRefs,
        ),
      });
    else outages.delete(ref);
  }

  /**
   * The worst `limit` of some entities given in the order of refs (as the
   * outages' impacted are), with their levels, worst first and then by ref:
   * one pass that reads each one's level, however many there are.
   */
  worstFirst(
    refs: string[],
    limit: number,
  ): { entityRef: string; level: HealthLevel }[] {
    if (limit <= 0) return [];
    const byLevel = new Map<HealthLevel, Ranked[]>(
      LEVELS_WORST_FIRST.map(level => [level, []]),
    );
    for (const entityRef of refs) {
      const level = this.engine.levels(entityRef).effective;
      const bucket = byLevel.get(level)!;
      if (bucket.length < limit) bucket.push({ entityRef, level });
    }
    return LEVELS_WORST_FIRST.flatMap(level => byLevel.get(level)!).slice(
      0,
      limit,
    );
  }

  /**
   * {@link SummaryIndex.worstFirst} of entities in any order (a blast radius
   * as a set): one pass that keeps only `limit`, comparing refs only with
   * the last one kept.
   */
  worstOf(
    refs: Iterable<string>,
    limit: number,
  ): { entityRef: string; level: HealthLevel }[] {
    const { engine } = this;
    function* ranked() {
      for (const entityRef of refs)
        yield { entityRef, level: engine.levels(entityRef).effective };
    }
    return this.refOrder.first(ranked(), limit);
  }

  /** A System's Domain, for its components: read once per build from the catalog. */
  private domainOf(system: string | undefined): string | undefined {
    if (!this.domainOfSystem) {
      this.domainOfSystem = new Map();
      for (const e of this.engine.allEntities())
        if (e.kind === 'System') this.domainOfSystem.set(e.ref, e.domain);
    }
    return this.domainOfSystem.get(system ?? '');
  }

  private entryOf(ref: string): BaseEntry | undefined {
    const { engine } = this;
    const e = engine.entity(ref);
    if (!e) return undefined;
    const levels = engine.levels(ref);
    const causes =
      levels.inherited === 'operational'
        ? undefined
        : engine
            .rootCausesOf(ref)
            .map(c => ({ root: c.root, level: c.level }))
            .sort((a, b) => compareLevels(b.level, a.level));
    return {
      entity: {
        entityRef: ref,
        kind: e.kind,
        name: e.name,
        title: e.title,
        owner: e.owner,
        system: e.system,
        domain: e.kind === 'System' ? e.domain : this.domainOf(e.system),
        own: levels.own,
        inherited: levels.inherited,
        effective: levels.effective,
        ...(engine.isMisconfigured(ref) ? { misconfigured: true } : {}),
        rootCause: causes?.[0]?.root,
      },
      causes,
    };
  }
}

const indexes = new WeakMap<StatusEngine, SummaryIndex>();

/** The engine's summary index, one per engine. */
export function summaryIndexOf(engine: StatusEngine): SummaryIndex {
  let index = indexes.get(engine);
  if (!index) indexes.set(engine, (index = new SummaryIndex(engine)));
  return index;
}
