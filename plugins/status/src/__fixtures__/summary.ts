import {
  HealthLevel,
  StatusSummary,
  StatusSummaryEntity,
  summaryFacets,
} from '@status-layer/plugin-status-common';
import { anIncident, aRootCause, freshAccount } from './entityStatus';

/** A summary entity; levels default to operational. */
export function aSummaryEntity(
  name: string,
  overrides: Partial<StatusSummaryEntity> = {},
): StatusSummaryEntity {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    name,
    own: 'operational',
    inherited: 'operational',
    effective: 'operational',
    ...overrides,
  };
}

const impactedBy = (
  name: string,
  level: HealthLevel,
  owner: string,
  system: string,
  domain: string,
) =>
  aSummaryEntity(name, {
    inherited: level as any,
    effective: level,
    rootCause: 'component:default/auth-service',
    owner,
    system,
    domain,
  });

/**
 * The login service down with 27 entities impacted, one more problem of its
 * own elsewhere, and healthy services besides.
 */
export function aSummary(): StatusSummary {
  const impacted = Array.from({ length: 27 }, (_, i) =>
    impactedBy(
      `shop-${String(i).padStart(2, '0')}`,
      i < 3 ? 'major_outage' : 'degraded',
      i % 2 ? 'group:default/ecommerce' : 'group:default/travel',
      i % 2 ? 'system:default/mall' : 'system:default/trips',
      i % 2 ? 'domain:default/retail' : 'domain:default/travel',
    ),
  );
  const entities: StatusSummaryEntity[] = [
    aSummaryEntity('auth-service', {
      own: 'major_outage',
      effective: 'major_outage',
      owner: 'group:default/platform',
      system: 'system:default/identity',
      domain: 'domain:default/platform',
    }),
    ...impacted,
    aSummaryEntity('points-api', {
      own: 'degraded',
      effective: 'degraded',
      owner: 'group:default/loyalty',
      system: 'system:default/points',
      domain: 'domain:default/loyalty',
    }),
    aSummaryEntity('search-api', {
      owner: 'group:default/ecommerce',
      system: 'system:default/mall',
      domain: 'domain:default/retail',
    }),
    aSummaryEntity('docs-site', {
      own: undefined,
      owner: 'group:default/platform',
    }),
  ];
  const cause = aRootCause();
  return {
    counts: {
      operational: 2,
      degraded: 25,
      partial_outage: 0,
      major_outage: 4,
      under_maintenance: 0,
      unknown: 0,
      not_monitored: 0,
      misconfigured: 0,
    },
    total: entities.length,
    impacted: impacted.length,
    entities,
    offset: 0,
    limit: entities.length,
    facets: summaryFacets(entities),
    problemsTotal: 2,
    problems: [
      {
        entityRef: 'component:default/auth-service',
        level: 'major_outage',
        owner: cause.owner,
        incidents: cause.incidents,
        alerts: [],
        escalationPolicies: cause.escalationPolicies,
        since: cause.incidents[0].createdAt,
        impactedCount: impacted.length,
        impacted: impacted.map(e => ({
          entityRef: e.entityRef,
          level: e.effective,
        })),
      },
      {
        entityRef: 'component:default/points-api',
        level: 'degraded',
        owner: { entityRef: 'group:default/loyalty' },
        incidents: [
          anIncident({
            id: 'Q2',
            title: 'Points slow',
            urgency: 'low',
            priority: null,
            // opened while auth-service failed, and points-api depends on it
            symptomOf: {
              incidentId: 'Q1',
              entityRef: 'component:default/auth-service',
              title: 'Login failing for 40% of users',
              explanation:
                "Opened 4 min after auth-service's incident #1042; points-api depends on auth-service.",
            },
          }),
        ],
        alerts: [],
        escalationPolicies: [],
        since: null,
        impactedCount: 0,
        impacted: [],
      },
    ],
    freshness: {
      stale: false,
      lastSuccessAt: new Date().toISOString(),
      accounts: [freshAccount()],
    },
  };
}
