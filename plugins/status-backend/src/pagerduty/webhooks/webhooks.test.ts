import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/databases';
import { DatabaseStatusStore } from '../../database';
import { PagerDutyWebhookProcessor } from './PagerDutyWebhookProcessor';
import waitForExpect from 'wait-for-expect';
import { captureLogs } from '../../__testUtils__/capturedLogs';
import { startStatusTestBackend } from '../../__testUtils__/startStatusTestBackend';

jest.setTimeout(60_000);

const SECRET = 'webhook-secret';

/** PagerDuty's documented v3 example: an incident.triggered event. */
function incidentEvent(
  options: {
    id?: string;
    type?: string;
    status?: string;
    occurredAt?: string;
    priority?: string | null;
  } = {},
) {
  return {
    event: {
      id: options.id ?? '01DEN6B5IGD7T23QQ6BDDVEE0D',
      event_type: options.type ?? 'incident.triggered',
      resource_type: 'incident',
      occurred_at: options.occurredAt ?? '2026-11-21T09:00:00.000Z',
      agent: {
        html_url: 'https://acme.pagerduty.com/users/PLH1HKV',
        id: 'PLH1HKV',
        self: 'https://api.pagerduty.com/users/PLH1HKV',
        summary: 'Tenex Engineer',
        type: 'user_reference',
      },
      client: { name: 'PagerDuty' },
      data: {
        id: 'PGR0VU2',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/PGR0VU2',
        html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
        number: 2,
        status: options.status ?? 'triggered',
        incident_key: 'd3640fbd41094207a1c11e58e46b1662',
        created_at: '2026-11-21T09:00:00Z',
        title: 'A little bump in the road',
        service: {
          html_url: 'https://acme.pagerduty.com/services/PF9KMXH',
          id: 'PF9KMXH',
          self: 'https://api.pagerduty.com/services/PF9KMXH',
          summary: 'API Service',
          type: 'service_reference',
        },
        assignees: [
          {
            html_url: 'https://acme.pagerduty.com/users/PTUXL6G',
            id: 'PTUXL6G',
            self: 'https://api.pagerduty.com/users/PTUXL6G',
            summary: 'User 123',
            type: 'user_reference',
          },
        ],
        escalation_policy: {
          html_url: 'https://acme.pagerduty.com/escalation_policies/PUS0KTE',
          id: 'PUS0KTE',
          self: 'https://api.pagerduty.com/escalation_policies/PUS0KTE',
          summary: 'Default',
          type: 'escalation_policy_reference',
        },
        teams: [],
        priority:
          options.priority === null
            ? null
            : {
                html_url:
                  'https://acme.pagerduty.com/account/incident_priorities',
                id: 'PSO75BM',
                self: 'https://api.pagerduty.com/priorities/PSO75BM',
                summary: options.priority ?? 'P1',
                type: 'priority_reference',
              },
        urgency: 'high',
        conference_bridge: {
          conference_number: '+1 1234123412,,987654321#',
          conference_url: 'https://example.com',
        },
        resolve_reason: null,
      },
    },
  };
}

