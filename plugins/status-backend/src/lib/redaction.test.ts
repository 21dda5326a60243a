import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import request from 'supertest';
import { captureLogs } from '../__testUtils__/capturedLogs';
import { scrubSecretsFromUrl, SecretRedactor } from './redaction';

describe('SecretRedactor', () => {
  it('removes known secrets and anything shaped like a credential', () => {
    const redactor = new SecretRedactor();
    redactor.add('s3cret-webhook-value', ' ', undefined, 'abc');
    const line = [
      'sent s3cret-webhook-value twice: s3cret-webhook-value',
      'GET /webhooks/azure?entity=a&token=hunter2hunter2&x=1',
      'Authorization: Bearer eyJhbGciOi.payload.sig',
      'Authorization: Token token=y_NbAkKc66ryYTWUXYEu',
      `X-PagerDuty-Signature: v1=${'ab'.repeat(32)}`,
      // short values are not searched for: they would blank ordinary words
      'abc stays',
    ].join('\n');
    const redacted = redactor.redact(line);
    for (const secret of [
      's3cret-webhook-value',
      'hunter2hunter2',
      'eyJhbGciOi',
      'y_NbAkKc66ryYTWUXYEu',
      'ab'.repeat(32),
    ])
      expect(redacted).not.toContain(secret);
    expect(redacted).toContain('entity=a&token=[redacted]&x=1');
    expect(redacted).toContain('Bearer [redacted]');
    expect(redacted).toContain('abc stays');
  });

  it('redacts the lines, fields, errors and children of a logger', () => {
    const logs = captureLogs();
    const redactor = new SecretRedactor();
    redactor.add('pd-token-0123456789');
    const logger = redactor.logger(logs.root);
    logger
      .child({ url: '/x?token=abcdefgh' })
      .warn('failed with pd-token-0123456789', {
        detail: { header: 'Bearer pd-token-0123456789' },
      });
    logger.error('sync failed', new Error('401 for token pd-token-0123456789'));
    expect(logs.text()).not.toContain('pd-token-0123456789');
    expect(logs.text()).not.toContain('abcdefgh');
    expect(logs.lines.map(l => l.message)).toEqual([
      'failed with [redacted]',
      'sync failed',
    ]);
    expect(logs.lines[1].meta.error).toBe('Error: 401 for token [redacted]');
  });
});

describe('scrubSecretsFromUrl', () => {
  it("keeps the token out of Backstage's access log while the receiver still reads it", async () => {
    const logs = captureLogs();
    const middleware = MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger: logs.root,
    });
    const redactor = new SecretRedactor();
    const app = express();
    // as the backend's root router does: the access log first
    app.use(middleware.logging());
    const plugin = express.Router();
    plugin.use(scrubSecretsFromUrl(redactor));
    plugin.post('/webhooks/:source', (req, res) => {
      res.json({ token: req.query.token });
    });
    app.use('/api/status', plugin);

    const res = await request(app)
      .post('/api/status/webhooks/azure?token=azure-url-secret-42&entity=x')
      .send({});
    expect(res.body).toEqual({ token: 'azure-url-secret-42' });
    const accessLog = logs.lines.find(l => l.meta.type === 'incomingRequest');
    expect(accessLog?.message).toContain(
      'POST /api/status/webhooks/azure?token=[redacted]&entity=x',
    );
    expect(logs.text()).not.toContain('azure-url-secret-42');
  });
});
