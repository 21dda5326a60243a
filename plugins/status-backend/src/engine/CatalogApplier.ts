import { performance } from 'node:perf_hooks';
import { LevelChange } from '@status-layer/plugin-status-common';
import { listCatalog, readCatalog } from '../catalog/catalogSnapshot';
import { CatalogDelta } from './CatalogIndex';
import { EngineState } from './engineState';
import { StatusEngineOptions } from './StatusEngineOptions';

/** How often a catalog read builds everything again, as a check on the reads that apply a difference. */
export const FULL_BUILD_EVERY_MS = 60 * 60_000;

/**
 * Reads the catalog into the engine's state: the first read, a periodic
 * check and reads with PagerDuty's graph in use build everything; the others
 * list the catalog's refs and etags, read only the entities that changed,
 * and apply what changed since the read before (the edges of changed entities,
 * the walks that cross them, which entities' own health to look at again).
 *
 * @internal
 */
export class CatalogApplier {
  /** When the catalog was last read. */
  loadedAt?: Date;
  /** When a read last changed something. */
  changedAt?: Date;
  /** When everything was last built from the catalog. */
  private fullBuildAt?: Date;
  /** What the last read spent waiting for the catalog: its listing, and reading the entities it asked for. */
  lastReadMs = { listing: 0, reading: 0 };

  constructor(
    private readonly state: EngineState,
    private readonly options: StatusEngineOptions,
    private readonly now: () => Date,
  ) {}

  /** Reads the catalog and applies it; true when something changed. */
  async readAndApply(): Promise<boolean> {
    const { options, state } = this;
    const listingStart = performance.now();
    const listed = await listCatalog(options.catalog, options.auth);
    this.lastReadMs = { listing: performance.now() - listingStart, reading: 0 };
    const readAt = this.now();
    const full =
      options.pagerDutyDependencies?.mode === 'use' ||
      !this.fullBuildAt ||
      readAt.getTime() - this.fullBuildAt.getTime() >= FULL_BUILD_EVERY_MS;
    const checks = [...(options.alertMatchers?.values() ?? [])];
    const plan = state.entities.plan(listed, { full });
    let delta: CatalogDelta | undefined;
    if (plan) {
      const readingStart = performance.now();
      const read = await readCatalog(
        options.catalog,
        options.auth,
        plan.full ? undefined : plan.read,
      );
      this.lastReadMs.reading = performance.now() - readingStart;
      delta = plan.full
        ? state.entities.replace(read, checks)
        : state.entities.update(read, plan.removed, checks);
    }
    this.loadedAt = readAt;
    if (!delta) return false;
    if (delta.full) await this.build(delta);
    else await this.applyDelta(delta);
    this.changedAt = readAt;
    return true;
  }

  private async build(delta: CatalogDelta) {
    const { entities, graph, ownSignatures } = this.state;
    this.state.alerts.setEntities(entities.values(), (account, id) =>
      entities.entitiesOfService(account, id),
    );
    // PagerDuty's graph is read with the catalog: it changes as rarely
    graph.setDependencies(
      (await this.options.pagerDutyDependencies?.edgesFor(delta.edges, key =>
        entities.entitiesOfServiceKey(key),
      )) ?? delta.edges,
    );
    ownSignatures.clear();
    this.fullBuildAt = this.loadedAt;
    this.options.logger.info(
      `Status engine: ${entities.size} entities, ${delta.edges.length} dependency edges`,
    );
  }

  private async applyDelta(delta: CatalogDelta) {
    const { graph, ownSignatures, pendingChecks } = this.state;
    const changes: LevelChange[] = [];
    const touched = new Set<string>();
    for (const ref of delta.removed) {
      ownSignatures.delete(ref);
      const forgotten = graph.forgetOwn(ref);
      changes.push(...forgotten.changes);
      for (const r of forgotten.touched) touched.add(r);
    }
    const changedRefs = delta.changed.map(e => e.ref);
    const touchedByAlerts = delta.matchingChanged
      ? this.state.alerts.updateEntities(delta.changed, delta.removed)
      : new Set<string>();
    const moved = graph.replaceDependencies(
      [...changedRefs, ...delta.removed],
      delta.edges,
    );
    changes.push(...moved.changes);
    for (const ref of changedRefs) {
      ownSignatures.delete(ref);
      pendingChecks.add(ref);
    }
    for (const ref of touchedByAlerts) pendingChecks.add(ref);
    for (const ref of [...moved.touched, ...changedRefs]) touched.add(ref);
    this.state.changeLog.record(touched);
    await this.state.transitions.record(changes);
    if (changes.length) this.options.onChanges?.(changes);
  }
}
