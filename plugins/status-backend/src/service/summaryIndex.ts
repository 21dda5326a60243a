import {
  compareLevels,
  HealthLevel,
  HIDDEN_ENTITY_REF,
  isOutage,
  LEVEL_PRECEDENCE,
  OutageLevel,
  StatusSummaryEntity,
  StatusSummaryFacets,
  summaryFacets,
} from '@status-layer/plugin-status-common';
import { LRUCache } from 'lru-cache';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';

/** Worst first: the order of the summary's entities. */
const LEVELS_WORST_FIRST = [...LEVEL_PRECEDENCE].reverse();

/** Distinct views whose summaries are kept (each shares the entities' objects). */
const VIEWS_KEPT = 16;

const collator = new Intl.Collator();

type Ranked = { entityRef: string; level: HealthLevel; rank: number };

/** An entity as every caller's summary starts from it, before masking. */
type BaseEntry = {
  entity: StatusSummaryEntity;
  /** Its root causes, worst first (only for an inherited level). */
  causes?: { root: string; level: OutageLevel }[];
};

/** An entity in an outage of its own, with every entity it impacts. */
export type OutageRoot = {
  entityRef: string;
  level: HealthLevel;
  impacted: string[];
};

type Base = {
  version: number;
  /** The catalog read it was built after. */
  readAt?: Date;
  /** Every entity's entry, by ref. */
  byRef: Map<string, BaseEntry>;
  /** Every entity, worst first, then by ref. */
  entries: BaseEntry[];
  /** The entities in an outage of their own, by ref. */
  outages: Map<string, OutageRoot>;
};

/** What one view's summaries read: built once per engine state and view. */
export type ViewSummary = {
  version: number;
  /** The entities the view may read, worst first, each as the view may see it. */
  entities: StatusSummaryEntity[];
  /** The problems, ranked (level, then visible blast radius), impacted filtered for the view. */
  problems: OutageRoot[];
  /** The values the filters can take among {@link ViewSummary.entities}. */
  facets: StatusSummaryFacets;
  /**
   * What is built from these for one query (a selection, its rows), kept
   * with them: a dashboard read again after a push, or polled, costs a page.
   */
  memo<T>(key: string, build: () => T): T;
};

/** Queries whose results one view keeps for the same state. */
const QUERIES_KEPT = 32;

/**
 * The summaries' common ground, built once per engine state (its
 * `version`) rather than per request: every entity with its levels and root
 * causes in worst-first order (refs sorted once per catalog read, then
 * grouped by level without comparing), and the outages with what they
 * impact. Per distinct view (the readable set's key), the visible entities,
 * masked, and the ranked problems are kept for the same state, so a page of
 * readers who see the same thing costs one filtering per change.
 *
 * @internal
 */
export class SummaryIndex {
  private base?: Base;
  private sortedRefs?: {
    readAt?: Date;
    refs: string[];
    rank: Map<string, number>;
  };
  private domainOfSystem?: Map<string, string | undefined>;
  private readonly views = new LRUCache<string, ViewSummary>({
    max: VIEWS_KEPT,
  });
  private readonly facets = new LRUCache<
    string,
    { readAt?: Date; facets: StatusSummaryFacets }
  >({ max: VIEWS_KEPT });

  constructor(private readonly engine: StatusEngine) {}

  /** What the view's summaries read, for the engine's current state. */
  forView(view: CallerView): ViewSummary {
    const base = this.current();
    const kept = view.key ? this.views.get(view.key) : undefined;
    if (kept && kept.version === base.version) return kept;
    const built = buildViewSummary(base, view, entities =>
      this.facetsFor(view, base, entities),
    );
    if (view.key) this.views.set(view.key, built);
    return built;
  }

  /** The filters' values depend on the catalog and the view only: kept per catalog read. */
  private facetsFor(
    view: CallerView,
    base: Base,
    entities: StatusSummaryEntity[],
  ): StatusSummaryFacets {
    const kept = view.key ? this.facets.get(view.key) : undefined;
    if (kept && kept.readAt === base.readAt) return kept.facets;
    const facets = summaryFacets(entities);
    if (view.key) this.facets.set(view.key, { readAt: base.readAt, facets });
    return facets;
  }

  /**
   * The common ground for the engine's state: updated from the entities
   * the engine says changed since the last build, or built again after a
   * catalog read or when the engine cannot say.
   */
  private current(): Base {
    const { engine } = this;
    const readAt = engine.catalogReadAt;
    const base = this.base;
    if (base?.version === engine.version && base.readAt === readAt) return base;
    const changed =
      base && base.readAt === readAt
        ? engine.changedSince(base.version)
        : undefined;
    if (!base || !changed) return (this.base = this.build());
    for (const ref of changed) {
      const entry = this.entryOf(ref);
      if (entry) base.byRef.set(ref, entry);
      else base.byRef.delete(ref);
      this.updateOutage(base.outages, ref);
    }
    // a root that inherits too has a blast radius that follows its own
    // roots' walks; when one of those changed, it is in that walk's reach,
    // so among the changed
    base.entries = this.inOrder(base.byRef);
    base.version = engine.version;
    return base;
  }

