import { mockCredentials } from '@backstage/backend-test-utils';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  entities,
  startShopSimulator,
} from '../__testUtils__/shopOrganisation';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(60_000);

const DANA = 'user:default/dana';

describe('subscriptions', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    let server: any;
    const as = (method: 'get' | 'put' | 'delete', path: string) =>
      request(server)
        [method](`/api/status${path}`)
        .set('Authorization', mockCredentials.user.header(DANA));

    beforeAll(async () => {
      sim = await startShopSimulator();
      server = await startStatusTestBackend({
        knex: await databases.init(databaseId),
        entities,
        runStartupTasks: true,
        config: {
          status: {
            pagerDuty: { apiToken: 'simulator-token', apiBaseUrl: sim.url },
            notifications: { enabled: true, maxSubscriptionsPerUser: 2 },
          },
        },
      });
      // the engine reads the catalog at start-up: 503 until then
      await waitForExpect(async () => {
        const res = await as('get', '/subscriptions');
        if (res.status !== 200)
          throw new Error(`GET /subscriptions answered ${res.status} so far`);
      });
    });
    afterAll(() => sim?.close());

    it('keeps each user within the configured number, and says so', async () => {
      expect(
        (await as('put', '/subscriptions/component/default/cart-api')).status,
      ).toBe(201);
      expect(
        (await as('put', '/subscriptions/group/default/shop')).status,
      ).toBe(201);
      // following again what one follows is no new subscription
      const again = await as(
        'put',
        '/subscriptions/component/default/cart-api',
      );
      expect(again.status).toBe(200);
      expect(again.body.entityRef).toBe('component:default/cart-api');

      const third = await as(
        'put',
        '/subscriptions/component/default/shop-web',
      );
      expect(third.status).toBe(409);
      expect(third.body.error.message).toBe(
        'You follow 2 entities already, the most allowed; unfollow one first',
      );
      const list = (await as('get', '/subscriptions')).body;
      expect(list).toMatchObject({ max: 2, notificationsEnabled: true });
      expect(list.subscriptions.map((s: any) => s.entityRef)).toEqual([
        'component:default/cart-api',
        'group:default/shop',
      ]);
      // a roll-up has no level of its own
      expect(list.subscriptions[1]).toMatchObject({
        title: 'shop',
        level: null,
      });

      expect(
        (await as('delete', '/subscriptions/group/default/shop')).status,
      ).toBe(204);
      expect(
        (await as('put', '/subscriptions/component/default/shop-web')).status,
      ).toBe(201);
    });

    it('refuses what cannot be followed with a clear message', async () => {
      const user = await as('put', '/subscriptions/user/default/dana');
      expect(user.status).toBe(400);
      expect(user.body.error.message).toBe(
        'Only component, api, resource, system, domain, group can be followed; not user',
      );
      const unknown = await as(
        'put',
        '/subscriptions/component/default/no-such',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No entity component:default/no-such in the catalog',
      );
    });
  });
});
