import {
  compareLevels,
  countSummaryLevels,
  DisplayLevel,
  HealthLevel,
  HIDDEN_ENTITY_REF,
  OutageLevel,
  StatusSummaryEntity,
  StatusSummaryFacets,
  summaryEntityLevel,
  summaryFacets,
} from '@status-layer/plugin-status-common';
import { LRUCache } from 'lru-cache';
import { CallerView } from './CallerAccess';
import { WorstFirstOrder } from './worstFirst';

/** An entity as every caller's summary starts from it, before masking. */
export type BaseEntry = {
  entity: StatusSummaryEntity;
  /** Its root causes, worst first (only for an inherited level). */
  causes?: { root: string; level: OutageLevel }[];
};

/** An entity in an outage of its own, with every entity it impacts. */
export type OutageRoot = {
  entityRef: string;
  level: HealthLevel;
  /** In the order of refs. */
  impacted: string[];
};

/** What a view's summary is built from: one engine state's entries and outages. */
export type SummaryBase = {
  version: number;
  /** When the catalog last changed before it was built. */
  readAt?: Date;
  byRef: Map<string, BaseEntry>;
  /** Every entry, worst first, then by ref. */
  entries: BaseEntry[];
  outages: Map<string, OutageRoot>;
};

/**
 * The entities a query lets through, in the summary's order, with their
 * counts: kept up to date with each change instead of filtered again.
 */
export type Selection<E> = {
  entities: StatusSummaryEntity[];
  /** Entities per display level. */
  counts: Record<DisplayLevel, number>;
  /** Entities with an inherited level. */
  impacted: number;
  /** What the definition built beside the test (e.g. the scope's facets). */
  extra: E;
};

/**
 * How a selection is made: a test of one entity, which must not change
 * while the catalog does not (levels it reads from the entity it is given),
 * and whatever else was built from the view's entities with it.
 */
export type SelectionDefinition<E> = {
  accepts: (entity: StatusSummaryEntity) => boolean;
  extra: E;
};

/** What one view's summaries read, for one engine state. */
export type ViewSummary = {
  version: number;
  /** The entities the view may read, worst first, each as the view may see it. */
  entities: StatusSummaryEntity[];
  /** The problems, ranked (level, then visible blast radius), impacted filtered for the view. */
  problems: OutageRoot[];
  /** The values the filters can take among {@link ViewSummary.entities}. */
  facets: StatusSummaryFacets;
  /**
   * What is built for one query of this state (a page of details), kept
   * with it: a dashboard read again, or polled, costs a page.
   */
  memo<T>(key: string, build: () => T): T;
  /**
   * What is built from some entities (e.g. the first of a blast radius),
   * kept through changes until one of `refs` changes.
   */
  keptFor<T>(key: string, refs: () => Iterable<string>, build: () => T): T;
  /**
   * A selection of the entities, built once per catalog change (calling
   * `define` with the view's entities) and then kept up to date.
   */
  selection<E>(
    key: string,
    define: (entities: StatusSummaryEntity[]) => SelectionDefinition<E>,
  ): Selection<E>;
};

/** Queries whose results one view keeps. */
const QUERIES_KEPT = 32;

/** Values kept through changes per view (see {@link ViewSummary.keptFor}). */
const KEPT_FOR_REFS = 256;

const collator = new Intl.Collator();

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

/** An entry as the view may see it: the base object itself when nothing is masked, so views share it. */
function masked(
  { entity, causes }: BaseEntry,
  view: CallerView,
): StatusSummaryEntity {
  // owners, systems and domains the view may not read are not named
  const shown = (ref?: string) => (ref && view.has(ref) ? ref : undefined);
  const owner = shown(entity.owner);
  const system = shown(entity.system);
  const domain = shown(entity.domain);
  const rootCause = rootCauseFor(causes, view);
  return owner === entity.owner &&
    system === entity.system &&
    domain === entity.domain &&
    rootCause === entity.rootCause
    ? entity
    : { ...entity, owner, system, domain, rootCause };
}

const problemOrder = (a: OutageRoot, b: OutageRoot) =>
  compareLevels(b.level, a.level) ||
  b.impacted.length - a.impacted.length ||
  collator.compare(a.entityRef, b.entityRef);

type SelectionState = Selection<unknown> & {
  accepts: (entity: StatusSummaryEntity) => boolean;
};

/**
 * One view's summary, built from a base and then patched with each change
 * of the engine's state: the entities that changed are taken out and put
 * back where they now sort, in the list and in every kept selection.
 *
 * @internal
 */
