import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart-api', namespace: 'default' },
    spec: { type: 'service', owner: 'shop', lifecycle: 'production' },
  },
];

const databases = createTestDatabases();

describe('the status API routes', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function startBackend() {
      return startStatusTestBackend({
        knex: await databases.init(databaseId),
        entities,
      });
    }

    it('require a signed-in caller', async () => {
      const server = await startBackend();
      for (const path of [
        '/api/status/summary',
        '/api/status/summary/rows',
        '/api/status/summary/problems',
        '/api/status/incidents',
        '/api/status/entities/component/default/cart-api',
        '/api/status/rollups/group/default/shop',
        // before their input is read: bad input too answers 401
        '/api/status/levels',
        '/api/status/levels?entityRef=component:default/cart-api',
        '/api/status/summary?level=purple',
        '/api/status/entities/component/default/cart-api/history?days=0',
      ]) {
        const res = await request(server)
          .get(path)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      }
    });

    it('validate their input', async () => {
      const server = await startBackend();
      const badLevel = await request(server)
        .get('/api/status/summary')
        .query({ level: 'broken' });
      expect(badLevel.status).toBe(400);
      expect(badLevel.body.error.message).toContain('Unknown level "broken"');
      for (const [path, query, message] of [
        [
          '/summary',
          { limit: '5001' },
          'limit must be a whole number from 0 to 5000',
        ],
        ['/summary/rows', { offset: '-3' }, 'offset must be a whole number'],
        ['/summary/rows', { group: 'team' }, 'Unknown group "team"'],
        ['/summary/rows', { collapsed: 'x'.repeat(601) }, 'longer than 600'],
        ['/summary/problems', { limit: '201' }, 'from 0 to 200'],
      ] as const) {
        const res = await request(server)
          .get(`/api/status${path}`)
          .query(query);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      }
      const missing = await request(server).get(
        '/api/status/entities/component/default/nope',
      );
      expect(missing.status).toBe(404);
      const notARollup = await request(server).get(
        '/api/status/rollups/component/default/cart-api',
      );
      expect(notARollup.status).toBe(400);
      expect(notARollup.body.error.message).toContain(
        'Roll-ups exist for system, domain, group',
      );
    });

    it('say clearly that no PagerDuty is configured', async () => {
      const server = await startBackend();
      const res = await request(server).get(
        '/api/status/entities/component/default/cart-api',
      );
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain('status.pagerDuty.apiToken');
    });
  });
});