  private build(): Base {
    const { engine } = this;
    this.domainOfSystem = undefined;
    const byRef = new Map<string, BaseEntry>();
    const outages = new Map<string, OutageRoot>();
    for (const ref of this.refsInOrder()) {
      const entry = this.entryOf(ref);
      if (entry) byRef.set(ref, entry);
      this.updateOutage(outages, ref);
    }
    return {
      version: engine.version,
      readAt: engine.catalogReadAt,
      byRef,
      entries: this.inOrder(byRef),
      outages,
    };
  }

  /** Worst first, then by ref: grouped by level in the order of the refs, without comparing. */
  private inOrder(byRef: Map<string, BaseEntry>): BaseEntry[] {
    const byLevel = new Map<HealthLevel, BaseEntry[]>(
      LEVELS_WORST_FIRST.map(level => [level, []]),
    );
    for (const ref of this.refsInOrder()) {
      const entry = byRef.get(ref);
      if (entry) byLevel.get(entry.entity.effective)!.push(entry);
    }
    return LEVELS_WORST_FIRST.flatMap(level => byLevel.get(level)!);
  }

  private updateOutage(outages: Map<string, OutageRoot>, ref: string) {
    const own = this.engine.levels(ref).own;
    if (this.engine.entity(ref) && isOutage(own))
      outages.set(ref, {
        entityRef: ref,
        level: own as HealthLevel,
        impacted: [...this.engine.impactedSetOf(ref)],
      });
    else outages.delete(ref);
  }

  /** Every entity's ref in the summary's order, sorted once per catalog read. */
  private refsInOrder(): string[] {
    const readAt = this.engine.catalogReadAt;
    if (!this.sortedRefs || this.sortedRefs.readAt !== readAt) {
      const refs = [...this.engine.allEntities()]
        .map(e => e.ref)
        .sort(collator.compare);
      this.sortedRefs = {
        readAt,
        refs,
        rank: new Map(refs.map((ref, i) => [ref, i])),
      };
    }
    return this.sortedRefs.refs;
  }

  /**
   * The worst `limit` of some entities, with their levels, worst first and
   * then by ref: one pass, however many there are.
   */
  worstFirst(
    refs: string[],
    limit: number,
  ): { entityRef: string; level: HealthLevel }[] {
    if (limit <= 0) return [];
    this.refsInOrder();
    const rank = this.sortedRefs!.rank;
    const order = (a: Ranked, b: Ranked) =>
      compareLevels(b.level, a.level) || a.rank - b.rank;
    const top: Ranked[] = [];
    for (const entityRef of refs) {
      const item = {
        entityRef,
        level: this.engine.levels(entityRef).effective,
        rank: rank.get(entityRef) ?? Number.MAX_SAFE_INTEGER,
      };
      if (top.length === limit && order(item, top[limit - 1]) >= 0) continue;
      const at = top.findIndex(t => order(item, t) < 0);
      top.splice(at < 0 ? top.length : at, 0, item);
      if (top.length > limit) top.pop();
    }
    return top.map(({ entityRef, level }) => ({ entityRef, level }));
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

/** The first cause the view may read, or hidden when a hidden one is worse. */
function rootCauseFor(
  causes: BaseEntry['causes'],
  view: CallerView,
): string | undefined {
  if (!causes?.length) return undefined;
  const visible = causes.find(c => view.has(c.root));
  const worst = causes[0];
  if (visible && compareLevels(visible.level, worst.level) >= 0)
    return visible.root;
  return HIDDEN_ENTITY_REF;
}

function buildViewSummary(
  base: Base,
  view: CallerView,
  facetsOf: (entities: StatusSummaryEntity[]) => StatusSummaryFacets,
): ViewSummary {
  // owners, systems and domains the view may not read are not named
  const shown = (ref?: string) => (ref && view.has(ref) ? ref : undefined);
  const entities: StatusSummaryEntity[] = [];
  for (const { entity, causes } of base.entries) {
    if (!view.has(entity.entityRef)) continue;
    const owner = shown(entity.owner);
    const system = shown(entity.system);
    const domain = shown(entity.domain);
    const rootCause = rootCauseFor(causes, view);
    // the base object itself when nothing is masked: views share it
    entities.push(
      owner === entity.owner &&
        system === entity.system &&
        domain === entity.domain &&
        rootCause === entity.rootCause
        ? entity
        : { ...entity, owner, system, domain, rootCause },
    );
  }
  const problems = [...base.outages.values()]
    .filter(p => view.has(p.entityRef))
    .map(p => ({ ...p, impacted: p.impacted.filter(r => view.has(r)) }))
    .sort(
      (a, b) =>
        compareLevels(b.level, a.level) ||
        b.impacted.length - a.impacted.length ||
        collator.compare(a.entityRef, b.entityRef),
    );
  const memos = new LRUCache<string, { value: unknown }>({
    max: QUERIES_KEPT,
  });
  return {
    version: base.version,
    entities,
    problems,
    facets: facetsOf(entities),
    memo<T>(key: string, build: () => T): T {
      let kept = memos.get(key);
      if (!kept) memos.set(key, (kept = { value: build() }));
      return kept.value as T;
    },
  };
}

const indexes = new WeakMap<StatusEngine, SummaryIndex>();

/** The engine's summary index, one per engine. */
export function summaryIndexOf(engine: StatusEngine): SummaryIndex {
  let index = indexes.get(engine);
  if (!index) indexes.set(engine, (index = new SummaryIndex(engine)));
  return index;
}
