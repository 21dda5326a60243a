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
import { SignalRefresher } from './SignalRefresher';
import { EngineState } from './engineState';
import { ChangeLog } from './ChangeLog';
import { CatalogIndex } from './CatalogIndex';
import { CatalogApplier } from './CatalogApplier';
import { incidentSignal } from './ownSignals';
import { AlertIndex, UnmatchedQuery } from './AlertIndex';
import { TransitionRecorder } from './TransitionRecorder';
import { StatusEngineOptions } from './StatusEngineOptions';
import { EntitySummary } from '../catalog/catalogSnapshot';

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
  private readonly alerts: AlertIndex;
  private readonly transitions: TransitionRecorder;
  private catalogQueue: Promise<unknown> = Promise.resolve();
  private readonly catalog: CatalogApplier;
  private readonly signals: SignalRefresher;
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
    const state: EngineState = {
      graph: this.graph,
      entities: this.entities,
      alerts: this.alerts,
      changeLog: this.changeLog,
      transitions: this.transitions,
      ownSignatures: new Map(),
      pendingChecks: new Set(),
    };
    this.catalog = new CatalogApplier(state, options, () => this.now());
    this.signals = new SignalRefresher(state, options, {
      now: () => this.now(),
      freshnessRules: () => this.freshnessRules(),
    });
  }

  /** PagerDuty's facts as last read. */
  private get facts(): PagerDutyFacts {
    return this.signals.facts;
  }

  get ready(): boolean {
    return this.catalog.loadedAt !== undefined;
  }

  /** Whether the catalog may still be ingesting (see {@link CatalogIndex.settling}). */
  get catalogSettling(): boolean {
    return this.entities.settling;
  }

  /**
   * Reads the catalog and applies what changed since the last read (see
   * {@link CatalogApplier}), then refreshes the signals of what it changed.
   */
  refreshCatalog(): Promise<void> {
    // one read is applied at a time: each compares with the one before
    const run = this.catalogQueue.then(() => this.refreshCatalogNow());
    this.catalogQueue = run.catch(() => undefined);
    return run;
  }

  private async refreshCatalogNow(): Promise<void> {
    if (!(await this.catalog.readAndApply())) return;
    this.options.onCatalogChange?.();
    await this.refreshSignals();
  }

  /**
   * Re-reads signals from the store, propagates what changed, and records the
   * transitions (see {@link SignalRefresher}).
   */
  refreshSignals(): Promise<LevelChange[]> {
    return this.signals.refresh();
  }

  /**
   * What watches an entity: PagerDuty, through services of its annotations
   * that PagerDuty has; monitoring tools, through annotations that tie their
   * alerts to it or alerts seen lately. Monitored when either does.
   */
  monitoringOf(entity: EntitySummary): { pagerDuty: boolean; alerts: boolean } {
    return this.signals.monitoringOf(entity);
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
      this.catalog.changedAt,
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

  /** What the last catalog refresh spent waiting for the catalog (listing, reading what changed), in milliseconds. */
  get catalogWaitMs(): { listing: number; reading: number } {
    return this.catalog.lastReadMs;
  }

  /**
   * When a catalog read last changed something (entities, their fields,
   * their relations): what is kept per catalog is built again after it.
   */
  get catalogChangedAt(): Date | undefined {
    return this.catalog.changedAt;
  }

  /** Direct upstreams of an entity. */
  upstreamsOf(ref: string): string[] {
    return this.graph.upstreamsOf(ref).map(u => u.ref);
  }

  /** The entities that depend on this one directly. */
  directDependentsOf(ref: string): string[] {
    return this.graph.dependentsOf(ref).map(d => d.ref);
  }

  /** Every transitive dependent of an entity, impacted or not, or the first `limit` found. */
  dependentsOf(ref: string, limit?: number): string[] {
    return this.graph.allDependents(ref, limit);
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
      catalogLoadedAt: this.catalog.loadedAt,
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
