import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { startStatusTestBackend } from './__testUtils__/startStatusTestBackend';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'cart-api',
      annotations: {
        'pagerduty.com/service-id': 'PCART01',
        'status.backstage.io/critical-dependencies': 'membership-api',
      },
    },
    spec: { type: 'service', owner: 'ecommerce', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'quote-engine',
      annotations: { 'pagerduty.com/service-id': 'not-an-id' },
    },
    spec: { type: 'service', owner: 'insurance', lifecycle: 'production' },
  },
];

const databases = createTestDatabases();

describe('status backend plugin', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function startBackend(config: object = {}) {
      return startStatusTestBackend({
        knex: await databases.init(databaseId),
        entities,
        config,
      });
    }

    it('reports readiness with the database and PagerDuty state', async () => {
      const server = await startBackend({
        status: { pagerDuty: { apiToken: 'secret-token' } },
      });
      const res = await request(server).get('/api/status/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: 'ok',
        pagerDutyMode: 'live',
        checkedAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain('secret-token');
    });

    it('says when the data is simulated', async () => {
      const server = await startBackend({
        status: { demo: { simulator: { enabled: true } } },
      });
      const res = await request(server).get('/api/status/health');
      expect(res.body.pagerDutyMode).toBe('simulated');
    });

    it('says when PagerDuty is not configured', async () => {
      const server = await startBackend();
      const res = await request(server).get('/api/status/health');
      expect(res.body.pagerDutyMode).toBe('unconfigured');
    });

    it('refuses callers without credentials', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/status/health')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it('serves the status configuration of an entity', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/status/entity-configuration')
        .query({ entityRef: 'component:cart-api' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/cart-api',
        pagerDutyServiceIds: ['PCART01'],
        pagerDutyAccount: 'default',
        criticalDependencies: ['component:default/membership-api'],
        alertMatchers: {},
        monitored: true,
        problems: [],
      });
    });

    it('reports a malformed annotation as a problem, not an error', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/status/entity-configuration')
        .query({ entityRef: 'component:default/quote-engine' });
      expect(res.status).toBe(200);
      expect(res.body.monitored).toBe(false);
      expect(res.body.problems).toEqual([
        expect.objectContaining({ annotation: 'pagerduty.com/service-id' }),
      ]);
    });

    it('answers 404 for an unknown entity and 400 for a bad ref', async () => {
      const server = await startBackend();
      const missing = await request(server)
        .get('/api/status/entity-configuration')
        .query({ entityRef: 'component:default/nope' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('component:default/nope');

      const bad = await request(server)
        .get('/api/status/entity-configuration')
        .query({ entityRef: '' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
    });
  });
});
