import {
  COVERAGE_LIMITS,
  COVERAGE_NO_GROUP,
  CoverageComponent,
  CoverageGroupCount,
  CoverageList,
  CoverageSharedService,
  CoverageSource,
  CoverageUnknownService,
  CoverageUnreferencedService,
  pagerDutyAnnotationLines,
  PRODUCTION_LIFECYCLE,
  StatusCoverage,
  StatusCoverageQuery,
} from '@status-layer/plugin-status-common';
import { EntitySummary } from '../catalog/catalogSnapshot';
import { StoredService } from '../database';
import { serviceKey } from '../engine/PagerDutyFacts';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { ServiceSuggestions } from './coverageSuggestions';

/**
 * A mapping of an entity to a PagerDuty service stored in the portal (the
 * catalog applies it to the entity's annotations when it next processes
 * the entity).
 */
export type PortalMapping = {
  entityRef: string;
  account: string;
  serviceId: string;
};

/** Everything {@link describeCoverage} reads. */
export type CoverageInput = {
  engine: StatusEngine;
  /** Every PagerDuty service the sync stored, of every account. */
  services: StoredService[];
  view: CallerView;
  /** The mappings stored in the portal; none when the store has none. */
  mappings: PortalMapping[];
  canMap: boolean;
  query: StatusCoverageQuery;
};

/** The first `limit`, and how many there were. */
const cut = <T>(items: T[], limit: number): CoverageList<T> => ({
  items: items.slice(0, limit),
  total: items.length,
});

/** Whether a ref or title holds every word of a search. */
function matchesText(component: CoverageComponent, q?: string): boolean {
  const words = (q ?? '').toLocaleLowerCase('en-US').split(/\s+/);
  const text = `${component.entityRef} ${
    component.title ?? ''
  }`.toLocaleLowerCase('en-US');
  return words.every(word => text.includes(word));
}

const matchesGroup = (value: string | undefined, wanted?: string) =>
  !wanted ||
  (wanted === COVERAGE_NO_GROUP ? value === undefined : value === wanted);

function matches(c: CoverageComponent, query: StatusCoverageQuery): boolean {
  return (
    matchesGroup(c.domain, query.domain) &&
    matchesGroup(c.system, query.system) &&
    matchesGroup(c.owner, query.owner) &&
    (!query.lifecycle || c.lifecycle === query.lifecycle) &&
    (!query.monitored ||
      (query.monitored === 'yes') === c.monitoredBy.length > 0) &&
    matchesText(c, query.q)
  );
}

/** Counts of production components per group, most unmonitored first. */
function groupCounts(
  components: CoverageComponent[],
  groupOf: (c: CoverageComponent) => string | undefined,
): CoverageList<CoverageGroupCount> {
  const counts = new Map<string | null, CoverageGroupCount>();
  for (const component of components) {
    if (!component.production) continue;
    const ref = groupOf(component) ?? null;
    const count = counts.get(ref) ?? {
      entityRef: ref,
      production: 0,
      monitored: 0,
    };
    count.production += 1;
    if (component.monitoredBy.length) count.monitored += 1;
    counts.set(ref, count);
  }
  const rows = [...counts.values()].sort(
    (a, b) =>
      b.production - b.monitored - (a.production - a.monitored) ||
      b.production - a.production ||
      (a.entityRef ?? '').localeCompare(b.entityRef ?? ''),
  );
  return cut(rows, COVERAGE_LIMITS.groups);
}

/**
 * Which components are monitored and which are not, per Domain, System and
 * owner, and what would make the rest so: PagerDuty services no entity
 * names (with the components they likely belong to), annotations naming
 * services PagerDuty lacks, and services several entities name. Only what
 * the caller may read is listed or counted; an owner, System or Domain the
 * caller may not read is left unnamed.
 */
