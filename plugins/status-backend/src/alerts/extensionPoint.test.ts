import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AlertSource,
  hasHmacSignature,
  statusAlertSourcesExtensionPoint,
} from '@status-layer/plugin-status-node';
import { createHmac } from 'node:crypto';
import request from 'supertest';
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
});
