import {
  DEFAULT_HEALTH_RULES,
  EntityNameIndex,
  HealthGraph,
  LevelChange,
  NormalisedAlert,
  StatusAlert,
  OutageLevel,
  PagerDutyDataPart,
  signalLevel,
  StatusAccountFreshness,
  StatusConfigurationProblem,
  StatusPartFreshness,
} from '@status-layer/plugin-status-common';
import {
  StoredIncident,
  StoredMaintenanceWindow,
  StoredService,
} from '../database';
import { FreshnessRules, overallFreshness } from './freshness';
import { PagerDutyFacts } from './PagerDutyFacts';
import { PagerDutyFactsReader } from './PagerDutyFactsReader';
import { ChangeLog } from './ChangeLog';
import { CatalogDelta, CatalogIndex } from './CatalogIndex';
import { applyOwnHealth, incidentSignal, ownHealthOf } from './ownSignals';
import { AlertIndex, RECENT_ALERTS_MS, UnmatchedQuery } from './AlertIndex';
import { TransitionRecorder } from './TransitionRecorder';
import { StatusEngineOptions } from './StatusEngineOptions';
import { EntitySummary, readCatalog } from '../catalog/catalogSnapshot';

/**
 * Alerts are read again from a little before the last read: rows another
 * replica or a slow transaction wrote with an earlier time are not missed.
 */
const ALERT_READ_OVERLAP_MS = 2_000;

/** How often a catalog read builds everything again, as a check on the reads that apply a difference. */
export const FULL_BUILD_EVERY_MS = 60 * 60_000;

/**
 * Keeps the health of every catalog entity in memory: the dependency graph
 * from the catalog, own signals from the store, propagation on each change,
 * and every level change recorded as a transition.
 *
 * @internal
 */
export class StatusEngine {
  private readonly graph: HealthGraph;
  private readonly entities: CatalogIndex;
  private ownSignatures = new Map<string, string>();
  private facts: PagerDutyFacts;
  private readonly alerts: AlertIndex;
  private readonly transitions: TransitionRecorder;
  private refreshQueue: Promise<unknown> = Promise.resolve();
  private catalogQueue: Promise<unknown> = Promise.resolve();
  private waitingRefresh?: Promise<LevelChange[]>;
  /** When the catalog was last read. */
  private catalogLoadedAt?: Date;
  /** When a catalog read last changed something. */
  private lastCatalogChangeAt?: Date;
  /** When everything was last built from the catalog. */
  private fullBuildAt?: Date;
  /** Entities whose own health the next refresh looks at again, whatever else changed. */
  private pendingChecks = new Set<string>();
  /** When the alerts were last read from the store (on this process's clock). */
  private alertsReadAt?: Date;
  private readonly factsReader: PagerDutyFactsReader;
  /** Versions of what entities show, with the entities each touched. */
  private readonly changeLog = new ChangeLog();

  constructor(private readonly options: StatusEngineOptions) {
    this.graph = new HealthGraph(options.rules ?? DEFAULT_HEALTH_RULES);
    this.entities = new CatalogIndex(() => this.now());
    this.alerts = new AlertIndex({
      sourceTitles: options.alertSourceTitles,
      matchers: options.alertMatchers,
      staleAfterMs: options.alertStaleAfterMs,
      now: () => this.now(),
    });
    this.transitions = new TransitionRecorder(options.store, this.graph, () =>
      this.now(),
    );
    this.facts = PagerDutyFacts.empty(options.accounts, () =>
      this.freshnessRules(),
    );
    this.factsReader = new PagerDutyFactsReader(
      options.store,
      options.accounts,
      () => this.freshnessRules(),
    );
  }

  get ready(): boolean {
    return this.catalogLoadedAt !== undefined;
  }

  /** Whether the catalog may still be ingesting (see {@link CatalogIndex.settling}). */
  get catalogSettling(): boolean {
    return this.entities.settling;
  }

