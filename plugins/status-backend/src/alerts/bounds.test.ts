import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { alertmanagerGroup, eventsV2 } from '@internal/pagerduty-simulator';
import { Knex } from 'knex';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';
import { DatabaseAlertStore } from '../database/DatabaseAlertStore';

jest.setTimeout(60_000);

const SECRET = 'am-secret';

const component = (name: string, namespace = 'default'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace },
  spec: { type: 'service', owner: 'shop', lifecycle: 'production' },
});

describe('alerts stay bounded, explained and self-cleaning', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: any;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      server = await startStatusTestBackend({
        knex,
        entities: [
          component('checkout'),
          component('points-api'),
          component('points-api', 'loyalty'),
          component('payments-worker'),
        ],
        runStartupTasks: true,
        config: {
          status: {
            alerts: {
              maxFiringPerSource: 3,
              sources: {
                alertmanager: { secret: SECRET },
                generic: { secret: SECRET },
              },
            },
          },
        },
      });
    });

    const fire = (fingerprint: string, labels: Record<string, string>) =>
      request(server)
        .post('/api/status/webhooks/alertmanager')
        .set('Authorization', `Bearer ${SECRET}`)
        .send(
          alertmanagerGroup({
            fingerprint,
            extraLabels: labels,
          }),
        );
    const get = (path: string) =>
      request(server)
        .get(`/api/status${path}`)
        .set('Authorization', mockCredentials.user.header())
        .expect(200);

    it('refuses new firing alerts past the cap with 429, takes repeats and resolutions, and shows the problem', async () => {
      for (const f of ['a', 'b', 'c'])
        await fire(f, { job: `job-${f}` }).expect(202);
      const refused = await fire('d', { job: 'job-d' }).expect(429);
      expect(refused.body.error.message).toContain(
        'has 3 firing alerts, the most it may keep',
      );
      // a repeat of a firing alert is not a new one
      await fire('a', { job: 'job-a' }).expect(202);
      const sources = (await get('/alerts/sources')).body.sources;
      expect(sources.find((s: any) => s.id === 'alertmanager')).toMatchObject({
        enabled: true,
        problem: expect.stringContaining('new firing alerts are refused'),
        problemSince: expect.any(String),
      });
      expect(
        await knex('status_alerts').where({ state: 'firing' }),
      ).toHaveLength(3);
      // once one resolves, a new one fits again
      await request(server)
        .post('/api/status/webhooks/alertmanager')
        .set('Authorization', `Bearer ${SECRET}`)
        .send(
          alertmanagerGroup({
            fingerprint: 'b',
            status: 'resolved',
            extraLabels: { job: 'job-b' },
          }),
        )
        .expect(202);
      await fire('d', { job: 'job-d' }).expect(202);
    });

    it('maps by the entity in the webhook URL, for payloads that name nothing', async () => {
      await request(server)
        .post(
          '/api/status/webhooks/generic?entity=component:default/payments-worker',
        )
        .set('Authorization', `Bearer ${SECRET}`)
        .send(eventsV2({ component: 'nothing-known' }))
        .expect(202);
      await waitForExpect(async () => {
        const status = (
          await get('/entities/component/default/payments-worker')
        ).body;
        expect(status.alerts[0]?.match).toEqual({
          rule: 'url',
          value: 'component:default/payments-worker',
        });
      });
      await request(server)
        .post('/api/status/webhooks/generic?entity=&entity=x')
        .set('Authorization', `Bearer ${SECRET}`)
        .send(eventsV2())
        .expect(400);
    });

    it('pages and filters the unmatched alerts, naming candidates and the annotation that would map them', async () => {
      await fire('ambiguous', { service: 'points-api' }).expect(202);
      await fire('near', { job: 'payments-worker-eu' }).expect(202);
      await fire('far', { job: 'batch-nightly' }).expect(202);
      await waitForExpect(async () => {
        const page = (await get('/alerts/unmatched?limit=2')).body;
        expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
        expect(page.alerts).toHaveLength(2);
      });
      const ambiguous = (await get('/alerts/unmatched?q=points-api')).body;
      expect(ambiguous.total).toBe(1);
      expect(ambiguous.alerts[0]).toMatchObject({
        candidates: [
          'component:default/points-api',
          'component:loyalty/points-api',
        ],
        suggestion: 'prometheus.io/alert-selector: service=points-api',
      });
      const near = (await get('/alerts/unmatched?q=eu')).body.alerts[0];
      expect(near.candidates[0]).toBe('component:default/payments-worker');
      expect(near.suggestion).toBe(
        'prometheus.io/alert-selector: job=payments-worker-eu',
      );
      expect((await get('/alerts/unmatched?source=generic')).body.total).toBe(
        0,
      );
      await request(server)
        .get('/api/status/alerts/unmatched?limit=1000')
        .set('Authorization', mockCredentials.user.header())
        .expect(400);
    });

    it('resolves firing alerts a tool stopped sending, and leaves the others', async () => {
      const store = new DatabaseAlertStore(knex);
      const now = new Date();
      const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
      const alert = (fingerprint: string) => ({
        source: 'alertmanager',
        fingerprint,
        state: 'firing' as const,
        severity: 'critical' as const,
        title: 'x',
        startedAt: hoursAgo(30).toISOString(),
        labels: {},
      });
      await store.upsertAlerts([alert('old')], hoursAgo(25));
      await store.upsertAlerts([alert('recent')], hoursAgo(1));
      expect(await store.expireFiring('alertmanager', hoursAgo(24), now)).toBe(
        1,
      );
      const rows = await knex('status_alerts').orderBy('fingerprint');
      expect(rows.map(r => [r.fingerprint, r.state])).toEqual([
        ['old', 'resolved'],
        ['recent', 'firing'],
      ]);
      expect(
        (await store.listChangedSince(new Date(now.getTime() - 1000))).map(
          a => a.fingerprint,
        ),
      ).toEqual(['old']);
    });
  });
});
