import {
  alertmanagerGroup,
  azureAlert,
  eventsV2,
} from '@internal/pagerduty-simulator';
import { Knex } from 'knex';
import request from 'supertest';
import { captureLogs } from '../__testUtils__/capturedLogs';
import { createTestDatabases } from '../__testUtils__/databases';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';
import { ALERT_BOUNDS } from './alertBounds';

const SECRETS = {
  alertmanager: 'am-secret-value',
  generic: 'generic-secret-value',
  azure: 'azure-secret-value',
};

describe('alert webhooks refuse cheaply, store nothing of a refused request and log no secret', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let logs: ReturnType<typeof captureLogs>;
    async function start(alerts: object = {}) {
      knex = await databases.init(databaseId);
      logs = captureLogs();
      return startStatusTestBackend({
        knex,
        features: [logs.factory],
        config: {
          status: {
            alerts: {
              ...alerts,
              sources: Object.fromEntries(
                Object.entries(SECRETS).map(([id, secret]) => [
                  id,
                  { secret, ...(alerts as any).sources?.[id] },
                ]),
              ),
            },
          },
        },
      });
    }
    const post = (server: any, source: string, secret?: string) => {
      const req = request(server).post(`/api/status/webhooks/${source}`);
      return secret ? req.set('Authorization', `Bearer ${secret}`) : req;
    };
    const stored = async () =>
      (
        await knex('status_alerts').select('fingerprint').orderBy('fingerprint')
      ).map(r => r.fingerprint);

    it('checks the secret before it reads the body', async () => {
      const server = await start();
      // a malformed body with a wrong secret is a 401, not a 400: the body
      // of a stranger is never parsed
      const res = await post(server, 'alertmanager', 'not-the-secret')
        .set('Content-Type', 'application/json')
        .send('{"alerts": [')
        .expect(401);
      expect(res.body.error.message).not.toContain('JSON');
      // an unknown source, a source without a secret and a wrong secret: one answer
      const unknown = await post(server, 'no-such-tool', 'x').send({});
      const unconfigured = await post(server, 'datadog', 'x').send({});
      expect(unknown.status).toBe(401);
      expect(unconfigured.status).toBe(401);
      expect(unconfigured.body.error).toEqual(unknown.body.error);
      expect(res.body.error).toEqual(unknown.body.error);
    });

    it('refuses fields past their bounds with 400 naming the field, and keeps what was stored', async () => {
      const server = await start();
      await post(server, 'generic', SECRETS.generic)
        .send(eventsV2({ dedupKey: 'good-one' }))
        .expect(202);
      const longSummary = eventsV2({ dedupKey: 'long-title' });
      longSummary.payload.summary = 'x'.repeat(ALERT_BOUNDS.title + 1);
      const title = await post(server, 'generic', SECRETS.generic)
        .send(longSummary)
        .expect(400);
      expect(title.body.error.message).toContain(
        'The title is 2049 characters long',
      );

      const manyLabels = alertmanagerGroup({
        fingerprint: 'many-labels',
        extraLabels: Object.fromEntries(
          Array.from({ length: ALERT_BOUNDS.labels + 1 }, (_, i) => [
            `l${i}`,
            'v',
          ]),
        ),
      });
      const labels = await post(server, 'alertmanager', SECRETS.alertmanager)
        .send(manyLabels)
        .expect(400);
      expect(labels.body.error.message).toContain('labels or tags');

      const longValue = alertmanagerGroup({
        fingerprint: 'long-label',
        extraLabels: { team: 'y'.repeat(ALERT_BOUNDS.labelValue + 1) },
      });
      await post(server, 'alertmanager', SECRETS.alertmanager)
        .send(longValue)
        .expect(400);

      const group = alertmanagerGroup({ fingerprint: 'one' });
      const crowd = {
        ...group,
        alerts: Array.from(
          { length: ALERT_BOUNDS.alertsPerRequest + 1 },
          (_, i) => ({ ...group.alerts[0], fingerprint: `crowd-${i}` }),
        ),
      };
      const many = await post(server, 'alertmanager', SECRETS.alertmanager)
        .send(crowd)
        .expect(400);
      expect(many.body.error.message).toContain(
        'send at most 1000 per request',
      );

      // an alert that nothing identifies: no fingerprint, no labels
      const anonymous = await post(server, 'alertmanager', SECRETS.alertmanager)
        .send({
          version: '4',
          status: 'firing',
          alerts: [{ status: 'firing', labels: {}, startsAt: 'never' }],
        })
        .expect(400);
      expect(anonymous.body.error.message).toContain(
        'alerts[0] has neither a fingerprint nor labels',
      );

      // the entity named in the URL is bounded as well
      await post(server, 'generic', SECRETS.generic)
        .query({ entity: `component:default/${'z'.repeat(300)}` })
        .send(eventsV2({ dedupKey: 'long-entity' }))
        .expect(400);

      expect(await stored()).toEqual(['good-one']);
    });

    it('keeps an alert whose link is not a web link, without the link', async () => {
      const server = await start();
      const body = eventsV2({ dedupKey: 'script-link' });
      // eslint-disable-next-line no-script-url -- the link that must not reach a page
      body.links = [{ href: 'javascript:alert(1)', text: 'click' }];
      await post(server, 'generic', SECRETS.generic).send(body).expect(202);
      const [row] = await knex('status_alerts').select('fingerprint', 'url');
      expect(row).toEqual({ fingerprint: 'script-link', url: null });
    });

    it("answers 429 past a source's request budget, before storing anything, and other sources go on", async () => {
      const server = await start({
        sources: { alertmanager: { maxRequestsPerMinute: 2 } },
      });
      for (const fingerprint of ['first', 'second'])
        await post(server, 'alertmanager', SECRETS.alertmanager)
          .send(alertmanagerGroup({ fingerprint }))
          .expect(202);
      const refused = await post(server, 'alertmanager', SECRETS.alertmanager)
        .send(alertmanagerGroup({ fingerprint: 'third' }))
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.error.message).toContain(
        'more than 2 requests in a minute',
      );
      await post(server, 'generic', SECRETS.generic)
        .send(eventsV2({ dedupKey: 'other-source' }))
        .expect(202);
      expect(await stored()).toEqual(['first', 'other-source', 'second']);
    });

    it('logs refusals without the secrets tried, printable, at most one of a kind at a time', async () => {
      const server = await start();
      await post(server, 'azure')
        .query({ token: 'guessed-token-123' })
        .send(azureAlert())
        .expect(401);
      await post(server, 'alertmanager', 'guessed-bearer-456')
        .send(alertmanagerGroup())
        .expect(401);
      // a path segment that tries to forge a log line
      await post(server, encodeURIComponent('evil\nFAKE: admin logged in'), 'x')
        .send({})
        .expect(401);
      for (let i = 0; i < 30; i++)
        await post(server, 'generic', `wrong-${i}-secret`)
          .send(eventsV2())
          .expect(401);
      // the right secret in a URL is taken, and never written either
      await post(server, 'azure')
        .query({ token: SECRETS.azure })
        .send(azureAlert())
        .expect(202);

      const text = logs.text();
      expect(text).toContain('Refused a azure webhook');
      for (const secret of [
        'guessed-token-123',
        'guessed-bearer-456',
        ...Object.values(SECRETS),
      ])
        expect(text).not.toContain(secret);
      expect(logs.lines.some(l => l.message.includes('\nFAKE'))).toBe(false);
      const genericRefusals = logs.lines.filter(l =>
        l.message.startsWith('Refused a generic webhook'),
      );
      expect(genericRefusals).toHaveLength(1);
      // made-up paths, each different, are one kind of refusal too
      for (let i = 0; i < 20; i++)
        await post(server, `made-up-${i}`, 'x').send({}).expect(401);
      expect(
        logs.lines.filter(l => l.message.includes('no such alert source')),
      ).toHaveLength(1); // the forged path above and the twenty: one line
    });
  });
});
