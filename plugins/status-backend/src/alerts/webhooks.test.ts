import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  alertmanagerGroup,
  azureAlert,
  datadogWebhook,
  eventsV2,
  grafanaNotification,
  newRelicLegacyIncident,
  statusCakeForm,
} from '@internal/pagerduty-simulator';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(60_000);

const SECRETS = {
  alertmanager: 'am-secret',
  grafana: 'grafana-secret',
  datadog: 'dd-secret',
  newrelic: 'nr-secret',
  azure: 'azure-secret',
  statuscake: 'statuscake-secret',
  generic: 'generic-secret',
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

const entities = [
  component('checkout'),
  component('payments', {
    'prometheus.io/alert-selector': 'job=payments',
    'datadoghq.com/tags': 'service:payments-dd',
    'newrelic.com/entity-guid': 'GUID-PAYMENTS',
    'azure.com/resource-id':
      '/subscriptions/1111/resourceGroups/RG-PAY/providers/Microsoft.Web/sites/payments',
    'statuscake.com/test-name': 'Payments API',
    'pagerduty.com/integration-key': 'R0UTINGKEYPAYMENTS00000000000000',
  }),
  component('search'),
];

describe('alert webhooks', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    async function start() {
      knex = await databases.init(databaseId);
      return startStatusTestBackend({
        knex,
        entities,
        runStartupTasks: true,
        config: {
          status: {
            alerts: {
              sources: Object.fromEntries(
                Object.entries(SECRETS).map(([id, secret]) => [id, { secret }]),
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
    const rows = () => knex('status_alerts').orderBy(['source', 'fingerprint']);
    const statusOf = async (server: any, name: string) => {
      const res = await request(server)
        .get(`/api/status/entities/component/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body;
    };
    /** Waits, within a bound, until the engine's refresh shows what `check` expects. */
    const expectStatus = (
      server: any,
      name: string,
      check: (status: any) => void,
    ) => waitForExpect(async () => check(await statusOf(server, name)));

    it('takes an Alertmanager group, repeated while firing, and its resolution', async () => {
      const server = await start();
      const firing = alertmanagerGroup({ service: 'checkout' });
      for (let i = 0; i < 3; i++) {
        const res = await post(server, 'alertmanager', SECRETS.alertmanager)
          .send(firing)
          .expect(202);
        expect(res.body).toEqual({ accepted: 1 });
      }
      expect(await rows()).toHaveLength(1);
      await expectStatus(server, 'checkout', status => {
        expect(status.levels.own).toBe('major_outage');
        expect(status.alerts).toEqual([
          expect.objectContaining({
            source: 'alertmanager',
            sourceTitle: 'Prometheus Alertmanager',
            title: 'HighErrorRate: 5xx above 5% for 10 minutes',
            severity: 'critical',
            url: expect.stringContaining('prometheus.example'),
          }),
        ]);
      });

      await post(server, 'alertmanager', SECRETS.alertmanager)
        .send(alertmanagerGroup({ service: 'checkout', status: 'resolved' }))
        .expect(202);
      const [row] = await rows();
      expect(row.state).toBe('resolved');
      await expectStatus(server, 'checkout', after => {
        expect(after.levels.own).toBe('operational');
        expect(after.alerts).toEqual([]);
      });
    });

    it('takes every alert of a group, firing and resolved together', async () => {
      const server = await start();
      const group = alertmanagerGroup({ service: 'checkout' });
      const [first] = group.alerts;
      group.alerts = [
        first,
        {
          ...first,
          status: 'resolved',
          labels: { ...first.labels, service: 'search' },
          fingerprint: 'second',
          endsAt: new Date().toISOString(),
        },
      ];
      await post(server, 'alertmanager', SECRETS.alertmanager)
        .send(group)
        .expect(202, { accepted: 2 });
      expect((await rows()).map(r => [r.fingerprint, r.state])).toEqual([
        ['c6f0a0e5b4d3a2f1', 'firing'],
        ['second', 'resolved'],
      ]);
    });

    it('maps Grafana alerts by the Prometheus selector annotation before the service label', async () => {
      const server = await start();
      const body = grafanaNotification({ service: 'checkout' });
      (body.alerts[0].labels as Record<string, string>).job = 'payments';
      await post(server, 'grafana', SECRETS.grafana).send(body).expect(202);
      await expectStatus(server, 'payments', payments =>
        expect(payments.alerts[0]).toMatchObject({
          sourceTitle: 'Grafana',
          severity: 'warning',
          url: 'https://grafana.example/d/checkout?viewPanel=4',
        }),
      );
      expect((await statusOf(server, 'checkout')).alerts).toEqual([]);
    });

    it('takes Datadog transitions by cycle key, with tags and priority', async () => {
      const server = await start();
      await post(server, 'datadog', SECRETS.datadog)
        .send(datadogWebhook())
        .expect(202);
      await expectStatus(server, 'checkout', checkout => {
        expect(checkout.alerts[0]).toMatchObject({
          severity: 'error',
          labels: expect.objectContaining({ service: 'checkout', env: 'prod' }),
        });
        expect(checkout.levels.own).toBe('partial_outage');
      });
      await post(server, 'datadog', SECRETS.datadog)
        .send(datadogWebhook({ transition: 'Recovered' }))
        .expect(202);
      expect((await rows())[0].state).toBe('resolved');
      // the Datadog tags annotation wins over the service tag
      await post(server, 'datadog', SECRETS.datadog)
        .send({
          ...datadogWebhook({ tags: 'service:payments-dd' }),
          cycle_key: 'other',
        })
        .expect(202);
      await expectStatus(server, 'payments', payments =>
        expect(payments.alerts).toHaveLength(1),
      );
    });

    it('takes New Relic issues by GUID, Azure alerts by resource ID, StatusCake by test name', async () => {
      const server = await start();
      await post(server, 'newrelic', SECRETS.newrelic)
        .send(
          newRelicLegacyIncident({ guid: 'GUID-PAYMENTS', target: 'nothing' }),
        )
        .expect(202);
      await request(server)
        .post(`/api/status/webhooks/azure?token=${SECRETS.azure}`)
        .send(
          azureAlert({
            resourceId:
              '/subscriptions/1111/resourcegroups/rg-pay/providers/microsoft.web/sites/PAYMENTS',
          }),
        )
        .expect(202);
      await post(server, 'statuscake')
        .type('form')
        .send(statusCakeForm({ name: 'Payments API', tags: 'nothing' }))
        .expect(202);
      await expectStatus(server, 'payments', payments => {
        expect(payments.alerts.map((a: any) => a.match)).toEqual([
          expect.objectContaining({ rule: 'annotation' }),
          expect.objectContaining({ rule: 'annotation' }),
          expect.objectContaining({ rule: 'annotation' }),
        ]);
        expect(payments.alerts.map((a: any) => a.sourceTitle).sort()).toEqual([
          'Azure Monitor',
          'New Relic',
          'StatusCake',
        ]);
        expect(payments.levels.own).toBe('major_outage');
      });
    });

    it('takes Events API v2 bodies, mapped by integration key, and answers as PagerDuty does', async () => {
      const server = await start();
      const res = await post(server, 'generic', SECRETS.generic)
        .send(eventsV2({ routingKey: 'R0UTINGKEYPAYMENTS00000000000000' }))
        .expect(202);
      expect(res.body).toEqual({
        status: 'success',
        message: 'Event processed',
        dedup_key: 'checkout-disk-full',
      });
      await expectStatus(server, 'payments', payments =>
        expect(payments.levels.own).toBe('degraded'),
      );
      await post(server, 'generic', SECRETS.generic)
        .send({
          routing_key: 'R0UTINGKEYPAYMENTS00000000000000',
          event_action: 'resolve',
          dedup_key: 'checkout-disk-full',
        })
        .expect(202);
      await expectStatus(server, 'payments', payments =>
        expect(payments.levels.own).toBe('operational'),
      );
    });

    it('lists alerts that match no entity, with their labels', async () => {
      const server = await start();
      await post(server, 'alertmanager', SECRETS.alertmanager)
        .send(alertmanagerGroup({ extraLabels: { job: 'mystery' } }))
        .expect(202);
      await waitForExpect(async () => {
        const res = await request(server)
          .get('/api/status/alerts/unmatched')
          .set('Authorization', mockCredentials.user.header())
          .expect(200);
        expect(res.body.alerts).toEqual([
          expect.objectContaining({
            source: 'alertmanager',
            entityRefs: [],
            labels: expect.objectContaining({ job: 'mystery' }),
          }),
        ]);
      });
    });

    it('refuses wrong secrets, malformed and oversized bodies, storing nothing', async () => {
      const server = await start();
      await post(server, 'alertmanager', 'wrong')
        .send(alertmanagerGroup({ service: 'checkout' }))
        .expect(401);
      await post(server, 'alertmanager')
        .send(alertmanagerGroup({ service: 'checkout' }))
        .expect(401);
      await post(server, 'statuscake')
        .type('form')
        .send(statusCakeForm({ token: 'wrong' }))
        .expect(401);
      const malformed = await post(server, 'alertmanager', SECRETS.alertmanager)
        .set('Content-Type', 'application/json')
        .send('{"alerts": [')
        .expect(400);
      expect(malformed.body.error.message).toContain('not JSON');
      const missing = await post(server, 'newrelic', SECRETS.newrelic)
        .send({ state: 'ACTIVATED' })
        .expect(400);
      expect(missing.body.error.message).toContain('issueId');
      await post(server, 'generic', SECRETS.generic)
        .send({ ...eventsV2(), payload: { summary: 'x', severity: 'loud' } })
        .expect(400);
      await post(server, 'alertmanager', SECRETS.alertmanager)
        .set('Content-Type', 'application/json')
        .send(`{"pad":"${'x'.repeat(1024 * 1024)}"}`)
        .expect(413);
      // an unknown source answers as a wrong secret does: nothing tells
      // which sources are configured
      const unknown = await post(server, 'nosuchtool', 'x')
        .send({})
        .expect(401);
      const wrong = await post(server, 'grafana', 'x').send({}).expect(401);
      expect(unknown.body.error).toEqual(wrong.body.error);
      expect(JSON.stringify(unknown.body)).not.toMatch(/grafana|alertmanager/);
      expect(await rows()).toEqual([]);
    });
  });
});