const sign = (body: string, secret = SECRET) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('PagerDuty webhooks', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    async function start(features: any[] = []) {
      knex = await databases.init(databaseId);
      return startStatusTestBackend({
        knex,
        features,
        config: {
          status: {
            pagerDuty: {
              apiToken: 'unused-token',
              apiBaseUrl: 'http://127.0.0.1:9',
              webhookSecrets: ['old-secret', SECRET],
            },
          },
        },
      });
    }
    const deliver = (server: any, payload: object, signature?: string) => {
      const body = JSON.stringify(payload);
      const req = request(server)
        .post('/api/status/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set('X-Webhook-Subscription', 'PSUB123');
      // undefined: sign properly; '': send no signature at all
      const header = signature ?? sign(body);
      return (header ? req.set('X-PagerDuty-Signature', header) : req).send(
        body,
      );
    };
    /** The stored incident once every received event is processed (just after the answer). */
    const incident = async () => {
      let row: any;
      await waitForExpect(async () => {
        expect(
          await knex('status_pd_webhook_events').whereNull('processed_at'),
        ).toEqual([]);
        [row] = await knex('status_pd_incidents').where({ id: 'PGR0VU2' });
        expect(row).toBeDefined();
      });
      return row;
    };

    it('stores a signed event, answers 202 at once, and applies it', async () => {
      const server = await start();
      const res = await deliver(server, incidentEvent()).expect(202);
      expect(res.body).toEqual({ accepted: true, duplicate: false });
      expect(await incident()).toMatchObject({
        status: 'triggered',
        priority: 'P1',
        urgency: 'high',
        service_id: 'PF9KMXH',
        title: 'A little bump in the road',
        conference_url: 'https://example.com',
      });
      // the webhooks channel only: the poll's parts are untouched
      expect(await knex('status_sources')).toEqual([
        expect.objectContaining({
          source: 'pagerduty:default:webhooks',
          last_success_via: 'webhook',
        }),
      ]);
    });

    it('accepts either signature during a secret rotation', async () => {
      const server = await start();
      const body = JSON.stringify(incidentEvent());
      const res = await request(server)
        .post('/api/status/webhooks/pagerduty')
        .set('X-PagerDuty-Signature', `${sign(body, 'retired')},${sign(body)}`)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(202);
      expect(await incident()).toMatchObject({ status: 'triggered' });
    });

    it('refuses tampered bodies, wrong secrets and missing signatures, storing nothing', async () => {
      const server = await start();
      const body = JSON.stringify(incidentEvent());
      const tampered = body.replace('A little bump', 'A big crash');
      await request(server)
        .post('/api/status/webhooks/pagerduty')
        .set('X-PagerDuty-Signature', sign(body))
        .set('Content-Type', 'application/json')
        .send(tampered)
        .expect(401);
      await deliver(server, incidentEvent(), sign(body, 'wrong')).expect(401);
      await deliver(server, incidentEvent(), '').expect(401);
      // signed, but not an event
      const notAnEvent = JSON.stringify({ hello: 'world' });
      await deliver(server, { hello: 'world' }, sign(notAnEvent)).expect(400);
      expect(await knex('status_pd_webhook_events')).toEqual([]);
    });

    it('takes a redelivery once, and ends in the right state whatever the order', async () => {
      const server = await start();
      const resolved = incidentEvent({
        id: 'E3',
        type: 'incident.resolved',
        status: 'resolved',
        occurredAt: '2026-11-21T09:20:00.000Z',
      });
      const acknowledged = incidentEvent({
        id: 'E2',
        type: 'incident.acknowledged',
        status: 'acknowledged',
        occurredAt: '2026-11-21T09:10:00.000Z',
      });
      await deliver(server, resolved).expect(202);
      await incident();
      // the older events arrive late, one of them twice
      await deliver(server, acknowledged).expect(202);
      const again = await deliver(server, acknowledged).expect(202);
      expect(again.body.duplicate).toBe(true);
      await deliver(server, incidentEvent({ id: 'E1' })).expect(202);
      const final = await incident();
      expect(final.status).toBe('resolved');
      expect(await knex('status_pd_webhook_events')).toHaveLength(3);
    });

    it('keeps the assignees and the bridge when an event leaves them out', async () => {
      const server = await start();
      await deliver(server, incidentEvent()).expect(202);
      await incident();
      const update = incidentEvent({
        id: 'E-PRIORITY',
        type: 'incident.priority_updated',
        priority: 'P2',
        occurredAt: '2026-11-21T09:05:00.000Z',
      });
      delete (update.event.data as Partial<typeof update.event.data>).assignees;
      delete (update.event.data as Partial<typeof update.event.data>)
        .conference_bridge;
      await deliver(server, update).expect(202);
      await waitForExpect(async () =>
        expect((await incident()).priority).toBe('P2'),
      );
      const stored = await incident();
      expect(JSON.parse(stored.assignees)).toEqual([
        { id: 'PTUXL6G', name: 'User 123' },
      ]);
      expect(stored.conference_url).toBe('https://example.com');
    });

    it('answers 2xx to signed events it has no use for, storing nothing', async () => {
      const server = await start();
      for (const event of [
        // PagerDuty's ping, a type it does not read, an absurdly long type
        { id: 'E8', event_type: 'pagey.ping', data: { type: 'ping' } },
        {
          id: 'E9',
          event_type: 'incident.workflow.started',
          data: { id: 'X' },
        },
        { id: 'E10', event_type: `incident.${'x'.repeat(500)}`, data: {} },
      ]) {
        const res = await deliver(server, {
          event: { ...event, occurred_at: new Date().toISOString() },
        });
        expect(res.status).toBe(202);
        expect(res.body).toEqual({ accepted: true, ignored: true });
      }
      expect(await knex('status_pd_webhook_events')).toEqual([]);
    });

    it('refuses signed events it cannot apply with a 400 naming the field, storing nothing', async () => {
      const logs = captureLogs();
      const server = await start([logs.factory]);
      const cases: [Record<string, unknown>, RegExp][] = [
        [
          { data: { ...incidentEvent({}).event.data, id: 'P'.repeat(300) } },
          /event\.data\.id is not a PagerDuty ID/,
        ],
        [{ data: null }, /event\.data is not an object/],
        [{ data: [] }, /event\.data is not an object/],
        [{ id: {} }, /event\.id is not a text/],
        [{ occurred_at: 'yesterday' }, /event\.occurred_at is not a date/],
        [
          { data: { id: 'PGR0VU2', type: 'service' } },
          /event\.data\.type is "service", not "incident"/,
        ],
      ];
      for (const [change, message] of cases) {
        const event = incidentEvent({ id: 'E11' });
        Object.assign(event.event, change);
        const res = await deliver(server, event);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      expect(await knex('status_pd_webhook_events')).toEqual([]);
      expect(
        logs.lines.filter(l =>
          l.message.includes('Refused a signed PagerDuty webhook event'),
        ),
      ).not.toEqual([]);
    });

    it('bounds what a signed event stores, and logs neither signatures nor forged lines', async () => {
      const logs = captureLogs();
      const server = await start([logs.factory]);
      const event = incidentEvent({ id: `E${'9'.repeat(10_000)}` });
      await deliver(server, event).expect(202);
      const [stored] = await knex('status_pd_webhook_events');
      expect(stored.id).toHaveLength(64);
      const forged = await request(server)
        .post('/api/status/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        // HTTP refuses line breaks in headers; other bytes reach the log as '?'
        .set('X-Webhook-Subscription', 'PSUB\u00ffFAKE: all good')
        .set('X-PagerDuty-Signature', `v1=${'0'.repeat(64)}`)
        .send(JSON.stringify(event));
      expect(forged.status).toBe(401);
      const refusal = logs.lines.find(l =>
        l.message.includes('wrong signature'),
      );
      expect(refusal?.message).toMatch(/subscription PSUB\?+FAKE: all good/);
      expect(logs.text()).not.toContain('0'.repeat(64));
      expect(logs.text()).not.toContain(SECRET);
    });

    it('loses nothing when the backend stops between receipt and processing', async () => {
      knex = await databases.init(databaseId);
      const store = await DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      // received and stored, then the process died before processing it
      await store.webhookEvents.saveEvent({
        id: 'E1',
        account: 'default',
        eventType: 'incident.triggered',
        resourceId: 'PGR0VU2',
        occurredAt: new Date('2026-11-21T09:00:00.000Z'),
        receivedAt: new Date(),
        payload: JSON.stringify(incidentEvent()),
      });
      // the next process applies it, and tells which service it touched
      const touched: unknown[] = [];
      const processor = new PagerDutyWebhookProcessor({
        store,
        logger: mockServices.logger.mock(),
        onChanged: services => {
          touched.push(services);
        },
      });
      expect(await processor.processPending()).toBe(1);
      expect((await store.getIncident('default', 'PGR0VU2'))?.status).toBe(
        'triggered',
      );
      expect(touched).toEqual([[{ account: 'default', serviceId: 'PF9KMXH' }]]);
      expect(await processor.processPending()).toBe(0);

      // a note names its incident: the service is the stored incident's, and
      // unknown for an incident not stored yet
      const note = (id: string, incidentId: string) => ({
        id,
        account: 'default',
        eventType: 'incident.annotated',
        resourceId: incidentId,
        occurredAt: new Date(),
        receivedAt: new Date(),
        payload: JSON.stringify({
          event: {
            event_type: 'incident.annotated',
            data: {
              type: 'incident_note',
              id: `N${id}`,
              content: 'Rolled back',
              created_at: new Date().toISOString(),
              incident: { id: incidentId, type: 'incident_reference' },
            },
          },
        }),
      });
      await store.webhookEvents.saveEvent(note('E2', 'PGR0VU2'));
      expect(await processor.processPending()).toBe(1);
      await store.webhookEvents.saveEvent(note('E3', 'PUNKNOWN'));
      expect(await processor.processPending()).toBe(1);
      expect(touched.slice(1)).toEqual([
        [{ account: 'default', serviceId: 'PF9KMXH' }],
        [{ account: 'default', serviceId: undefined }],
      ]);
    });
  });
});
