import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  alertmanagerGroup,
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import {
  RESTRICTED_LABEL,
  restrictedCatalogFeatures,
  SRE_GROUP,
  SRE_ONLY_LABEL,
} from './restrictedCatalog';
import { startStatusTestBackend } from './startStatusTestBackend';

export const READER = 'user:default/reader'; // in shop: may not read identity's restricted entities
export const IDENTITY_DEV = 'user:default/identity-dev'; // in identity: owns them
export const SRE = 'user:default/sre-lead'; // in sre: reads everything, holds status.admin
/** Catalog users of shop, told as owners: one the API never served, one it has. */
export const NEWCOMER = 'user:default/newcomer';
export const VETERAN = 'user:default/veteran';

export const ALERT_SECRET = 'alertmanager-test-secret';
export const PUBLIC_TOKEN_SECRET = 'restricted-backend-public-token-secret';
/** Words that name the hidden entities or their signals; none may reach the reader. */
export const SECRET_WORDS = [
  'auth-service',
  'session-db',
  'identity-core',
  'PAUTH01',
  'Token signing keys expired',
  // the hidden middle of a path whose root is visible
  'ledger-api',
  // shop's own, readable only by SREs
  'fraud-rules',
];

/** A visible root whose dependent reaches it through a hidden middle hop: invoices → ledger-api (hidden) → payments. */
export const HIDDEN_MIDDLE = {
  root: 'component:default/payments',
  middle: 'component:default/ledger-api',
  dependent: 'component:default/invoices',
  incidentTitle: 'Card authorisations declined',
};

const entity = (
  kind: string,
  name: string,
  spec: Entity['spec'] & object,
  options: {
    restricted?: boolean;
    sreOnly?: boolean;
    annotations?: Record<string, string>;
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    ...(options.restricted ? { labels: { [RESTRICTED_LABEL]: 'true' } } : {}),
    ...(options.sreOnly ? { labels: { [SRE_ONLY_LABEL]: 'true' } } : {}),
    annotations: options.annotations ?? {},
  },
  spec,
});

const service = (owner: string, extra: Entity['spec'] = {}) => ({
  type: 'service',
  lifecycle: 'production',
  owner,
  ...extra,
});

// checkout → login-api → auth-service (hidden); profile-api → session-db (hidden) → auth-service;
// cart → auth-service and shares an alert selector with it;
// invoices → ledger-api (hidden) → payments (visible, with an open incident);
// fraud-rules → payments, owned by shop but readable only by SREs
export const entities: Entity[] = [
  entity('Group', 'shop', { type: 'team', children: [] }),
  entity('Group', 'identity', { type: 'team', children: [] }),
  entity('Group', 'sre', { type: 'team', children: [] }),
  entity('Group', 'payments-team', { type: 'team', children: [] }),
  entity('System', 'shop-system', { owner: 'group:default/shop' }),
  entity(
    'System',
    'identity-core',
    { owner: 'group:default/identity' },
    { restricted: true },
  ),
  entity(
    'Component',
    'auth-service',
    service('group:default/identity', { system: 'identity-core' }),
    {
      restricted: true,
      annotations: {
        'pagerduty.com/service-id': 'PAUTH01',
        'prometheus.io/alert-selector': 'team=shared-edge',
      },
    },
  ),
  entity(
    'Resource',
    'session-db',
    {
      type: 'database',
      owner: 'group:default/identity',
      dependsOn: ['component:default/auth-service'],
    },
    {
      restricted: true,
      annotations: {
        'status.backstage.io/critical-dependencies':
          'component:default/auth-service',
      },
    },
  ),
  entity(
    'Component',
    'login-api',
    service('group:default/identity', {
      dependsOn: ['component:default/auth-service'],
    }),
    {
      annotations: {
        'status.backstage.io/critical-dependencies':
          'component:default/auth-service',
      },
    },
  ),
  entity(
    'Component',
    'checkout',
    service('group:default/shop', {
      system: 'shop-system',
      dependsOn: ['component:default/login-api'],
    }),
    {
      annotations: {
        'pagerduty.com/service-id': 'PCHECK1',
        'status.backstage.io/critical-dependencies':
          'component:default/login-api',
      },
    },
  ),
  entity(
    'Component',
    'profile-api',
    service('group:default/shop', {
      dependsOn: ['resource:default/session-db'],
    }),
    {
      annotations: {
        'status.backstage.io/critical-dependencies':
          'resource:default/session-db',
      },
    },
  ),
  entity(
    'Component',
    'payments',
    service('group:default/payments-team', { system: 'shop-system' }),
    { annotations: { 'pagerduty.com/service-id': 'PPAY001' } },
  ),
  entity(
    'Component',
    'ledger-api',
    service('group:default/payments-team', {
      system: 'shop-system',
      dependsOn: ['component:default/payments'],
    }),
    {
      restricted: true,
      annotations: {
        'status.backstage.io/critical-dependencies':
          'component:default/payments',
      },
    },
  ),
  entity(
    'Component',
    'invoices',
    service('group:default/shop', {
      system: 'shop-system',
      dependsOn: ['component:default/ledger-api'],
    }),
    {
      annotations: {
        'status.backstage.io/critical-dependencies':
          'component:default/ledger-api',
      },
    },
  ),
  // shop owns it, but only SREs may read it
  entity(
    'Component',
    'fraud-rules',
    service('group:default/shop', {
      dependsOn: ['component:default/payments'],
    }),
    {
      sreOnly: true,
      annotations: {
        'status.backstage.io/critical-dependencies':
          'component:default/payments',
      },
    },
  ),
  entity('User', 'newcomer', { memberOf: ['group:default/shop'] }),
  entity('User', 'veteran', { memberOf: ['group:default/shop'] }),
  entity(
    'Component',
    'cart',
    service('group:default/shop', {
      system: 'shop-system',
      dependsOn: ['component:default/auth-service'],
    }),
    { annotations: { 'prometheus.io/alert-selector': 'team=shared-edge' } },
  ),
];

