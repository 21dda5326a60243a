import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_HEALTH_RULES,
  dependencyEdges,
  HealthGraph,
  HealthRules,
  LevelChange,
  ownHealth,
  OwnHealth,
  Signal,
  StatusConfigurationProblem,
} from '@internal/plugin-status-common';
import {
  SourceFreshness,
  StatusStore,
  StoredIncident,
  StoredService,
} from '../database';
import {
  MaintenanceWindowSummary,
  pagerDutySource,
} from '../pagerduty/PagerDutySync';
import { addTo } from './addTo';
import { EntitySummary, readCatalog, summariseEntity } from './catalogSnapshot';

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
  private openIncidents: StoredIncident[] = [];
  private services = new Map<string, StoredService>();
  private sources: SourceFreshness[] = [];
  private catalogLoadedAt?: Date;
  private catalogSizes: number[] = [];
  private firstCatalogReadAt?: Date;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: StatusStore;
      logger: LoggerService;
      account: string;
      maintenance: () => Promise<MaintenanceWindowSummary[]>;
      rules?: HealthRules;
      /** PagerDuty data older than this is not trusted (5 minutes by default). */
      staleAfterMs?: number;
      now?: () => Date;
    },
  ) {
    this.graph = new HealthGraph(options.rules ?? DEFAULT_HEALTH_RULES);
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
    this.entities = new Map(
      entities.map(summariseEntity).map(summary => [summary.ref, summary]),
    );
    this.catalogSizes = [...this.catalogSizes.slice(-1), this.entities.size];
    this.firstCatalogReadAt ??= this.now();
    this.entitiesByService = new Map();
    for (const entity of this.entities.values()) {
      for (const id of entity.pagerDutyServiceIds) {
        addTo(this.entitiesByService, id, entity.ref);
      }
    }
    const { edges, problems } = dependencyEdges(entities);
    this.catalogProblems = problems;
    this.graph.setDependencies(edges);
    this.ownSignatures.clear();
    this.catalogLoadedAt = this.now();
    await this.refreshSignals();
    this.options.logger.info(
      `Status engine: ${this.entities.size} entities, ${edges.length} dependency edges`,
    );
  }

  /** Re-reads signals from the store, propagates what changed, and records the transitions. */
  async refreshSignals(): Promise<LevelChange[]> {
    const { store, account } = this.options;
    const [incidents, services, sources, maintenance] = await Promise.all([
      store.listOpenIncidents(),
      store.listServices(account),
      store.listSources(),
      this.options.maintenance(),
    ]);
    this.openIncidents = incidents.filter(i => i.account === account);
    this.services = new Map(services.map(s => [s.id, s]));
    this.sources = sources;
    const stale = this.isStale();
    const inMaintenance = new Set(maintenance.flatMap(w => w.serviceIds));
    const incidentsByService = new Map<string, StoredIncident[]>();
    for (const incident of this.openIncidents) {
      addTo(incidentsByService, incident.serviceId, incident);
    }

    const changes: LevelChange[] = [];
    for (const entity of this.entities.values()) {
      const serviceIds = entity.pagerDutyServiceIds.filter(
        id => this.services.has(id) || !this.hasSynced(),
      );
      const signals: Signal[] = serviceIds.flatMap(id =>
        (incidentsByService.get(id) ?? []).map(i => ({
          kind: 'incident' as const,
          id: i.id,
          title: i.title,
          urgency: i.urgency,
          priority: i.priority,
        })),
      );
      const health: OwnHealth = ownHealth(
        {
          monitored: serviceIds.length > 0,
          signals,
          underMaintenance: serviceIds.some(id => inMaintenance.has(id)),
          stale,
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
    // An entity seen for the first time with nothing wrong is no transition worth a history row.
    const recorded = changes.filter(
      c =>
        !(
          c.from.own === undefined &&
          c.from.effective === 'operational' &&
          c.to.effective === 'operational'
        ),
    );
    if (recorded.length) {
      const at = this.now();
      await store.recordTransitions(
        recorded.map(change => ({
          entityRef: change.ref,
          ownFrom: change.from.own,
          ownTo: change.to.own,
          effectiveFrom: change.from.effective,
          effectiveTo: change.to.effective,
          at,
          reason: {
            signals: this.graph.ownHealth(change.ref).reasons.map(r => ({
              id: r.signal.id,
              title: r.signal.title,
              level: r.level,
            })),
            rootCauses: this.graph
              .rootCauses(change.ref)
              .map(c => ({ root: c.root, level: c.level, path: c.path })),
          },
        })),
      );
    }
    return changes;
  }

  /** Every entity the engine knows from the catalog. */
  allEntities(): IterableIterator<EntitySummary> {
    return this.entities.values();
  }

  /** Every open incident, with the entities its service maps to. */
  allOpenIncidents(): { incident: StoredIncident; entityRefs: string[] }[] {
    return this.openIncidents.map(incident => ({
      incident,
      entityRefs: this.entitiesByService.get(incident.serviceId) ?? [],
    }));
  }

  /** The entities impacted by this one (its blast radius). */
  impactedBy(ref: string): string[] {
    return this.graph.impacted(ref);
  }

  rootCausesOf(ref: string) {
    return this.graph.rootCauses(ref);
  }

  /** A PagerDuty service as last synchronised. */
  service(id: string): StoredService | undefined {
    return this.services.get(id);
  }

  entity(ref: string): EntitySummary | undefined {
    return this.entities.get(ref);
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
      problems: [
        ...(entity?.problems ?? []),
        ...(this.catalogProblems.get(ref) ?? []),
        ...this.unknownServiceProblems(entity),
      ],
    };
  }

  incidentsOf(ref: string): StoredIncident[] {
    const ids = new Set(this.entities.get(ref)?.pagerDutyServiceIds ?? []);
    return this.openIncidents.filter(i => ids.has(i.serviceId));
  }

  /** How fresh each source is, and whether PagerDuty's data is stale. */
  freshness() {
    const source = this.sources.find(
      s => s.source === pagerDutySource(this.options.account),
    );
    return {
      sources: this.sources,
      stale: this.isStale(),
      lastSuccessAt: source?.lastSuccessAt,
      catalogLoadedAt: this.catalogLoadedAt,
    };
  }

  private unknownServiceProblems(
    entity?: EntitySummary,
  ): StatusConfigurationProblem[] {
    if (!entity || !this.hasSynced()) return [];
    return entity.pagerDutyServiceIds
      .filter(id => !this.services.has(id))
      .map(id => ({
        annotation: 'pagerduty.com/service-id',
        message: `PagerDuty has no service ${id} (account ${this.options.account}). Check the ID in the service's URL in PagerDuty, or remove it from the annotation.`,
      }));
  }

  private hasSynced(): boolean {
    return this.sources.some(
      s =>
        s.source === pagerDutySource(this.options.account) && s.lastSuccessAt,
    );
  }

  private isStale(): boolean {
    const source = this.sources.find(
      s => s.source === pagerDutySource(this.options.account),
    );
    if (!source?.lastSuccessAt) return false;
    return (
      this.now().getTime() - source.lastSuccessAt.getTime() >
      (this.options.staleAfterMs ?? 5 * 60_000)
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
