import {
  PAGERDUTY_DATA_PARTS,
  StatusAccountFreshness,
  EntityLevels,
  EntityStatus,
  HealthLevel,
  OutageLevel,
  StatusIncident,
  StatusRootCause,
} from '@status-layer/plugin-status-common';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** An incident as the status API serves it. */
/** A PagerDuty account read 12 s ago, every part fresh. */
export function freshAccount(
  overrides: Partial<StatusAccountFreshness> = {},
): StatusAccountFreshness {
  const at = new Date(Date.now() - 12_000).toISOString();
  return {
    account: 'default',
    waiting: false,
    lastSuccessAt: at,
    lastAttemptAt: at,
    lastError: null,
    lastWebhookAt: null,
    stale: false,
    parts: PAGERDUTY_DATA_PARTS.map(part => ({
      part,
      lastSuccessAt: at,
      lastAttemptAt: at,
      lastError: null,
      failingSince: null,
      stale: false,
    })),
    ...overrides,
  };
}

export function anIncident(
  overrides: Partial<StatusIncident> = {},
): StatusIncident {
  return {
    id: 'Q1',
    number: 1042,
    title: 'Login failing for 40% of users',
    status: 'acknowledged',
    urgency: 'high',
    priority: 'P1',
    createdAt: minutesAgo(25),
    acknowledgedAt: minutesAgo(20),
    assignees: [{ id: 'U1', name: 'Ada Platform', email: 'ada@example.com' }],
    htmlUrl: 'https://meridian.pagerduty.com/incidents/Q1',
    conferenceUrl: 'https://meet.example.com/auth-outage',
    conferenceNumber: null,
    ...overrides,
  };
}

/** The login service as a root cause three hops upstream of cart-web. */
export function aRootCause(
  overrides: Partial<StatusRootCause> = {},
): StatusRootCause {
  return {
    entityRef: 'component:default/auth-service',
    level: 'degraded',
    rootLevel: 'major_outage',
    path: [
      'component:default/cart-web',
      'component:default/cart-api',
      'component:default/membership-api',
      'component:default/auth-service',
    ],
    incidents: [anIncident()],
    alerts: [],
    owner: {
      entityRef: 'group:default/identity',
      displayName: 'Identity Platform',
      email: 'identity@example.com',
      slackChannel: '#identity-oncall',
    },
    escalationPolicies: [
      {
        id: 'PEP1',
        name: 'Identity on-call',
        onCallReadAt: new Date().toISOString(),
        onCall: [
          {
            level: 1,
            user: { id: 'U1', name: 'Ada Platform', email: 'ada@example.com' },
            start: null,
            end: null,
          },
          {
            level: 2,
            user: { id: 'U2', name: 'Grace Lead' },
            start: null,
            end: null,
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** A healthy, monitored entity; override what a test is about. */
export function anEntityStatus(
  overrides: Partial<EntityStatus> = {},
): EntityStatus {
  return {
    entityRef: 'component:default/cart-web',
    monitored: true,
    levels: {
      own: 'operational',
      inherited: 'operational',
      effective: 'operational',
    },
    explanation: 'Operational',
    reasons: [],
    rootCauses: [],
    incidents: [],
    alerts: [],
    owner: {
      entityRef: 'group:default/ecommerce',
      displayName: 'E-commerce',
      email: 'ecommerce@example.com',
      slackChannel: '#ecommerce',
    },
    escalationPolicies: [
      {
        id: 'PEP2',
        name: 'E-commerce on-call',
        onCallReadAt: new Date().toISOString(),
        onCall: [
          {
            level: 1,
            user: { id: 'U3', name: 'Lin Shop' },
            start: null,
            end: null,
          },
        ],
      },
    ],
    upstreams: [],
    impacted: [],
    dependentCount: 0,
    freshness: {
      pagerDuty: freshAccount(),
      catalogLoadedAt: new Date().toISOString(),
    },
    problems: [],
    liveChannel: 'status:cart-web-channel',
    ...overrides,
  };
}

/** An entity's levels: own (undefined when not monitored), inherited, effective. */
export function levels(
  own: HealthLevel | undefined,
  inherited: OutageLevel,
  effective: HealthLevel,
): EntityLevels {
  return { own, inherited, effective };
}