  /**
   * Reads the catalog and applies what changed since the last read: the
   * edges of changed entities, the walks that cross them, their own health.
   * Everything is built again on the first read, when much changed, with
   * PagerDuty's graph in use, and once every {@link FULL_BUILD_EVERY_MS} as a check.
   */
  refreshCatalog(): Promise<void> {
    // one read is applied at a time: each compares with the one before
    const run = this.catalogQueue.then(() => this.refreshCatalogNow());
    this.catalogQueue = run.catch(() => undefined);
    return run;
  }

  private async refreshCatalogNow(): Promise<void> {
    const entities = await readCatalog(this.options.catalog, this.options.auth);
    const readAt = this.now();
    const full =
      this.options.pagerDutyDependencies?.mode === 'use' ||
      !this.fullBuildAt ||
      readAt.getTime() - this.fullBuildAt.getTime() >= FULL_BUILD_EVERY_MS;
    const checks = [...(this.options.alertMatchers?.values() ?? [])];
    const delta = this.entities.apply(entities, checks, { full });
    this.catalogLoadedAt = readAt;
    if (!delta) return;
    if (delta.full) await this.buildFromCatalog(delta);
    else await this.applyCatalogDelta(delta);
    this.lastCatalogChangeAt = readAt;
    this.options.onCatalogChange?.();
    await this.refreshSignals();
  }

  private async buildFromCatalog(delta: CatalogDelta) {
    this.alerts.setEntities(this.entities.values(), (account, id) =>
      this.entities.entitiesOfService(account, id),
    );
    // PagerDuty's graph is read with the catalog: it changes as rarely
    this.graph.setDependencies(
      (await this.options.pagerDutyDependencies?.edgesFor(delta.edges, key =>
        this.entities.entitiesOfServiceKey(key),
      )) ?? delta.edges,
    );
    this.ownSignatures.clear();
    this.fullBuildAt = this.catalogLoadedAt;
    this.options.logger.info(
      `Status engine: ${this.entities.size} entities, ${delta.edges.length} dependency edges`,
    );
  }

  private async applyCatalogDelta(delta: CatalogDelta) {
    const changes: LevelChange[] = [];
    const touched = new Set<string>();
    for (const ref of delta.removed) {
      this.ownSignatures.delete(ref);
      const forgotten = this.graph.forgetOwn(ref);
      changes.push(...forgotten.changes);
      for (const r of forgotten.touched) touched.add(r);
    }
    const changedRefs = delta.changed.map(e => e.ref);
    const touchedByAlerts = delta.matchingChanged
      ? this.alerts.setEntities(this.entities.values(), (account, id) =>
          this.entities.entitiesOfService(account, id),
        )
      : new Set<string>();
    const moved = this.graph.replaceDependencies(
      [...changedRefs, ...delta.removed],
      delta.edges,
    );
    changes.push(...moved.changes);
    for (const ref of changedRefs) {
      this.ownSignatures.delete(ref);
      this.pendingChecks.add(ref);
    }
    for (const ref of touchedByAlerts) this.pendingChecks.add(ref);
    for (const ref of [...moved.touched, ...changedRefs]) touched.add(ref);
    this.changeLog.record(touched);
    await this.transitions.record(changes);
    if (changes.length) this.options.onChanges?.(changes);
  }

  /**
   * Re-reads signals from the store, propagates what changed, and records the
   * transitions. One refresh runs at a time; calls made meanwhile share the
   * next one, so a burst of webhooks costs two refreshes, not one each.
   */
  refreshSignals(): Promise<LevelChange[]> {
    if (this.waitingRefresh) return this.waitingRefresh;
    const run = this.refreshQueue.then(() => {
      this.waitingRefresh = undefined;
      return this.refreshSignalsNow();
    });
    this.waitingRefresh = run;
    this.refreshQueue = run.catch(() => undefined);
    return run;
  }

