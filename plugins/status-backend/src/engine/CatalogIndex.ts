import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AlertAnnotationCheck,
  DependencyEdge,
  dependencyEdges,
  StatusConfigurationProblem,
} from '@status-layer/plugin-status-common';
import {
  EntitySummary,
  ListedEntity,
  summariseEntity,
} from '../catalog/catalogSnapshot';
import { addTo } from '../lib/addTo';
import { serviceKey } from './PagerDutyFacts';

/** An empty or half-processed catalog can look stable for a few seconds after the first read. */
const SETTLING_MS = 120_000;

/** Past this share of the catalog changed in one read, building everything again costs less. */
const FULL_BUILD_SHARE = 0.25;

/**
 * What one catalog read changed: the engine applies it to its graph, its
 * alert matching and its own-health checks.
 *
 * @internal
 */
export type CatalogDelta = {
  /** Everything was taken again: what is built from the catalog is built again. */
  full: boolean;
  /** The entities added or changed (every entity when `full`). */
  changed: EntitySummary[];
  /** The refs gone from the catalog. */
  removed: string[];
  /** The dependency edges of the changed entities (every edge when `full`). */
  edges: DependencyEdge[];
  /** Whether what ties alerts to entities may have changed: names, titles, annotations, services. */
  matchingChanged: boolean;
};

/**
 * What a listing of the catalog asks to read: everything, or the entities
 * new or changed since the last read (with the refs gone).
 *
 * @internal
 */
export type CatalogReadPlan =
  | { full: true }
  | { full: false; read: string[]; removed: string[] };

/** What of an entity the alert mapper reads, to tell whether it changed. */
const matchingOf = (e: EntitySummary) =>
  JSON.stringify([
    e.kind,
    e.name,
    e.title,
    e.pagerDutyAccount,
    e.pagerDutyServiceIds,
    e.integrationKey,
    e.annotations,
  ]);

/**
 * What tells that an entity changed: the catalog's `metadata.etag`, which
 * its stitching sets to a hash of the whole entity, relations included;
 * the entity itself where a catalog leaves it out.
 */
const fingerprintOf = (entity: Entity) =>
  entity.metadata.etag ?? JSON.stringify(entity);

/**
 * The catalog as the engine last read it: its entities by ref and by
 * PagerDuty service, their dependency edges and annotation problems, and
 * whether the set of refs is still changing. Each refresh lists the
 * catalog's refs and etags first and compares them with the last read, so
 * that only the entities that changed are read and applied.
 *
 * @internal
 */
export class CatalogIndex {
  private byRef = new Map<string, EntitySummary>();
  private byService = new Map<string, string[]>();
  private fingerprints = new Map<string, string>();
  private edgesOf = new Map<string, DependencyEdge[]>();
  private problems = new Map<string, StatusConfigurationProblem[]>();
  private refsGeneration = 0;
  private refsGenerationAt?: Date;
  private sizes: number[] = [];
  private firstReadAt?: Date;

  constructor(private readonly now: () => Date) {}

  /**
   * Compares a listing of the catalog with the last read: which entities to
   * read (new ones, those whose etag changed, those without one) and which
   * are gone; or everything, with `full`, on the first read, or when much
   * changed. Undefined when nothing did.
   */
  plan(
    listed: ListedEntity[],
    options: { full: boolean },
  ): CatalogReadPlan | undefined {
    this.sizes = [...this.sizes.slice(-1), listed.length];
    this.firstReadAt ??= this.now();
    if (options.full || this.byRef.size === 0) return { full: true };
    const read: string[] = [];
    let known = 0;
    let changed = 0;
    for (const { ref, etag } of listed) {
      const fingerprint = this.fingerprints.get(ref);
      if (fingerprint !== undefined) known += 1;
      // without an etag, only the entity itself tells: it is read and compared
      if (etag === undefined) read.push(ref);
      else if (fingerprint !== etag) {
        read.push(ref);
        changed += 1;
      }
    }
    // refs gone are looked for only when some are
    const removed =
      known < this.byRef.size ? this.goneFrom(listed) : ([] as string[]);
    if (changed + removed.length > this.byRef.size * FULL_BUILD_SHARE)
      return { full: true };
    if (!read.length && !removed.length) return undefined;
    return { full: false, read, removed };
  }

  private goneFrom(listed: ListedEntity[]): string[] {
    const seen = new Set(listed.map(e => e.ref));
    return [...this.byRef.keys()].filter(ref => !seen.has(ref));
  }

