import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AlertSourceMatcher } from '@status-layer/plugin-status-node';
import {
  DEFAULT_HEALTH_RULES,
  dependencyEdges,
  EntityNameIndex,
  HealthGraph,
  HealthRules,
  IncidentSignal,
  LevelChange,
  NormalisedAlert,
  ownHealth,
  StatusAlert,
  OwnHealth,
  OutageLevel,
  PagerDutyDataPart,
  Signal,
  signalLevel,
  StatusAccountFreshness,
  StatusConfigurationProblem,
  StatusPartFreshness,
} from '@status-layer/plugin-status-common';
import {
  StatusStore,
  StoredIncident,
  StoredMaintenanceWindow,
  StoredService,
} from '../database';
import { addTo } from '../lib/addTo';
import { FreshnessRules } from './freshness';
import { PagerDutyFacts, serviceKey } from './PagerDutyFacts';
import { AlertIndex, RECENT_ALERTS_MS, UnmatchedQuery } from './AlertIndex';
import { TransitionRecorder } from './TransitionRecorder';
import { PagerDutyDependencies } from './pagerDutyDependencies';
import {
  EntitySummary,
  readCatalog,
  summariseEntity,
} from '../catalog/catalogSnapshot';

/** An alert's signal ID: fingerprints are unique only within their source. */
export const alertId = (a: { source: string; fingerprint: string }) =>
  `${a.source}:${a.fingerprint}`;

/** A PagerDuty incident as the health model sees it. */
const incidentSignal = (i: StoredIncident): IncidentSignal => ({
  kind: 'incident',
  id: i.id,
  title: i.title,
  urgency: i.urgency,
  priority: i.priority,
});

/**
 * Alerts are read again from a little before the last read: rows another
 * replica or a slow transaction wrote with an earlier time are not missed.
 */
const ALERT_READ_OVERLAP_MS = 2_000;

/**
 * Keeps the health of every catalog entity in memory: the dependency graph
 * from the catalog, own signals from the store, propagation on each change,
 * and every level change recorded as a transition.
 *
 * @internal
 */