  private async refreshSignalsNow(): Promise<LevelChange[]> {
    const { store } = this.options;
    const readAt = new Date();
    const [facts, , alerts] = await Promise.all([
      this.factsReader.read(),
      this.transitions.load(),
      // the alerts that changed since the last read; all of them the first time
      this.alertsReadAt
        ? store.alerts.listChangedSince(
            new Date(this.alertsReadAt.getTime() - ALERT_READ_OVERLAP_MS),
          )
        : store.alerts.listAlerts({
            // recently resolved alerts still show which entities a tool watches
            includeResolvedSince: new Date(
              this.now().getTime() - RECENT_ALERTS_MS,
            ),
          }),
    ]);
    const touchedByAlerts = this.alerts.apply(alerts);
    this.alertsReadAt = readAt;
    const previous = this.facts;
    this.facts = facts;
    // only the entities of services whose facts changed, and those whose
    // alerts did, are looked at again; all of them after a catalog read or
    // when an account's freshness changed
    const changedKeys =
      this.ownSignatures.size === 0
        ? undefined
        : facts.changedServiceKeys(previous);
    const pending = this.pendingChecks;
    this.pendingChecks = new Set();
    const toCheck = changedKeys
      ? [
          ...new Set([
            ...pending,
            ...touchedByAlerts,
            ...[...changedKeys].flatMap(key =>
              this.entities.entitiesOfServiceKey(key),
            ),
          ]),
        ]
          .map(ref => this.entities.get(ref))
          .filter((e): e is EntitySummary => e !== undefined)
      : this.entities.values();

    const { changes, ownChanged, touched } = applyOwnHealth({
      entities: toCheck,
      graph: this.graph,
      signatures: this.ownSignatures,
      // every entity is looked at: the touched ones are all of them
      trackTouched: changedKeys !== undefined,
      healthOf: entity => {
        const monitoring = this.monitoringOf(entity);
        return ownHealthOf(entity, {
          facts,
          alerts: this.alerts,
          monitored: monitoring.pagerDuty || monitoring.alerts,
          rules: this.options.rules,
        });
      },
    });
    // what summaries are built from: levels, root causes, own signals,
    // the services PagerDuty has (misconfiguration)
    if (ownChanged || !changedKeys || changedKeys.size) {
      this.changeLog.record(changedKeys ? touched : undefined);
    }
    await this.transitions.record(changes);
    if (changes.length) this.options.onChanges?.(changes);
    return changes;
  }

  /**
   * What watches an entity: PagerDuty, through services of its annotations
   * that PagerDuty has; monitoring tools, through annotations that tie their
   * alerts to it or alerts seen lately. Monitored when either does.
   */
  monitoringOf(entity: EntitySummary): { pagerDuty: boolean; alerts: boolean } {
    return {
      pagerDuty: this.facts.serviceKeysOf(entity).length > 0,
      alerts:
        this.alerts.isWatched(entity.ref) || entity.alertAnnotations.length > 0,
    };
  }

  /** The PagerDuty services an entity's annotations name that cannot be read, and why. */
  unknownServicesOf(ref: string) {
    return this.facts.unknownServicesOf(this.entities.get(ref));
  }

  /** The catalog's entities by the words of their names and titles. */
  get entityNames(): EntityNameIndex {
    return this.alerts.names;
  }

  /**
   * How PagerDuty's service graph and the catalog differ: compared when
   * asked after either changed (an SRE's page, not worth a second of every
   * catalog change).
   */
  async dependencyDifferences() {
    const graph = this.options.pagerDutyDependencies;
    await graph?.compareIfChanged(
      () => this.entities.allEdges(),
      key => this.entities.entitiesOfServiceKey(key),
      this.lastCatalogChangeAt,
    );
    return {
      mode: graph?.mode ?? ('off' as const),
      ...(graph?.differences ?? { pagerDutyOnly: [], catalogOnly: [] }),
    };
  }

