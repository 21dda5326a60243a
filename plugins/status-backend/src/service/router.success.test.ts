import {
  PagerDutySimulator,
  alertmanagerGroup,
} from '@internal/pagerduty-simulator';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  entities,
  startShopSimulator,
  triggerLoginOutage,
} from '../__testUtils__/shopOrganisation';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(60_000);

/** Every read route answering what a reader came for, over HTTP, during an outage. */
describe('the status API routes on success', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    let server: any;
    const get = (path: string) => request(server).get(`/api/status${path}`);

    beforeAll(async () => {
      sim = await startShopSimulator();
      triggerLoginOutage(sim);
      // planned for tomorrow: shown, not in force
      sim.state.startMaintenance({
        services: ['shop-web'],
        minutes: 60,
        description: 'Checkout redesign roll-out',
        at: new Date(Date.now() + 24 * 3_600_000),
      });
      server = await startStatusTestBackend({
        knex: await databases.init(databaseId),
        entities,
        runStartupTasks: true,
        config: {
          status: {
            pagerDuty: { apiToken: 'simulator-token', apiBaseUrl: sim.url },
            alerts: { sources: { alertmanager: { secret: 'am-secret' } } },
          },
        },
      });
      // the start-up sync and catalog read have reached the engine
      await waitForExpect(async () => {
        const res = await get('/entities/component/default/cart-api');
        if (res.body.levels?.effective !== 'major_outage')
          throw new Error(`cart-api is ${res.body.levels?.effective} so far`);
      });
    });
    afterAll(() => sim?.close());

    it('GET /health says the database and PagerDuty are live', async () => {
      const res = await get('/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        database: 'ok',
        pagerDutyMode: 'live',
      });
    });

    it('GET /entity-configuration names the services and critical dependencies', async () => {
      const res = await get('/entity-configuration')
        .query({ entityRef: 'component:default/cart-api' })
        .expect(200);
      expect(res.body).toMatchObject({
        pagerDutyServiceIds: ['PCART00'],
        criticalDependencies: ['component:default/membership-api'],
        monitored: true,
        problems: [],
      });
    });

    it('GET /entities/... lists a planned maintenance window without putting the entity under maintenance', async () => {
      const res = await get('/entities/component/default/shop-web').expect(200);
      expect(res.body.levels.effective).not.toBe('under_maintenance');
      expect(res.body.maintenance).toEqual([
        expect.objectContaining({
          description: 'Checkout redesign roll-out',
          ongoing: false,
          createdBy: expect.any(String),
        }),
      ]);
      const other = await get('/entities/component/default/cart-api');
      expect(other.body.maintenance).toEqual([]);
    });

    it('GET /summary/rows?history=7 gives each entity row its worst level per day', async () => {
      const res = await get('/summary/rows?group=flat&history=7').expect(200);
      const row = (ref: string) =>
        res.body.rows.find((r: any) => r.entity?.entityRef === ref);
      const auth = row('component:default/auth-service');
      expect(auth.entity.recent).toHaveLength(7);
      // recording began today (or just before midnight): older days have no data
      expect(auth.entity.recent.slice(0, 5)).toEqual(Array(5).fill(null));
      expect(auth.entity.recent[6]).toBe('major_outage');
      // without the parameter, no history is read
      const plain = await get('/summary/rows?group=flat').expect(200);
      expect(plain.body.rows[0].entity.recent).toBeUndefined();
      for (const bad of ['0', '15', 'week'])
        await get(`/summary/rows?history=${bad}`).expect(400);
    });

    it('GET /maintenance lists the planned window with the entity it covers', async () => {
      const res = await get('/maintenance').expect(200);
      expect(res.body.windows).toEqual([
        expect.objectContaining({
          description: 'Checkout redesign roll-out',
          ongoing: false,
          entityRefs: ['component:default/shop-web'],
        }),
      ]);
    });

    it('GET /entities/... explains an inherited outage with its root cause, path and on-call', async () => {
      const res = await get('/entities/component/default/cart-api').expect(200);
      expect(res.body.levels).toEqual({
        own: 'operational',
        inherited: 'major_outage',
        effective: 'major_outage',
      });
      expect(res.body.rootCauses).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/auth-service',
          path: [
            'component:default/cart-api',
            'component:default/membership-api',
            'component:default/auth-service',
          ],
        }),
      ]);
      expect(res.body.liveChannel).toMatch(/^status:[\w-]{32}$/);
    });

    it('GET /summary counts levels, filters, and lists the problem with its blast radius', async () => {
      const all = await get('/summary').expect(200);
      expect(all.body.counts.major_outage).toBe(3);
      expect(all.body.problems.map((p: any) => p.entityRef)).toEqual([
        'component:default/auth-service',
      ]);
      const shop = await get('/summary')
        .query({
          owner: 'group:default/shop',
          include: 'upstreams',
          level: 'major_outage',
        })
        .expect(200);
      expect(shop.body.entities.map((e: any) => e.name).sort()).toEqual([
        'auth-service',
        'cart-api',
        'membership-api',
      ]);
    });

    it('GET /levels gives the catalog column what it shows: a misconfigured entity apart from an operational one', async () => {
      const res = await get(
        '/levels?entityRef=component:default/quote-engine&entityRef=component:default/cart-api',
      ).expect(200);
      expect(res.body.levels).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/quote-engine',
          effective: 'operational',
          misconfigured: true,
        }),
        expect.not.objectContaining({ misconfigured: expect.anything() }),
      ]);
    });

    it('GET /incidents lists the open incident with its entity', async () => {
      const res = await get('/incidents').expect(200);
      expect(res.body.incidents).toEqual([
        expect.objectContaining({
          title: 'Login failing',
          serviceId: 'PAUTH00',
          entities: [
            {
              entityRef: 'component:default/auth-service',
              level: 'major_outage',
            },
          ],
        }),
      ]);
    });

    it('GET /rollups/... rolls up a team with the broken upstream outside it', async () => {
      const res = await get('/rollups/group/default/shop').expect(200);
      expect(res.body.level).toBe('major_outage');
      expect(res.body.upstreamProblems.map((p: any) => p.entityRef)).toEqual([
        'component:default/auth-service',
      ]);
    });

    it('GET /alerts/sources and /alerts/unmatched show the tools and an alert that fits no entity', async () => {
      await request(server)
        .post('/api/status/webhooks/alertmanager')
        .set('Authorization', 'Bearer am-secret')
        .send(
          alertmanagerGroup({
            fingerprint: 'orphan',
            extraLabels: { job: 'mystery' },
          }),
        )
        .expect(202);
      const sources = await get('/alerts/sources').expect(200);
      expect(sources.body.sources).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'alertmanager', enabled: true }),
          expect.objectContaining({ id: 'datadog', enabled: false }),
        ]),
      );
      await waitForExpect(async () => {
        const unmatched = await get('/alerts/unmatched').expect(200);
        expect(unmatched.body.alerts.map((a: any) => a.fingerprint)).toEqual([
          'orphan',
        ]);
      });
    });
  });
});