export class ViewState implements ViewSummary {
  version: number;
  /** When the catalog had last changed at the version it follows. */
  private readAt?: Date;
  entities: StatusSummaryEntity[];
  facets: StatusSummaryFacets;
  problems: OutageRoot[] = [];
  private readonly kept = new LRUCache<
    string,
    { value: unknown; refs: Set<string> }
  >({ max: KEPT_FOR_REFS });
  private readonly problemsByRef = new Map<string, OutageRoot>();
  private memos = new LRUCache<string, { value: unknown }>({
    max: QUERIES_KEPT,
  });
  private readonly selections = new LRUCache<string, SelectionState>({
    max: QUERIES_KEPT,
  });

  constructor(
    base: SummaryBase,
    private readonly view: CallerView,
    private readonly order: WorstFirstOrder<StatusSummaryEntity>,
    /** Which build of the base it was made from. */
    readonly build: number,
  ) {
    this.version = base.version;
    this.readAt = base.readAt;
    this.entities = [];
    for (const entry of base.entries)
      if (view.has(entry.entity.entityRef))
        this.entities.push(masked(entry, view));
    this.facets = summaryFacets(this.entities);
    for (const ref of base.outages.keys()) this.updateProblem(base, ref);
    this.rankProblems();
  }

  memo<T>(key: string, build: () => T): T {
    let kept = this.memos.get(key);
    if (!kept) this.memos.set(key, (kept = { value: build() }));
    return kept.value as T;
  }

  keptFor<T>(key: string, refs: () => Iterable<string>, build: () => T): T {
    let kept = this.kept.get(key);
    if (!kept)
      this.kept.set(key, (kept = { value: build(), refs: new Set(refs()) }));
    return kept.value as T;
  }

  selection<E>(
    key: string,
    define: (entities: StatusSummaryEntity[]) => SelectionDefinition<E>,
  ): Selection<E> {
    let kept = this.selections.get(key);
    if (!kept) {
      const { accepts, extra } = define(this.entities);
      const entities = this.entities.filter(accepts);
      kept = {
        accepts,
        extra,
        entities,
        counts: countSummaryLevels(entities),
        impacted: entities.filter(e => e.inherited !== 'operational').length,
      };
      this.selections.set(key, kept);
    }
    return kept as Selection<E>;
  }

  /** Follows the base to its current version, given the refs that changed since this one. */
  patch(base: SummaryBase, changed: ReadonlySet<string>): void {
    const added: StatusSummaryEntity[] = [];
    for (const ref of changed) {
      const entry = base.byRef.get(ref);
      if (entry && this.view.has(ref)) added.push(masked(entry, this.view));
    }
    this.entities = this.order.patched(this.entities, changed, added);
    if (base.readAt !== this.readAt) {
      // the catalog changed: the filters' values may have, and what the
      // selections' tests rest on (scopes, upstream closures)
      this.readAt = base.readAt;
      this.facets = summaryFacets(this.entities);
      this.selections.clear();
      this.kept.clear();
    }
    for (const [key, selection] of [...this.selections.entries()])
      this.selections.set(
        key,
        this.patchedSelection(selection, changed, added),
      );
    for (const [key, kept] of [...this.kept.entries()])
      for (const ref of changed)
        if (kept.refs.has(ref)) {
          this.kept.delete(key);
          break;
        }
    let problemsMoved = false;
    for (const ref of changed)
      problemsMoved = this.updateProblem(base, ref) || problemsMoved;
    if (problemsMoved) this.rankProblems();
    this.memos = new LRUCache({ max: QUERIES_KEPT });
    this.version = base.version;
  }

  /** A selection after a change: a new object, as a reader may still hold the last. */
  private patchedSelection(
    selection: SelectionState,
    changed: ReadonlySet<string>,
    added: StatusSummaryEntity[],
  ): SelectionState {
    const next = {
      ...selection,
      counts: { ...selection.counts },
    };
    const count = (entity: StatusSummaryEntity, by: number) => {
      next.counts[summaryEntityLevel(entity)] += by;
      if (entity.inherited !== 'operational') next.impacted += by;
    };
    const accepted = added.filter(selection.accepts);
    for (const entity of accepted) count(entity, 1);
    next.entities = this.order.patched(
      selection.entities,
      changed,
      accepted,
      gone => count(gone, -1),
    );
    return next;
  }

  /** Whether the view's problem of this ref changed. */
  private updateProblem(base: SummaryBase, ref: string): boolean {
    const outage = base.outages.get(ref);
    if (!outage || !this.view.has(ref)) {
      return this.problemsByRef.delete(ref);
    }
    this.problemsByRef.set(ref, {
      ...outage,
      impacted: outage.impacted.filter(r => this.view.has(r)),
    });
    return true;
  }

  private rankProblems() {
    this.problems = [...this.problemsByRef.values()].sort(problemOrder);
  }
}