export type Published = { channel: string; message: unknown };

/** A status backend on a real catalog, under {@link RestrictedEntitiesPolicy}, with the demo organisation above loaded and synced. */
export type RestrictedStatusBackend = {
  sim: PagerDutySimulator;
  server: any;
  /** What the backend pushed to signals channels. */
  published: Published[];
  /** What the backend asked the notification service to send. */
  notified: NotificationSendOptions[];
  /** Of those, the ones sent to this user, oldest first. */
  notifiedTo(user: string): NotificationSendOptions[];
  /** The status plugin's database. */
  statusKnex: Awaited<ReturnType<TestDatabases['init']>>;
  scheduler: { triggerTask(id: string): Promise<void> };
  /** A GET of the status API as one user. */
  as(user: string, path: string): request.Test;
  /** Fails when the body names any of {@link SECRET_WORDS}. */
  expectNothingHidden(body: unknown): void;
};

/**
 * Starts the simulator (auth-service with an open P1 and planned maintenance,
 * a deploy on it and one on checkout), a real catalog with a restricted
 * policy, and the status backend; waits until the catalog is ingested, the
 * sync has run and the shared alert has reached cart.
 */
export async function startRestrictedStatusBackend(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
  options: {
    /** Further `status.*` config. */
    status?: Record<string, unknown>;
    /** Changes the simulated account before the first sync. */
    prepare?: (sim: PagerDutySimulator) => void;
    /** Further services of the simulated account, each tied to an entity by name. */
    services?: {
      serviceId: string;
      entityName: string;
      description: string;
      ownerGroup: string;
      integrationKey?: string;
    }[];
    /** Changes the organisation above before it is loaded. */
    entities?: (organisation: Entity[]) => Entity[];
  } = {},
): Promise<RestrictedStatusBackend> {
  const organisation = options.entities?.(entities) ?? entities;
  const published: Published[] = [];
  const notified: NotificationSendOptions[] = [];
  const sim = await startPagerDutySimulator({
    seed: 7,
    catalog: {
      services: [
        {
          serviceId: 'PAUTH01',
          entityName: 'auth-service',
          description: 'Issues tokens',
          ownerGroup: 'identity',
        },
        {
          serviceId: 'PPAY001',
          entityName: 'payments',
          description: 'Takes payments',
          ownerGroup: 'identity',
        },
        {
          serviceId: 'PCHECK1',
          entityName: 'checkout',
          description: 'Takes orders',
          ownerGroup: 'shop',
        },
        ...(options.services ?? []),
      ],
      groups: [
        {
          name: 'shop',
          title: 'Shop',
          members: [
            {
              name: 'sam',
              displayName: 'Sam Shop',
              email: 'sam@example.com',
            },
          ],
        },
        {
          name: 'identity',
          title: 'Identity',
          members: [
            {
              name: 'ada',
              displayName: 'Ada Identity',
              email: 'ada@example.com',
            },
          ],
        },
      ],
    },
    historyDays: 0,
  });
  sim.state.trigger({
    service: 'PAUTH01',
    title: 'Token signing keys expired',
    urgency: 'high',
    priority: 'P1',
  });
  sim.state.trigger({
    service: 'PPAY001',
    title: HIDDEN_MIDDLE.incidentTitle,
    urgency: 'high',
    priority: 'P1',
  });
  // deploys: one on the hidden auth-service six minutes before its P1, one on checkout
  sim.state.recordChange({
    service: 'PAUTH01',
    summary: 'Deployed auth-service v2.14.0',
    at: new Date(Date.now() - 6 * 60_000),
  });
  sim.state.recordChange({
    service: 'PCHECK1',
    summary: 'Deployed checkout v5.2.0',
    at: new Date(Date.now() - 90 * 60_000),
    links: [{ href: 'https://ci.example.com/checkout/52', text: 'Build 52' }],
  });
  // planned on the hidden service: only its readers may learn of it
  sim.state.startMaintenance({
    services: ['PAUTH01'],
    minutes: 30,
    description: 'Rotate signing keys',
    at: new Date(Date.now() + 3_600_000),
  });
  options.prepare?.(sim);
  const statusKnex = await databases.init(databaseId);
  const catalog = await restrictedCatalogFeatures({
    databases,
    databaseId,
    statusKnex,
    entities: organisation,
    memberships: {
      [READER]: ['group:default/shop'],
      [NEWCOMER]: ['group:default/shop'],
      [VETERAN]: ['group:default/shop'],
      [IDENTITY_DEV]: ['group:default/identity'],
      [SRE]: [SRE_GROUP],
    },
  });
  const server = await startStatusTestBackend({
    realCatalog: true,
    config: {
      permission: { enabled: true },
      catalog: {
        rules: [
          { allow: ['Component', 'System', 'Resource', 'Group', 'User'] },
        ],
      },
      status: {
        pagerDuty: {
          apiToken: 'simulator-token',
          apiBaseUrl: sim.url,
          eventsBaseUrl: sim.url,
        },
        alerts: { sources: { alertmanager: { secret: ALERT_SECRET } } },
        notifications: { enabled: true, minDurationSeconds: 0 },
        public: {
          entities: ['component:default/checkout'],
          tokenSecret: PUBLIC_TOKEN_SECRET,
        },
        ...options.status,
      },
    },
    features: [
      ...catalog.features,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            notified.push(notification);
          },
        }),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          async publish(signal: any) {
            published.push({
              channel: signal.channel,
              message: signal.message,
            });
          },
        }),
      }),
    ],
  });
  const as = (user: string, path: string) =>
    request(server)
      .get(`/api/status${path}`)
      .set('Authorization', mockCredentials.user.header(user));
  const expectNothingHidden = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const word of SECRET_WORDS) expect(text).not.toContain(word);
  };
  // the catalog ingests and stitches in the background
  await waitForExpect(async () => {
    const res = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({ limit: 100, fields: 'metadata.name' })
      .set('Authorization', mockCredentials.user.header(SRE));
    if (res.body.totalItems !== organisation.length)
      throw new Error(`catalog has ${res.body.totalItems} entities so far`);
  }, 60_000);
  await catalog.scheduler.triggerTask('status-catalog');
  await catalog.scheduler.triggerTask('status-pagerduty-sync');
  // one alert shared by cart and auth-service; one that matches nothing
  await request(server)
    .post('/api/status/webhooks/alertmanager')
    .set('Authorization', `Bearer ${ALERT_SECRET}`)
    .send(
      alertmanagerGroup({
        fingerprint: 'edge-1',
        severity: 'warning',
        extraLabels: { team: 'shared-edge' },
      }),
    )
    .expect(202);
  await request(server)
    .post('/api/status/webhooks/alertmanager')
    .set('Authorization', `Bearer ${ALERT_SECRET}`)
    .send(
      alertmanagerGroup({
        fingerprint: 'auth-1',
        severity: 'critical',
        extraLabels: { service: 'auth' },
      }),
    )
    .expect(202);
  await waitForExpect(async () => {
    const res = await as(SRE, '/entities/component/default/cart');
    if (res.body.alerts?.length !== 1)
      throw new Error('the shared alert has not reached cart yet');
  });
  return {
    sim,
    server,
    published,
    notified,
    notifiedTo: user =>
      notified.filter(n =>
        ([] as string[]).concat((n.recipients as any).entityRef).includes(user),
      ),
    statusKnex,
    scheduler: catalog.scheduler,
    as,
    expectNothingHidden,
  };
}