export class StatusEngine {
  private readonly graph: HealthGraph;
  private entities = new Map<string, EntitySummary>();
  private entitiesByService = new Map<string, string[]>();
  private catalogProblems = new Map<string, StatusConfigurationProblem[]>();
  private ownSignatures = new Map<string, string>();
  private facts: PagerDutyFacts;
  private readonly alerts: AlertIndex;
  private readonly transitions: TransitionRecorder;
  private refreshQueue: Promise<unknown> = Promise.resolve();
  private waitingRefresh?: Promise<LevelChange[]>;
  private catalogLoadedAt?: Date;
  /** Counts the catalog reads that changed which entities exist. */
  private refsGeneration = 0;
  private refsGenerationAt?: Date;
  /** When the alerts were last read from the store (on this process's clock). */
  private alertsReadAt?: Date;
  /** What levels rested on from PagerDuty at the last refresh. */
  private pagerDutySignature?: string;
  private catalogSizes: number[] = [];
  private firstCatalogReadAt?: Date;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: StatusStore;
      logger: LoggerService;
      /** The configured PagerDuty accounts, by name. */
      accounts: string[];
      /** Alert sources' names for people, by id. */
      alertSourceTitles?: Map<string, string>;
      /** Each alert source's annotation matcher, by source id. */
      alertMatchers?: ReadonlyMap<string, AlertSourceMatcher>;
      /** After how long without a resend a firing alert of a source may have ended. */
      alertStaleAfterMs?: (source: string) => number | undefined;
      /** Called with the entities whose levels changed in a refresh. */
      onChanges?: (changes: LevelChange[]) => void;
      /** Called after each read of the catalog (entities or permissions may have changed). */
      onCatalogRead?: () => void;
      rules?: HealthRules;
      /** How often the sync runs (60 s by default). */
      syncIntervalMs?: number;
      /**
       * A part of the PagerDuty data is stale after this many failed syncs
       * in a row, or when its last success is older than this many sync
       * intervals and one more (3 by default).
       */
      staleAfterMissedSyncs?: number;
      /** PagerDuty's service graph, compared with the catalog's and, with `use`, part of it. */
      pagerDutyDependencies?: PagerDutyDependencies;
      now?: () => Date;
    },
  ) {
    this.graph = new HealthGraph(options.rules ?? DEFAULT_HEALTH_RULES);
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
  }

  get ready(): boolean {
    return this.catalogLoadedAt !== undefined;
  }

  /**
   * Whether the catalog may still be ingesting: for two minutes after the
   * first read (an empty or half-processed catalog can look stable for a few
   * seconds), and after that until two reads in a row find as many entities.
   */
  get catalogSettling(): boolean {
    if (!this.firstCatalogReadAt) return true;
    if (this.now().getTime() - this.firstCatalogReadAt.getTime() < 120_000)
      return true;
    const [previous, last] = this.catalogSizes.slice(-2);
    return previous === undefined || previous !== last;
  }

  /** Reloads the catalog and rebuilds the dependency graph. */
  async refreshCatalog(): Promise<void> {
    const entities = await readCatalog(this.options.catalog, this.options.auth);
    const previous = this.entities;
    this.entities = new Map(
      entities.map(summariseEntity).map(summary => [summary.ref, summary]),
    );
    if (
      previous.size !== this.entities.size ||
      [...this.entities.keys()].some(ref => !previous.has(ref))
    ) {
      this.refsGeneration += 1;
      this.refsGenerationAt = this.now();
    }
    this.catalogSizes = [...this.catalogSizes.slice(-1), this.entities.size];
    this.firstCatalogReadAt ??= this.now();
    this.entitiesByService = new Map();
    for (const entity of this.entities.values()) {
      for (const id of entity.pagerDutyServiceIds) {
        addTo(
          this.entitiesByService,
          serviceKey(entity.pagerDutyAccount, id),
          entity.ref,
        );
      }
    }
    this.alerts.setEntities(
      this.entities.values(),
      (account, id) =>
        this.entitiesByService.get(serviceKey(account, id)) ?? [],
    );
    const { edges, problems } = dependencyEdges(entities);
    this.catalogProblems = problems;
    // PagerDuty's graph is read with the catalog: it changes as rarely
    this.graph.setDependencies(
      (await this.options.pagerDutyDependencies?.edgesFor(
        edges,
        key => this.entitiesByService.get(key) ?? [],
      )) ?? edges,
    );
    this.ownSignatures.clear();
    this.catalogLoadedAt = this.now();
    this.options.onCatalogRead?.();
    await this.refreshSignals();
    this.options.logger.info(
      `Status engine: ${this.entities.size} entities, ${edges.length} dependency edges`,
    );
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
    const { store, accounts } = this.options;
    const readAt = new Date();
    const [facts, , alerts] = await Promise.all([
      PagerDutyFacts.read(store, accounts, () => this.freshnessRules()),
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
    this.facts = facts;
    // when nothing PagerDuty-side changed, only the entities whose alerts
    // changed are looked at again
    const pagerDutySignature = facts.signature();
    const everything =
      pagerDutySignature !== this.pagerDutySignature ||
      this.ownSignatures.size === 0;
    this.pagerDutySignature = pagerDutySignature;
    const toCheck = everything
      ? this.entities.values()
      : [...touchedByAlerts]
          .map(ref => this.entities.get(ref))
          .filter((e): e is EntitySummary => e !== undefined);

    const changes: LevelChange[] = [];
    for (const entity of toCheck) {
      const account = entity.pagerDutyAccount;
      const keys = facts.serviceKeysOf(entity);
      const alertsHere = this.alerts.firingOf(entity.ref);
      const signals: Signal[] = [
        ...keys.flatMap(key =>
          (facts.incidentsByService.get(key) ?? []).map(incidentSignal),
        ),
        ...alertsHere.map(a => ({
          kind: 'alert' as const,
          id: alertId(a),
          title: a.title,
          severity: a.severity,
        })),
      ];
      const monitoring = this.monitoringOf(entity);
      const health: OwnHealth = ownHealth(
        {
          monitored: monitoring.pagerDuty || monitoring.alerts,
          signals,
          underMaintenance: keys.some(key => facts.inMaintenance.has(key)),
          // an entity's level rests on its account's incidents
          stale: keys.length > 0 && facts.incidentsStale(account),
        },
        this.options.rules,
      );
      const signature = JSON.stringify([
        health.level,
        health.reasons.map(r => `${r.signal.id}:${r.level}`),
      ]);
      if (this.ownSignatures.get(entity.ref) === signature) continue;
      this.ownSignatures.set(entity.ref, signature);
      changes.push(...this.graph.setOwn(entity.ref, health));
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
        this.alerts.isWatched(entity.ref) ||
        Object.keys(entity.alertMatchers).length > 0,
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

  /** How PagerDuty's service graph and the catalog differ, as of the last catalog read. */
  dependencyDifferences() {
    const graph = this.options.pagerDutyDependencies;
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
    return this.refsGeneration;
  }

  /** When the catalog read that made the current {@link StatusEngine.catalogGeneration} was done. */
  get catalogGenerationAt(): Date | undefined {
    return this.refsGenerationAt;
  }

  /** Every entity the engine knows from the catalog. */
  allEntities(): IterableIterator<EntitySummary> {
    return this.entities.values();
  }

  /** Every open incident, with the entities its service maps to. */
  allOpenIncidents(): { incident: StoredIncident; entityRefs: string[] }[] {
    return this.facts.openIncidents.map(incident => ({
      incident,
      entityRefs:
        this.entitiesByService.get(
          serviceKey(incident.account, incident.serviceId),
        ) ?? [],
    }));
  }

  /** The entities an incident's service maps to. */
  entitiesOfIncident(incident: StoredIncident): string[] {
    return (
      this.entitiesByService.get(
        serviceKey(incident.account, incident.serviceId),
      ) ?? []
    );
  }

  /** The entities impacted by this one (its blast radius). */
  impactedBy(ref: string): string[] {
    return this.graph.impacted(ref);
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
      ...(this.catalogProblems.get(ref) ?? []),
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
            window.serviceIds.flatMap(
              id => this.entitiesByService.get(serviceKey(account, id)) ?? [],
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

  /**
   * How fresh each account is. `stale` and `lastSuccessAt` speak for the
   * stalest configured account, so one failing account is never hidden.
   */
  freshness() {
    const accounts = this.options.accounts.map(a => this.accountFreshness(a));
    const oldest = accounts
      .map(a => a.lastSuccessAt)
      .sort((a, b) => (a ? Date.parse(a) : 0) - (b ? Date.parse(b) : 0))[0];
    return {
      accounts,
      stale: accounts.some(a => a.stale),
      lastSuccessAt: oldest ?? null,
      catalogLoadedAt: this.catalogLoadedAt,
    };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
