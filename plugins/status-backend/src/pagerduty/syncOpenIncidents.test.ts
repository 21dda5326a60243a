import { mockServices } from '@backstage/backend-test-utils';
import { DAY_MS } from '@status-layer/plugin-status-common';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseStatusStore } from '../database';
import { PagerDutyClient, PagerDutyQuery } from './PagerDutyClient';
import { PagerDutyRestClient } from './PagerDutyRestClient';
import { PagerDutySync } from './PagerDutySync';

jest.setTimeout(120_000);

describe('open incidents beyond what offset pagination reaches', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;

    beforeEach(async () => {
      sim = await startPagerDutySimulator({ seed: 31 });
    });
    afterEach(() => sim.close());

    /** A sync whose client records the query of every read of /incidents. */
    async function setUp() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const rest = new PagerDutyRestClient({
        apiBaseUrl: sim.url,
        apiToken: 'simulator-token',
        logger: mockServices.logger.mock(),
      });
      const queries: PagerDutyQuery[] = [];
      const client: PagerDutyClient = {
        get: (path, query, key, options) => {
          if (path === '/incidents') queries.push(query);
          return rest.get(path, query, key, options);
        },
        list: (path, query, key, options) => {
          if (path === '/incidents') queries.push(query);
          return rest.list(path, query, key, options);
        },
        post: (path, data, key, options) => rest.post(path, data, key, options),
        put: (path, data, key, options) => rest.put(path, data, key, options),
        get requestsSent() {
          return rest.requestsSent;
        },
      };
      const sync = new PagerDutySync({
        account: 'default',
        client,
        store,
        logger: mockServices.logger.mock(),
      });
      await sync.syncOnce(); // the services, to split by
      queries.length = 0;
      return { store, sync, queries };
    }

    it('reads more than 10,000 open incidents of one service by status, urgency and windows of creation time', async () => {
      const { store, sync, queries } = await setUp();
      const cart = sim.state.service('cart-api').id;
      const now = Date.now();
      // 10,100 triggered of high urgency opened in the last 30 days, and 300
      // over the 400 days before: more than one range PagerDuty takes
      for (let i = 0; i < 10_100; i++)
        sim.state.trigger({
          service: cart,
          title: `Storm ${i}`,
          at: new Date(now - 30 * DAY_MS + i * ((30 * DAY_MS) / 10_100)),
          silent: true,
        });
      for (let i = 0; i < 300; i++)
        sim.state.trigger({
          service: cart,
          title: `Old ${i}`,
          at: new Date(now - 430 * DAY_MS + i * ((400 * DAY_MS) / 300)),
          silent: true,
        });
      // and a few acknowledged, and a few of low urgency
      for (let i = 0; i < 40; i++) {
        const { id } = sim.state.trigger({
          service: cart,
          title: `Acknowledged ${i}`,
          silent: true,
        });
        sim.state.acknowledge(id, { silent: true });
        sim.state.trigger({
          service: cart,
          title: `Low ${i}`,
          urgency: 'low',
          silent: true,
        });
      }
      const open = sim.state.openIncidents();
      expect(open.filter(i => i.serviceId === cart).length).toBe(10_480);

      const result = await sync.syncOnce();
      expect(result.parts.find(p => p.part === 'incidents')).toEqual({
        part: 'incidents',
        ok: true,
      });
      expect(result.openIncidents).toBe(open.length);
      expect(new Set((await store.listOpenIncidents()).map(i => i.id))).toEqual(
        new Set(open.map(i => i.id)),
      );

      // the service alone, by status and urgency, then by windows that PagerDuty takes
      const windows = queries.filter(q => q.since !== undefined);
      expect(windows.length).toBeGreaterThan(0);
      for (const query of windows) {
        expect(query).toMatchObject({
          'service_ids[]': [cart],
          'statuses[]': ['triggered'],
          'urgencies[]': ['high'],
        });
        // date_range=all would make PagerDuty ignore since and until
        expect(query.date_range).toBeUndefined();
        const span =
          Date.parse(query.until as string) - Date.parse(query.since as string);
        expect(span).toBeGreaterThan(0);
        expect(span).toBeLessThanOrEqual(180 * DAY_MS);
      }
      // the busy month took halved windows
      expect(
        windows.some(
          q =>
            Date.parse(q.until as string) - Date.parse(q.since as string) <
            45 * DAY_MS,
        ),
      ).toBe(true);
      // no list of a slice ran past what offset pagination reaches
      expect(result.requests).toBeLessThan(500);
    });

    it('says so plainly when one service has more than 10,000 open incidents opened within one second', async () => {
      const { store, sync } = await setUp();
      const cart = sim.state.service('cart-api').id;
      const at = new Date(Math.floor(Date.now() / 1000) * 1000 - DAY_MS);
      for (let i = 0; i < 10_001; i++)
        sim.state.trigger({
          service: cart,
          title: `Burst ${i}`,
          at,
          silent: true,
        });
      const result = await sync.syncOnce();
      expect(result.parts.find(p => p.part === 'incidents')).toEqual({
        part: 'incidents',
        ok: false,
        error: `PagerDuty service ${cart} has more than 10000 open incidents (triggered, high urgency) created within one second, more than offset pagination reaches`,
      });
      // the parts read per open incident are left out, and say why
      expect(result.parts.filter(p => p.skipped).map(p => p.part)).toEqual([
        'alerts',
        'notes',
      ]);
      expect(await store.listOpenIncidents()).toEqual([]);
    });
  });
});
