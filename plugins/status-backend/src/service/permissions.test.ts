import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  alertmanagerGroup,
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  RESTRICTED_LABEL,
  restrictedCatalogFeatures,
  SRE_GROUP,
} from '../__testUtils__/restrictedCatalog';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(120_000);

const READER = 'user:default/reader'; // in shop: may not read identity's restricted entities
const IDENTITY_DEV = 'user:default/identity-dev'; // in identity: owns them
const SRE = 'user:default/sre-lead'; // in sre: reads everything, holds status.admin

const ALERT_SECRET = 'alertmanager-test-secret';
/** Words that name the hidden entities or their signals; none may reach the reader. */
const SECRET_WORDS = [
  'auth-service',
  'session-db',
  'identity-core',
  'PAUTH01',
  'Token signing keys expired',
];

const entity = (
  kind: string,
  name: string,
  spec: Entity['spec'] & object,
  options: {
    restricted?: boolean;
    annotations?: Record<string, string>;
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    ...(options.restricted ? { labels: { [RESTRICTED_LABEL]: 'true' } } : {}),
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
// cart → auth-service and shares an alert selector with it
const entities: Entity[] = [
  entity('Group', 'shop', { type: 'team', children: [] }),
  entity('Group', 'identity', { type: 'team', children: [] }),
  entity('Group', 'sre', { type: 'team', children: [] }),
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
    'cart',
    service('group:default/shop', {
      system: 'shop-system',
      dependsOn: ['component:default/auth-service'],
    }),
    { annotations: { 'prometheus.io/alert-selector': 'team=shared-edge' } },
  ),
];

type Published = { channel: string; message: unknown };

describe('the status API under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    let server: any;
    let published: Published[];
    let scheduler: () => { triggerTask(id: string): Promise<void> };

    const as = (user: string, path: string) =>
      request(server)
        .get(`/api/status${path}`)
        .set('Authorization', mockCredentials.user.header(user));
    const expectNothingHidden = (body: unknown) => {
      const text = JSON.stringify(body);
      for (const word of SECRET_WORDS) expect(text).not.toContain(word);
    };

    beforeAll(async () => {
      sim = await startPagerDutySimulator({
        seed: 7,
        catalog: {
          services: [
            {
              serviceId: 'PAUTH01',
              entityName: 'auth-service',
              description: 'Issues tokens',
              ownerGroup: 'identity',
            },
          ],
          groups: [
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
      // planned on the hidden service: only its readers may learn of it
      sim.state.startMaintenance({
        services: ['PAUTH01'],
        minutes: 30,
        description: 'Rotate signing keys',
        at: new Date(Date.now() + 3_600_000),
      });
      published = [];
      const statusKnex = await databases.init(databaseId);
      const catalog = await restrictedCatalogFeatures({
        databases,
        databaseId,
        statusKnex,
        entities,
        memberships: {
          [READER]: ['group:default/shop'],
          [IDENTITY_DEV]: ['group:default/identity'],
          [SRE]: [SRE_GROUP],
        },
      });
      server = await startStatusTestBackend({
        realCatalog: true,
        config: {
          permission: { enabled: true },
          catalog: {
            rules: [{ allow: ['Component', 'System', 'Resource', 'Group'] }],
          },
          status: {
            pagerDuty: { apiToken: 'simulator-token', apiBaseUrl: sim.url },
            alerts: { sources: { alertmanager: { secret: ALERT_SECRET } } },
          },
        },
        features: [
          ...catalog.features,
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
      // the catalog ingests and stitches in the background
      await waitForExpect(async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-query')
          .query({ limit: 100, fields: 'metadata.name' })
          .set('Authorization', mockCredentials.user.header(SRE));
        if (res.body.totalItems !== entities.length)
          throw new Error(`catalog has ${res.body.totalItems} entities so far`);
      }, 60_000);
      scheduler = () => catalog.scheduler;
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
    });
    afterAll(() => sim?.close());

    it("lets the owner and SREs read the hidden upstream's status", async () => {
      for (const user of [IDENTITY_DEV, SRE]) {
        const res = await as(user, '/entities/component/default/auth-service');
        expect(res.status).toBe(200);
        expect(res.body.levels.own).toBe('major_outage');
        expect(res.body.incidents[0].title).toBe('Token signing keys expired');
      }
      const checkout = await as(SRE, '/entities/component/default/checkout');
      expect(checkout.body.rootCauses[0]).toMatchObject({
        entityRef: 'component:default/auth-service',
        path: [
          'component:default/checkout',
          'component:default/login-api',
          'component:default/auth-service',
        ],
      });
    });

    it('answers 404 for an entity the caller may not read, as for one that does not exist', async () => {
      for (const path of [
        '/entities/component/default/auth-service',
        '/entities/resource/default/session-db',
        '/rollups/system/default/identity-core',
        '/entity-configuration?entityRef=component:default/auth-service',
      ]) {
        const hidden = await as(READER, path);
        const missing = await as(
          READER,
          path.replace(
            /auth-service|session-db|identity-core/,
            'no-such-thing',
          ),
        );
        expect(hidden.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(hidden.body.error.name).toBe(missing.body.error.name);
      }
    });

    it('explains an outage inherited through a hidden upstream without naming it', async () => {
      const checkout = await as(READER, '/entities/component/default/checkout');
      expect(checkout.status).toBe(200);
      expect(checkout.body.levels.effective).toBe('major_outage');
      expect(checkout.body.explanation).toBe(
        'Major outage — impacted by an upstream you cannot see, 2 hops upstream',
      );
      expect(checkout.body.rootCauses).toEqual([
        {
          entityRef: HIDDEN_ENTITY_REF,
          level: 'major_outage',
          rootLevel: null,
          path: [
            'component:default/checkout',
            'component:default/login-api',
            HIDDEN_ENTITY_REF,
          ],
          incidents: [],
          alerts: [],
          owner: null,
          escalationPolicies: [],
        },
      ]);
      expectNothingHidden(checkout.body);

      // hidden in the middle of the path, too
      const profile = await as(
        READER,
        '/entities/component/default/profile-api',
      );
      expect(profile.body.rootCauses[0].path).toEqual([
        'component:default/profile-api',
        HIDDEN_ENTITY_REF,
        HIDDEN_ENTITY_REF,
      ]);
      expectNothingHidden(profile.body);
    });

    it("leaves hidden entities out of an alert's targets and of impacted lists", async () => {
      const cart = await as(READER, '/entities/component/default/cart');
      expect(cart.body.alerts).toHaveLength(1);
      expect(cart.body.alerts[0].entityRefs).toEqual([
        'component:default/cart',
      ]);
      expectNothingHidden(cart.body);
      const forSre = await as(SRE, '/entities/component/default/cart');
      expect(forSre.body.alerts[0].entityRefs.sort()).toEqual([
        'component:default/auth-service',
        'component:default/cart',
      ]);
      const login = await as(READER, '/entities/component/default/login-api');
      expect(login.body.upstreams).toEqual([]);
      expectNothingHidden(login.body);
    });

    it('keeps hidden entities out of the summary: entities, counts, problems, owners, systems', async () => {
      const reader = await as(READER, '/summary');
      expect(reader.status).toBe(200);
      expectNothingHidden(reader.body);
      const sre = await as(SRE, '/summary');
      expect(sre.body.total - reader.body.total).toBe(3); // auth-service, session-db, identity-core
      expect(
        reader.body.entities.find(
          (e: any) => e.entityRef === 'component:default/checkout',
        ).rootCause,
      ).toBe(HIDDEN_ENTITY_REF);
      // the outage itself is a problem only for those who may read it
      expect(reader.body.problems.map((p: any) => p.entityRef)).toEqual([
        'component:default/cart',
      ]);
      expect(sre.body.problems.map((p: any) => p.entityRef).sort()).toEqual([
        'component:default/auth-service',
        'component:default/cart',
      ]);
      // filtering by a hidden system finds nothing
      const bySystem = await as(
        READER,
        '/summary?system=system:default/identity-core',
      );
      expect(bySystem.body.total).toBe(0);
      // the facets name no hidden owner, system or domain
      expect(reader.body.facets.system).not.toContain(
        'system:default/identity-core',
      );
    });

    it('keeps hidden entities out of the paged rows and problems', async () => {
      for (const group of ['flat', 'owner', 'domain']) {
        const reader = await as(
          READER,
          `/summary/rows?group=${group}&limit=1000&history=7`,
        );
        const sre = await as(SRE, `/summary/rows?group=${group}&limit=1000`);
        expect(reader.status).toBe(200);
        expectNothingHidden(reader.body);
        expect(sre.body.entities - reader.body.entities).toBe(3);
        expect(JSON.stringify(sre.body)).toContain(
          'component:default/auth-service',
        );
      }
      const readerProblems = await as(READER, '/summary/problems');
      expect(readerProblems.body.total).toBe(1);
      expectNothingHidden(readerProblems.body);
      const sreProblems = await as(SRE, '/summary/problems');
      expect(sreProblems.body.total).toBe(2);
    });

    it('keeps hidden entities out of roll-ups and the incident feed', async () => {
      const identity = await as(READER, '/rollups/group/default/identity');
      expect(identity.status).toBe(200);
      expect(identity.body.members.map((m: any) => m.entityRef)).toEqual([
        'component:default/login-api',
      ]);
      expect(identity.body.upstreamProblems).toEqual([
        expect.objectContaining({
          entityRef: HIDDEN_ENTITY_REF,
          owner: null,
          impacts: ['component:default/login-api'],
        }),
      ]);
      expectNothingHidden(identity.body);
      const shop = await as(READER, '/rollups/system/default/shop-system');
      expectNothingHidden(shop.body);

      const feed = await as(READER, '/incidents');
      expect(feed.body.incidents).toEqual([]);
      const sreFeed = await as(SRE, '/incidents');
      expect(sreFeed.body.incidents.map((i: any) => i.title)).toEqual([
        'Token signing keys expired',
      ]);
    });

    it('keeps hidden entities out of the history: 404 for theirs, unnamed as upstreams', async () => {
      for (const path of [
        '/entities/component/default/auth-service/history',
        '/entities/component/default/auth-service/transitions?day=2026-01-01',
      ])
        expect((await as(READER, path)).status).toBe(404);

      const today = new Date().toISOString().slice(0, 10);
      const reader = await as(
        READER,
        '/entities/component/default/checkout/history?days=7',
      );
      expect(reader.status).toBe(200);
      expect(reader.body.days).toHaveLength(7);
      expect(reader.body.days[6].date).toBe(today);
      await waitForExpect(async () => {
        const again = await as(
          READER,
          '/entities/component/default/checkout/history?days=7',
        );
        expect(again.body.days[6].upstreamDowntimeMs).toBeGreaterThan(0);
        expect(again.body.days[6].upstreams[0].ref).toBe(HIDDEN_ENTITY_REF);
        expectNothingHidden(again.body);
      });
      const sre = await as(
        SRE,
        '/entities/component/default/checkout/history?days=7',
      );
      expect(sre.body.days[6].upstreams[0].ref).toBe(
        'component:default/auth-service',
      );

      const day = await as(
        READER,
        `/entities/component/default/checkout/transitions?day=${today}`,
      );
      expect(day.status).toBe(200);
      expect(day.body.transitions.at(-1)).toMatchObject({
        effectiveTo: 'major_outage',
        rootCauses: [
          {
            root: HIDDEN_ENTITY_REF,
            path: [
              'component:default/checkout',
              'component:default/login-api',
              HIDDEN_ENTITY_REF,
            ],
          },
        ],
      });
      expectNothingHidden(day.body);

      // roll-ups average the members the reader may see
      const identity = await as(
        READER,
        '/rollups/group/default/identity/history?days=7',
      );
      expect(identity.status).toBe(200);
      expect(identity.body.members).toBe(1); // login-api, not auth-service
      expect(identity.body.days[6].worst).toBe('major_outage');
      expectNothingHidden(identity.body);
      const identityForSre = await as(
        SRE,
        '/rollups/group/default/identity/history?days=7',
      );
      expect(identityForSre.body.members).toBe(3);
      expect(
        (await as(READER, '/rollups/system/default/identity-core/history'))
          .status,
      ).toBe(404);
      expect(
        (await as(SRE, '/rollups/component/default/checkout/history')).status,
      ).toBe(400);

      // incident response: the hidden service's only for its readers
      expect(
        (await as(READER, '/entities/component/default/auth-service/response'))
          .status,
      ).toBe(404);
      const readerTeam = await as(
        READER,
        '/rollups/group/default/identity/response',
      );
      expect(readerTeam.status).toBe(200);
      expect(readerTeam.body.services).toBe(0);
      expect(readerTeam.body.periods[0].current.incidents).toBe(0);
      const sreTeam = await as(SRE, '/rollups/group/default/identity/response');
      expect(sreTeam.body.services).toBe(1);
      expect(sreTeam.body.periods[0].current.incidents).toBe(1);

      // bounded input, refused with a reason
      for (const query of [
        'history?days=0',
        'history?days=401',
        'history?days=ninety',
        'transitions',
        'transitions?day=yesterday',
        'transitions?day=2026-13-45',
      ]) {
        const refused = await as(
          SRE,
          `/entities/component/default/checkout/${query}`,
        );
        expect(refused.status).toBe(400);
        expect(refused.body.error.name).toBe('InputError');
      }
    });

    it('lists maintenance only for entities the caller may read', async () => {
      const reader = await as(READER, '/maintenance');
      expect(reader.status).toBe(200);
      expect(reader.body.windows).toEqual([]);
      expectNothingHidden(reader.body);
      const sre = await as(SRE, '/maintenance');
      expect(sre.body.windows).toEqual([
        expect.objectContaining({
          description: 'Rotate signing keys',
          ongoing: false,
          entityRefs: ['component:default/auth-service'],
        }),
      ]);
      expect(
        (await as(READER, '/entities/component/default/auth-service')).status,
      ).toBe(404);
    });

    it('shows unmatched alerts and error details only to status admins', async () => {
      const denied = await as(READER, '/alerts/unmatched');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain('status.admin');
      const allowed = await as(SRE, '/alerts/unmatched');
      expect(allowed.status).toBe(200);
      expect(allowed.body.alerts[0].candidates).toContain(
        'component:default/auth-service',
      );
      const sources = await as(READER, '/alerts/sources');
      expect(sources.status).toBe(200);

      // PagerDuty refuses the on-call read: everyone learns that, only admins why
      sim.faults.endpoints['/oncalls'] = { mode: 'error', status: 403 };
      await scheduler().triggerTask('status-pagerduty-sync');
      const oncallsOf = async (user: string) =>
        (
          await as(user, '/entities/component/default/login-api')
        ).body.freshness.pagerDuty.parts.find((p: any) => p.part === 'oncalls');
      expect((await oncallsOf(READER)).lastError).toBe(
        'PagerDuty answered HTTP 403 (details for status admins)',
      );
      expect((await oncallsOf(SRE)).lastError).toMatch(
        /^PagerDuty answered 403 to GET \/oncalls/,
      );
      const summary = await as(READER, '/summary');
      expect(JSON.stringify(summary.body.freshness)).not.toContain('/oncalls');
      delete sim.faults.endpoints['/oncalls'];
    });

    it('pushes no entity ref to anyone, and gives entity channels only to their readers', async () => {
      const channels = new Map<string, string>();
      for (const name of ['checkout', 'cart', 'login-api', 'profile-api']) {
        const res = await as(READER, `/entities/component/default/${name}`);
        channels.set(name, res.body.liveChannel);
      }
      const authChannel = (
        await as(IDENTITY_DEV, '/entities/component/default/auth-service')
      ).body.liveChannel;
      expect(authChannel).toMatch(/^status:[\w-]{32}$/);
      expect([...channels.values()]).not.toContain(authChannel);
      // the same entity has the same channel whoever reads it
      expect(
        (await as(SRE, '/entities/component/default/checkout')).body
          .liveChannel,
      ).toBe(channels.get('checkout'));

      published.length = 0;
      await request(server)
        .post('/api/status/webhooks/alertmanager')
        .set('Authorization', `Bearer ${ALERT_SECRET}`)
        .send(
          alertmanagerGroup({
            fingerprint: 'edge-1',
            status: 'resolved',
            extraLabels: { team: 'shared-edge' },
          }),
        )
        .expect(202);
      await waitForExpect(() =>
        expect(published.map(p => p.channel)).toContain(authChannel),
      );
      for (const { message } of published) {
        expect(Object.keys(message as object).sort()).toEqual([
          'at',
          'scope',
          'type',
        ]);
      }
      expectNothingHidden(published);
    });
  });
});
