import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AlertSource,
  hasHmacSignature,
  hasSharedSecret,
  statusAlertSourcesExtensionPoint,
} from '@status-layer/plugin-status-node';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

// A tool that signs its bodies, added by a module without touching the plugin.
const signingTool: AlertSource = {
  id: 'signing-tool',
  title: 'Signing tool',
  authenticate: (req, { secret }) =>
    hasHmacSignature(req, secret, 'x-signature', 'sha256='),
  parse: (req, { receivedAt }) => [
    {
      source: 'signing-tool',
      fingerprint: String((req.body as any).id),
      state: 'firing',
      severity: 'warning',
      title: 'Signed alert',
      startedAt: receivedAt.toISOString(),
      labels: {},
    },
  ],
};

// A tool whose alerts an entity names by its own annotation, all in this one file.
const MONITOR_ANNOTATION = 'uptime-tool.example.com/monitor-id';
const uptimeTool: AlertSource = {
  id: 'uptime-tool',
  title: 'Uptime tool',
  credentialsIn: 'request',
  matcher: {
    annotation: MONITOR_ANNOTATION,
    by: 'keys',
    check: value =>
      value
        .split(',')
        .map(id => id.trim())
        .filter(id => !/^mon-\d+$/.test(id))
        .map(id => `"${id}" is not a monitor ID; they look like mon-12.`),
  },
  authenticate: (req, { secret }) => hasSharedSecret(req, secret),
  parse: (req, { receivedAt }) => {
    const body = req.body as { monitor: string; down: boolean };
    return [
      {
        source: 'uptime-tool',
        fingerprint: body.monitor,
        state: body.down ? 'firing' : 'resolved',
        severity: 'critical',
        title: `Monitor ${body.monitor} is ${body.down ? 'down' : 'up'}`,
        startedAt: receivedAt.toISOString(),
        labels: {},
        targets: { keys: [body.monitor] },
      },
    ];
  },
};

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'shop', lifecycle: 'production' },
});

jest.setTimeout(60_000);

describe('the alert sources extension point', () => {
  const databases = createTestDatabases();
  it.each(databases.eachSupportedId())(
    'serves a source a module adds, with its own authentication, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await startStatusTestBackend({
        knex,
        config: {
          status: {
            alerts: { sources: { 'signing-tool': { secret: 'hmac-key' } } },
          },
        },
        features: [
          createBackendModule({
            pluginId: 'status',
            moduleId: 'signing-tool',
            register(reg) {
              reg.registerInit({
                deps: { alertSources: statusAlertSourcesExtensionPoint },
                async init({ alertSources }) {
                  alertSources.addAlertSource(signingTool);
                },
              });
            },
          }),
        ],
      });
      const body = JSON.stringify({ id: 42 });
      const signature = createHmac('sha256', 'hmac-key')
        .update(body)
        .digest('hex');
      await request(server)
        .post('/api/status/webhooks/signing-tool')
        .set('Content-Type', 'application/json')
        .set('X-Signature', `sha256=${signature}`)
        .send(body)
        .expect(202, { accepted: 1 });
      await request(server)
        .post('/api/status/webhooks/signing-tool')
        .set('Content-Type', 'application/json')
        .set('X-Signature', `sha256=${'0'.repeat(64)}`)
        .send(body)
        .expect(401);
      expect(await knex('status_alerts').pluck('fingerprint')).toEqual(['42']);
    },
  );

  it.each(databases.eachSupportedId())(
    "matches a module's tool to entities by the annotation its source declares, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const server = await startStatusTestBackend({
        knex,
        entities: [
          component('checkout', { [MONITOR_ANNOTATION]: 'mon-7, mon-8' }),
          component('search', { [MONITOR_ANNOTATION]: 'mon-9' }),
          component('typo', { [MONITOR_ANNOTATION]: 'mon-5, MON 6' }),
          // a name equal to the monitor's: the annotation is what matches
          component('mon-1'),
        ],
        runStartupTasks: true,
        config: {
          status: {
            alerts: { sources: { 'uptime-tool': { secret: 'uptime-secret' } } },
          },
        },
        features: [
          createBackendModule({
            pluginId: 'status',
            moduleId: 'uptime-tool',
            register(reg) {
              reg.registerInit({
                deps: { alertSources: statusAlertSourcesExtensionPoint },
                async init({ alertSources }) {
                  alertSources.addAlertSource(uptimeTool);
                },
              });
            },
          }),
        ],
      });
      for (const monitor of ['mon-8', 'mon-404'])
        await request(server)
          .post('/api/status/webhooks/uptime-tool')
          .set('Authorization', 'Bearer uptime-secret')
          .send({ monitor, down: true })
          .expect(202, { accepted: 1 });
      const statusOf = async (name: string) =>
        (
          await request(server)
            .get(`/api/status/entities/component/default/${name}`)
            .set('Authorization', mockCredentials.user.header())
            .expect(200)
        ).body;
      await waitForExpect(async () => {
        const checkout = await statusOf('checkout');
        expect(checkout.alerts).toEqual([
          expect.objectContaining({
            source: 'uptime-tool',
            sourceTitle: 'Uptime tool',
            title: 'Monitor mon-8 is down',
            match: { rule: 'annotation', annotation: MONITOR_ANNOTATION },
          }),
        ]);
        expect(checkout.levels.own).toBe('major_outage');
      });
      // the annotation alone makes an entity monitored, before any alert
      const search = await statusOf('search');
      expect(search.alerts).toEqual([]);
      expect(search.monitored).toBe(true);
      expect(search.levels.own).toBe('operational');
      // the module's own check reports a malformed value, naming it
      const problem = {
        annotation: MONITOR_ANNOTATION,
        message: '"MON 6" is not a monitor ID; they look like mon-12.',
      };
      expect((await statusOf('typo')).problems).toEqual([problem]);
      const configuration = await request(server)
        .get('/api/status/entity-configuration')
        .query({ entityRef: 'component:default/typo' })
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      expect(configuration.body).toMatchObject({
        alertAnnotations: [MONITOR_ANNOTATION],
        monitored: true,
        problems: [problem],
      });
      // a monitor no entity names stays unmatched, and says which line would map it
      const unmatched = await request(server)
        .get('/api/status/alerts/unmatched')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      expect(JSON.stringify(unmatched.body)).toContain(
        `${MONITOR_ANNOTATION}: mon-404`,
      );
    },
  );
});