export function describeCoverage(input: CoverageInput): StatusCoverage {
  const { engine, view, query } = input;
  // only a readable group is named
  const shown = (ref?: string) => (ref && view.has(ref) ? ref : undefined);
  const domainOfSystem = new Map<string, string | undefined>();
  const readable: EntitySummary[] = [];
  const referenced = new Set<string>();
  for (const entity of engine.allEntities()) {
    if (entity.kind === 'System') domainOfSystem.set(entity.ref, entity.domain);
    // a service any entity names is referenced, whoever may read that entity
    for (const id of entity.pagerDutyServiceIds)
      referenced.add(serviceKey(entity.pagerDutyAccount, id));
    if (view.has(entity.ref)) readable.push(entity);
  }
  // stored lower-cased, as the catalog compares refs
  const portal = new Map<string, PortalMapping>();
  for (const mapping of input.mappings)
    portal.set(mapping.entityRef.toLocaleLowerCase('en-US'), mapping);

  const componentEntities = readable.filter(e => e.kind === 'Component');
  const dependents = new Map<string, number>();
  const components: CoverageComponent[] = componentEntities.map(entity => {
    const count = engine
      .directDependentsOf(entity.ref)
      .filter(ref => view.has(ref)).length;
    dependents.set(entity.ref, count);
    return describeComponent(entity, {
      engine,
      shown,
      domain: entity.system ? domainOfSystem.get(entity.system) : undefined,
      mapping: portal.get(entity.ref.toLocaleLowerCase('en-US')),
      dependents: count,
    });
  });

  const selected = components
    .filter(c => matches(c, query))
    .sort(
      (a, b) =>
        b.dependents - a.dependents || a.entityRef.localeCompare(b.entityRef),
    );
  const limit = query.limit ?? COVERAGE_LIMITS.components.defaultLimit;
  const offset = query.offset ?? 0;
  const production = components.filter(c => c.production);

  const suggestions = new ServiceSuggestions(
    engine,
    view,
    componentEntities,
    dependents,
  );
  const unreferenced = input.services
    .filter(
      s =>
        engine.service(s.account, s.id) !== undefined &&
        !referenced.has(serviceKey(s.account, s.id)),
    )
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  return {
    canMap: input.canMap,
    totals: {
      components: components.length,
      production: production.length,
      monitored: production.filter(c => c.monitoredBy.length).length,
    },
    groups: {
      domain: groupCounts(components, c => c.domain),
      system: groupCounts(components, c => c.system),
      owner: groupCounts(components, c => c.owner),
    },
    lifecycles: [
      ...new Set(components.flatMap(c => (c.lifecycle ? [c.lifecycle] : []))),
    ].sort(),
    components: {
      items: selected.slice(offset, offset + limit),
      total: selected.length,
      offset,
      limit,
    },
    unreferencedServices: {
      total: unreferenced.length,
      // suggestions only for those listed: each costs a few lookups
      items: unreferenced.slice(0, COVERAGE_LIMITS.unreferencedServices).map(
        (service): CoverageUnreferencedService => ({
          account: service.account,
          serviceId: service.id,
          name: service.name,
          htmlUrl: service.htmlUrl,
          escalationPolicy: service.escalationPolicyName,
          teams: service.teams.map(t => t.name),
          annotation: pagerDutyAnnotationLines(service.id, service.account),
          suggestions: suggestions.suggest(service),
        }),
      ),
    },
    unknownServices: cut(
      unknownServices(engine, readable),
      COVERAGE_LIMITS.unknownServices,
    ),
    sharedServices: cut(
      sharedServices(engine, readable),
      COVERAGE_LIMITS.sharedServices,
    ),
  };
}

function describeComponent(
  entity: EntitySummary,
  context: {
    engine: StatusEngine;
    shown: (ref?: string) => string | undefined;
    domain?: string;
    mapping?: PortalMapping;
    dependents: number;
  },
): CoverageComponent {
  const { engine, shown, mapping } = context;
  const monitoring = engine.monitoringOf(entity);
  const monitoredBy: CoverageSource[] = [
    ...(monitoring.pagerDuty ? ['pagerduty' as const] : []),
    ...(monitoring.alerts ? ['alerts' as const] : []),
  ];
  const ids = entity.pagerDutyServiceIds;
  const account = entity.pagerDutyAccount;
  // the catalog module marks what it applied; before it did, the stored
  // mapping that the entity's services hold tells the same
  const applied =
    entity.mappedInPortal ||
    (mapping !== undefined &&
      mapping.account === account &&
      ids.includes(mapping.serviceId));
  return {
    entityRef: entity.ref,
    title: entity.title,
    lifecycle: entity.lifecycle,
    production: entity.lifecycle === PRODUCTION_LIFECYCLE,
    owner: shown(entity.owner),
    system: shown(entity.system),
    domain: shown(context.domain),
    monitoredBy,
    ...(ids.length
      ? {
          pagerDuty: {
            account,
            serviceIds: ids,
            mappedBy: applied ? 'portal' : 'catalog-info.yaml',
          },
        }
      : {}),
    ...(mapping && !applied && !ids.includes(mapping.serviceId)
      ? {
          pendingMapping: {
            account: mapping.account,
            serviceId: mapping.serviceId,
          },
        }
      : {}),
    dependents: context.dependents,
    misconfigured: engine.isMisconfigured(entity.ref),
  };
}

/** Annotations of readable entities naming services that cannot be read. */
function unknownServices(
  engine: StatusEngine,
  readable: EntitySummary[],
): CoverageUnknownService[] {
  return readable.flatMap(entity => {
    const unknown = engine.unknownServicesOf(entity.ref);
    return unknown.serviceIds.map(serviceId => ({
      entityRef: entity.ref,
      account: entity.pagerDutyAccount,
      serviceId,
      reason: unknown.reason,
    }));
  });
}

/** Services several readable entities name, most entities first. */
function sharedServices(
  engine: StatusEngine,
  readable: EntitySummary[],
): CoverageSharedService[] {
  const byService = new Map<string, CoverageSharedService>();
  for (const entity of readable)
    for (const serviceId of entity.pagerDutyServiceIds) {
      const account = entity.pagerDutyAccount;
      const key = serviceKey(account, serviceId);
      const shared = byService.get(key) ?? {
        account,
        serviceId,
        name: engine.service(account, serviceId)?.name,
        entityRefs: [],
      };
      shared.entityRefs.push(entity.ref);
      byService.set(key, shared);
    }
  return [...byService.values()]
    .filter(s => s.entityRefs.length > 1)
    .sort(
      (a, b) =>
        b.entityRefs.length - a.entityRefs.length ||
        a.serviceId.localeCompare(b.serviceId),
    );
}