  /** Firing alerts tied to an entity, as the API shows them. */
  alertsOf(ref: string): StatusAlert[] {
    return this.alerts.of(ref);
  }

  /** A page of the firing alerts that match no entity, for SREs to map. */
  unmatched(query: UnmatchedQuery) {
    return this.alerts.unmatched(query);
  }

  /** The entities an alert maps to, and by which rule. */
  matchAlert(alert: NormalisedAlert) {
    return this.alerts.match(alert);
  }

  /** PagerDuty's own alerts under an incident, as last synchronised. */
  pagerDutyAlertsOf(incident: StoredIncident): StatusAlert[] {
    return this.alerts.ofIncident(incident);
  }

  /** The level an incident raises its entity to, under the configured rules. */
  incidentLevel(incident: StoredIncident): OutageLevel {
    return signalLevel(
      incidentSignal(incident),
      this.options.rules ?? DEFAULT_HEALTH_RULES,
    );
  }

  /**
   * Changes whenever a catalog read adds or removes an entity (not when it
   * only re-reads the same ones): what depends on the set of refs can tell
   * whether to look again.
   */
  get catalogGeneration(): number {
    return this.entities.generation;
  }

  /** When the catalog read that made the current {@link StatusEngine.catalogGeneration} was done. */
  get catalogGenerationAt(): Date | undefined {
    return this.entities.generationAt;
  }

  /** Every entity the engine knows from the catalog. */
  allEntities(): IterableIterator<EntitySummary> {
    return this.entities.values();
  }

  /** Every open incident, with the entities its service maps to. */
  allOpenIncidents(): { incident: StoredIncident; entityRefs: string[] }[] {
    return this.facts.openIncidents.map(incident => ({
      incident,
      entityRefs: this.entitiesOfIncident(incident),
    }));
  }

  /** The entities an incident's service maps to. */
  entitiesOfIncident(incident: StoredIncident): string[] {
    return this.entitiesOfService(incident.account, incident.serviceId);
  }

  /** The entities a PagerDuty service maps to. */
  entitiesOfService(account: string, serviceId: string): string[] {
    return this.entities.entitiesOfService(account, serviceId);
  }

  /** The entities impacted by this one (its blast radius). */
  impactedBy(ref: string): string[] {
    return this.graph.impacted(ref);
  }

  /** The entities whose own level passes something on to dependents (see {@link HealthGraph.impactingRoots}). */
  *impactingRoots(): IterableIterator<string> {
    // an entity gone from the catalog keeps no place among them
    for (const ref of this.graph.impactingRoots())
      if (this.entities.get(ref)) yield ref;
  }

  /**
   * Changes whenever a refresh may have changed what an entity shows (its
   * levels, root causes, signals, configuration problems) or the catalog was
   * read: what is built from the whole state is built again after it.
   */
  get version(): number {
    return this.changeLog.version;
  }

  /**
   * The entities whose look (levels, root causes, signals, configuration
   * problems) may have changed since `version`; undefined when that is not
   * known (everything may have, or `version` is too old): build again.
   */
  changedSince(version: number): ReadonlySet<string> | undefined {
    return this.changeLog.changedSince(version);
  }

  /** {@link HealthGraph.impactedSet}: an entity's blast radius, in no order. */
  impactedSetOf(ref: string): Set<string> {
    return this.graph.impactedSet(ref);
  }

  /**
   * When a catalog read last changed something (entities, their fields,
   * their relations): what is kept per catalog is built again after it.
   */
  get catalogChangedAt(): Date | undefined {
    return this.lastCatalogChangeAt;
  }

  /** Direct upstreams of an entity. */
  upstreamsOf(ref: string): string[] {
    return this.graph.upstreamsOf(ref).map(u => u.ref);
  }

  /** The entities that depend on this one directly. */
  directDependentsOf(ref: string): string[] {
    return this.graph.dependentsOf(ref).map(d => d.ref);
  }

