import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { captureLogs } from './__testUtils__/capturedLogs';
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
        backend: { listen: { host: '127.0.0.1' } },
        status: { demo: { enabled: true } },
      });
      const res = await request(server).get('/api/status/health');
      expect(res.body.pagerDutyMode).toBe('simulated');
    });

    it('refuses the demo where others can reach it: every source off, each logged', async () => {
      // a production build (Jest's NODE_ENV is "test") on every interface,
      // with the embedded defaults' demo switch
      const logs = captureLogs();
      const server = await startStatusTestBackend({
        knex: await databases.init(databaseId),
        entities,
        config: {
          backend: { listen: ':7007' },
          status: {
            demo: { enabled: true },
            alerts: { sources: { grafana: { secret: 'grafana-own-secret' } } },
          },
        },
        features: [logs.factory],
      });
      const health = await request(server).get('/api/status/health');
      expect(health.body.pagerDutyMode).toBe('unconfigured');
      // the documented demo secret opens nothing
      await request(server)
        .post('/api/status/webhooks/alertmanager')
        .set('Authorization', 'Bearer demo-alertmanager-secret')
        .send({ version: '4', status: 'firing', alerts: [] })
        .expect(401);
      // a source with its own secret still works
      await request(server)
        .post('/api/status/webhooks/grafana')
        .set('Authorization', 'Bearer grafana-own-secret')
        .send({ version: '4', status: 'firing', alerts: [] })
        .expect(202);
      const errors = logs.lines
        .filter(line => line.level === 'error')
        .map(line => line.message);
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            'status.demo.enabled is true, but the backend listens on every interface',
          ),
          expect.stringContaining('PagerDuty is off'),
          expect.stringContaining(
            'Alerts from Prometheus Alertmanager are off: status.alerts.sources.alertmanager.secret is not set',
          ),
          expect.stringContaining('Alerts from StatusCake are off'),
        ]),
      );
      expect(errors.join('\n')).not.toContain('Alerts from Grafana are off');
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
        alertAnnotations: [],
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