  /** Takes the whole catalog, read after a plan said `full`: everything is built again. */
  replace(
    entities: Entity[],
    checks: readonly AlertAnnotationCheck[],
  ): CatalogDelta {
    const summaries = entities.map(e => summariseEntity(e, checks));
    const added = summaries.some(e => !this.byRef.has(e.ref));
    // with none added, as many refs as before are the same refs
    const refsChanged = added || summaries.length !== this.byRef.size;
    this.byRef = new Map(summaries.map(e => [e.ref, e]));
    this.byService = new Map();
    for (const entity of summaries) this.indexServices(entity);
    this.fingerprints = new Map(
      entities.map(e => [stringifyEntityRef(e), fingerprintOf(e)]),
    );
    const { edges, problems } = dependencyEdges(entities);
    this.problems = problems;
    this.edgesOf = new Map();
    for (const edge of edges) addTo(this.edgesOf, edge.dependent, edge);
    if (refsChanged) this.nextGeneration();
    return {
      full: true,
      changed: summaries,
      removed: [],
      edges,
      matchingChanged: true,
    };
  }

  /**
   * Takes the entities a plan said to read, and the refs it found gone.
   * Undefined when those read are as they were (entities without an etag,
   * compared whole) and none are gone.
   */
  update(
    read: Entity[],
    removed: string[],
    checks: readonly AlertAnnotationCheck[],
  ): CatalogDelta | undefined {
    const entities = read.filter(
      e => this.fingerprints.get(stringifyEntityRef(e)) !== fingerprintOf(e),
    );
    if (!entities.length && !removed.length) return undefined;
    let matchingChanged = removed.length > 0;
    let added = false;
    const changed: EntitySummary[] = [];
    for (const ref of removed) {
      const gone = this.byRef.get(ref);
      if (!gone) continue;
      this.unindexServices(gone);
      this.byRef.delete(ref);
      this.fingerprints.delete(ref);
      this.edgesOf.delete(ref);
      this.problems.delete(ref);
    }
    for (const entity of entities) {
      const summary = summariseEntity(entity, checks);
      const previous = this.byRef.get(summary.ref);
      if (previous) this.unindexServices(previous);
      else added = true;
      matchingChanged ||=
        !previous || matchingOf(previous) !== matchingOf(summary);
      this.byRef.set(summary.ref, summary);
      this.indexServices(summary);
      this.fingerprints.set(summary.ref, fingerprintOf(entity));
      this.edgesOf.delete(summary.ref);
      this.problems.delete(summary.ref);
      changed.push(summary);
    }
    const { edges, problems } = dependencyEdges(entities);
    for (const edge of edges) addTo(this.edgesOf, edge.dependent, edge);
    for (const [ref, list] of problems) this.problems.set(ref, list);
    if (added || removed.length) this.nextGeneration();
    return { full: false, changed, removed, edges, matchingChanged };
  }

  private nextGeneration() {
    this.refsGeneration += 1;
    this.refsGenerationAt = this.now();
  }

  private indexServices(entity: EntitySummary) {
    for (const id of entity.pagerDutyServiceIds)
      addTo(
        this.byService,
        serviceKey(entity.pagerDutyAccount, id),
        entity.ref,
      );
  }

  private unindexServices(entity: EntitySummary) {
    for (const id of entity.pagerDutyServiceIds) {
      const key = serviceKey(entity.pagerDutyAccount, id);
      const refs = this.byService.get(key)?.filter(ref => ref !== entity.ref);
      if (refs?.length) this.byService.set(key, refs);
      else this.byService.delete(key);
    }
  }

  get(ref: string): EntitySummary | undefined {
    return this.byRef.get(ref);
  }

  values(): IterableIterator<EntitySummary> {
    return this.byRef.values();
  }

  get size(): number {
    return this.byRef.size;
  }

  /** Every dependency edge the catalog's relations make. */
  allEdges(): DependencyEdge[] {
    return [...this.edgesOf.values()].flat();
  }

  /** The problems of an entity's critical-dependency annotation. */
  dependencyProblemsOf(ref: string): StatusConfigurationProblem[] {
    return this.problems.get(ref) ?? [];
  }

  /** The entities a PagerDuty service maps to, by its key (`serviceKey`). */
  entitiesOfServiceKey(key: string): string[] {
    return this.byService.get(key) ?? [];
  }

  /** The entities a PagerDuty service of an account maps to. */
  entitiesOfService(account: string, id: string): string[] {
    return this.entitiesOfServiceKey(serviceKey(account, id));
  }

  /** Counts the reads that added or removed an entity (not those that re-read the same ones). */
  get generation(): number {
    return this.refsGeneration;
  }

  /** When the read that made the current generation was done. */
  get generationAt(): Date | undefined {
    return this.refsGenerationAt;
  }

  /**
   * Whether the catalog may still be ingesting: for two minutes after the
   * first read, and after that until two reads in a row find as many entities.
   */
  get settling(): boolean {
    if (!this.firstReadAt) return true;
    if (this.now().getTime() - this.firstReadAt.getTime() < SETTLING_MS)
      return true;
    const [previous, last] = this.sizes.slice(-2);
    return previous === undefined || previous !== last;
  }
}