  /** Every transitive dependent of an entity, impacted or not. */
  dependentsOf(ref: string): string[] {
    return this.graph.allDependents(ref);
  }

  rootCausesOf(ref: string) {
    return this.graph.rootCauses(ref);
  }

  /** A PagerDuty service as last synchronised. */
  service(account: string, id: string): StoredService | undefined {
    return this.facts.service(account, id);
  }

  entity(ref: string): EntitySummary | undefined {
    return this.entities.get(ref);
  }

  /** How texts name an entity: its title, else its name; undefined when unknown. */
  titleOf(ref: string): string | undefined {
    const entity = this.entities.get(ref);
    return entity?.title ?? entity?.name;
  }

  levels(ref: string) {
    return this.graph.get(ref);
  }

  /** Everything the HTTP API tells about one entity, before visibility filtering. */
  describe(ref: string, options: { upstreamDepth: number }) {
    const entity = this.entities.get(ref);
    const levels = this.graph.get(ref);
    const own = this.graph.ownHealth(ref);
    return {
      entity,
      levels,
      reasons: own.reasons,
      rootCauses: this.graph.rootCauses(ref),
      incidents: this.incidentsOf(ref),
      upstreams: this.graph.upstreamTree(ref, options.upstreamDepth),
      impacted: this.graph
        .impacted(ref)
        .map(r => ({ ref: r, levels: this.graph.get(r) })),
      problems: this.problemsOf(ref),
    };
  }

  /** What is wrong with an entity's configuration: its annotations, its dependencies, its PagerDuty services. */
  problemsOf(ref: string): StatusConfigurationProblem[] {
    const entity = this.entities.get(ref);
    return [
      ...(entity?.problems ?? []),
      ...this.entities.dependencyProblemsOf(ref),
      ...this.facts.problemsOf(entity),
    ];
  }

  /** Whether an entity's configuration has a problem: it is shown and counted as misconfigured while nothing worse holds. */
  isMisconfigured(ref: string): boolean {
    return this.problemsOf(ref).length > 0;
  }

  incidentsOf(ref: string): StoredIncident[] {
    const entity = this.entities.get(ref);
    return entity ? this.facts.incidentsOf(entity) : [];
  }

  /** Every ongoing and upcoming maintenance window, with the entities of its services. */
  allMaintenance(): {
    window: StoredMaintenanceWindow;
    entityRefs: string[];
  }[] {
    return this.facts
      .allMaintenance(this.now().getTime())
      .map(({ account, window }) => ({
        window,
        entityRefs: [
          ...new Set(
            window.serviceIds.flatMap(id =>
              this.entities.entitiesOfService(account, id),
            ),
          ),
        ],
      }));
  }

  /** The ongoing and upcoming maintenance windows of an entity's PagerDuty services. */
  maintenanceOf(ref: string): StoredMaintenanceWindow[] {
    const entity = this.entities.get(ref);
    return entity ? this.facts.maintenanceOf(entity, this.now().getTime()) : [];
  }

  /** How fresh one part of an account's data is, as the poll left it. */
  partFreshness(account: string, part: PagerDutyDataPart): StatusPartFreshness {
    return this.facts.partFreshness(account, part);
  }

  /** How fresh one PagerDuty account's data is, per part and per channel. */
  accountFreshness(account: string): StatusAccountFreshness {
    return this.facts.accountFreshness(account);
  }

  private freshnessRules(): FreshnessRules {
    return {
      now: this.now(),
      syncIntervalMs: this.options.syncIntervalMs,
      staleAfterMissedSyncs: this.options.staleAfterMissedSyncs,
    };
  }

  /** How fresh each account is, the stalest in front (see {@link overallFreshness}). */
  freshness() {
    return {
      ...overallFreshness(
        this.options.accounts.map(a => this.accountFreshness(a)),
      ),
      catalogLoadedAt: this.catalogLoadedAt,
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
