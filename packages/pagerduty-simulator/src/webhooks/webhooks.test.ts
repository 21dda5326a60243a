import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import waitForExpect from 'wait-for-expect';
import { pagerDutyRequestHeaders } from '../rest/requestHeaders';

jest.setTimeout(60_000);

type Received = { headers: http.IncomingHttpHeaders; raw: string; body: any };

/** A real HTTP receiver whose answers a test scripts. */
async function startReceiver(
  answer: (delivery: Received, attempt: number) => number,
) {
  const received: Received[] = [];
  let attempts = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const delivery = { headers: req.headers, raw, body: JSON.parse(raw) };
      attempts += 1;
      const status = answer(delivery, attempts);
      if (status >= 200 && status < 300) received.push(delivery);
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/webhooks/pagerduty`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** Verifies a signature header as a receiver must: any v1 signature may match. */
function verifies(
  raw: string,
  header: string | undefined,
  secret: string,
): boolean {
  const expected = Buffer.from(
    createHmac('sha256', secret).update(raw).digest('hex'),
  );
  return (header ?? '').split(',').some(part => {
    const candidate = Buffer.from(part.trim().replace(/^v1=/, ''));
    return (
      candidate.length === expected.length &&
      timingSafeEqual(candidate, expected)
    );
  });
}

async function subscribe(
  sim: PagerDutySimulator,
  url: string,
  events: string[],
) {
  const response = await fetch(`${sim.url}/webhook_subscriptions`, {
    method: 'POST',
    headers: pagerDutyRequestHeaders(),
    body: JSON.stringify({
      webhook_subscription: {
        type: 'webhook_subscription',
        delivery_method: { type: 'http_delivery_method', url },
        events,
        filter: { type: 'account_reference' },
      },
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()).webhook_subscription;
}

/** Waits, within a bound, until the receiver got `count` deliveries. */
const receivedCount = (receiver: { received: Received[] }, count: number) =>
  waitForExpect(() => expect(receiver.received).toHaveLength(count));

const ALL_INCIDENT_EVENTS = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.reassigned',
  'incident.priority_updated',
  'incident.resolved',
  'incident.reopened',
  'service.updated',
];

describe('webhooks v3', () => {
  let sim: PagerDutySimulator;
  afterEach(() => sim?.close());

  it('delivers signed v3 envelopes that verify with the subscription secret', async () => {
    sim = await startPagerDutySimulator({ seed: 5, historyDays: 1 });
    const receiver = await startReceiver(() => 202);
    try {
      const subscription = await subscribe(
        sim,
        receiver.url,
        ALL_INCIDENT_EVENTS,
      );
      const secret = subscription.delivery_method.secret;
      const incident = sim.state.trigger({
        service: 'auth-service',
        title: 'Login down',
        priority: 'P1',
      });
      await receivedCount(receiver, 1);
      const [delivery] = receiver.received;
      expect(
        verifies(
          delivery.raw,
          delivery.headers['x-pagerduty-signature'] as string,
          secret,
        ),
      ).toBe(true);
      expect(
        verifies(
          delivery.raw,
          delivery.headers['x-pagerduty-signature'] as string,
          'wrong',
        ),
      ).toBe(false);
      expect(delivery.headers['x-webhook-id']).toEqual(expect.any(String));
      expect(delivery.headers['x-webhook-subscription']).toBe(subscription.id);
      expect(delivery.body.event).toMatchObject({
        event_type: 'incident.triggered',
        resource_type: 'incident',
        occurred_at: expect.any(String),
        data: {
          id: incident.id,
          type: 'incident',
          number: incident.number,
          status: 'triggered',
          urgency: 'high',
          title: 'Login down',
          service: { id: incident.serviceId, type: 'service_reference' },
          assignees: [{ id: incident.assigneeIds[0], type: 'user_reference' }],
          priority: { summary: 'P1', type: 'priority_reference' },
        },
      });
      // the webhook shape, not the REST one
      expect(delivery.body.event.data.incident_number).toBeUndefined();
      expect(delivery.body.event.data.assignments).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it('sends every incident lifecycle event, and service updates', async () => {
    sim = await startPagerDutySimulator({ seed: 5, historyDays: 1 });
    const receiver = await startReceiver(() => 200);
    try {
      await subscribe(sim, receiver.url, ALL_INCIDENT_EVENTS);
      const { id } = sim.state.trigger({ service: 'cart-api', title: 'x' });
      sim.state.acknowledge(id);
      sim.state.unacknowledge(id);
      sim.state.escalate(id);
      sim.state.reassign(id, [...sim.state.users.keys()].slice(0, 1));
      sim.state.setPriority(id, 'P2');
      sim.state.resolve(id);
      sim.state.reopen(id);
      sim.state.updateService('cart-api', { description: 'Carts, now faster' });
      await receivedCount(receiver, 9);
      // in order per incident; the service's own queue runs beside it
      const types = receiver.received.map(d => d.body.event.event_type);
      expect(types.filter(t => t.startsWith('incident.'))).toEqual(
        ALL_INCIDENT_EVENTS.slice(0, 8),
      );
      const serviceEvent = receiver.received.find(
        d => d.body.event.event_type === 'service.updated',
      );
      expect(serviceEvent?.body.event).toMatchObject({
        resource_type: 'service',
        data: {
          type: 'service',
          summary: 'cart-api',
          teams: [expect.any(Object)],
        },
      });
    } finally {
      await receiver.close();
    }
  });

  it('retries a failing receiver with backoff and delivers in order per incident', async () => {
    sim = await startPagerDutySimulator({
      seed: 5,
      historyDays: 1,
      webhookDelivery: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    // the first three attempts fail: 500, 503, 502
    const receiver = await startReceiver(
      (_d, attempt) => [500, 503, 502][attempt - 1] ?? 200,
    );
    try {
      await subscribe(sim, receiver.url, ALL_INCIDENT_EVENTS);
      const { id } = sim.state.trigger({ service: 'cart-api', title: 'x' });
      sim.state.acknowledge(id);
      sim.state.resolve(id);
      await receivedCount(receiver, 3);
      expect(receiver.received.map(d => d.body.event.event_type)).toEqual([
        'incident.triggered',
        'incident.acknowledged',
        'incident.resolved',
      ]);
      expect(receiver.attempts()).toBe(6);
      const retried = sim.webhooks.deliveries.filter(
        d => d.eventType === 'incident.triggered',
      );
      expect(retried.map(d => d.outcome)).toEqual([
        'retrying',
        'retrying',
        'retrying',
        'delivered',
      ]);
      // a retry carries the same X-Webhook-Id
      expect(new Set(retried.map(d => d.webhookId)).size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('drops a webhook answered 4xx without retrying, and gives up on 5xx after the configured time', async () => {
    sim = await startPagerDutySimulator({
      seed: 5,
      historyDays: 1,
      webhookDelivery: { baseDelayMs: 10, maxDelayMs: 20, giveUpAfterMs: 200 },
    });
    const gone = await startReceiver(() => 410);
    const broken = await startReceiver(() => 500);
    try {
      await subscribe(sim, gone.url, ['incident.triggered']);
      await subscribe(sim, broken.url, ['incident.triggered']);
      sim.state.trigger({ service: 'cart-api', title: 'x' });
      await waitForExpect(() =>
        expect(sim.webhooks.deliveries.map(d => d.outcome)).toContain(
          'gave_up',
        ),
      );
      expect(gone.attempts()).toBe(1);
      expect(broken.attempts()).toBeGreaterThan(2);
      expect(sim.webhooks.deliveries.map(d => d.outcome)).toContain('dropped');
      expect(sim.webhooks.pendingCount()).toBe(0);
    } finally {
      await gone.close();
      await broken.close();
    }
  });

  it('disables a subscription after three rejected deliveries, until it is enabled through the API', async () => {
    sim = await startPagerDutySimulator({ seed: 5, historyDays: 1 });
    let answer = 400;
    const receiver = await startReceiver(() => answer);
    const rest = (method: string, path: string) =>
      fetch(`${sim.url}${path}`, {
        method,
        headers: pagerDutyRequestHeaders(),
      }).then(async r => ({ status: r.status, body: await r.json() }));
    try {
      const { id } = await subscribe(sim, receiver.url, ['incident.triggered']);
      for (const title of ['a', 'b', 'c'])
        sim.state.trigger({ service: 'cart-api', title });
      await waitForExpect(() => expect(receiver.attempts()).toBe(3));
      await waitForExpect(async () =>
        expect(
          (
            await rest('GET', `/webhook_subscriptions/${id}`)
          ).body.webhook_subscription.delivery_method.temporarily_disabled,
        ).toBe(true),
      );
      // a disabled subscription gets nothing: nothing is even queued
      sim.state.trigger({ service: 'cart-api', title: 'd' });
      expect(sim.webhooks.pendingCount()).toBe(0);

      answer = 202;
      const enabled = await rest('POST', `/webhook_subscriptions/${id}/enable`);
      expect(enabled.status).toBe(200);
      expect(
        enabled.body.webhook_subscription.delivery_method.temporarily_disabled,
      ).toBe(false);
      sim.state.trigger({ service: 'cart-api', title: 'e' });
      await receivedCount(receiver, 1);
      expect(receiver.received[0].body.event.data.title).toBe('e');
      expect(receiver.attempts()).toBe(4);
    } finally {
      await receiver.close();
    }
  });

  it('signs with both secrets while one rotates', async () => {
    sim = await startPagerDutySimulator({ seed: 5, historyDays: 1 });
    const receiver = await startReceiver(() => 200);
    try {
      const subscription = await subscribe(sim, receiver.url, [
        'incident.triggered',
      ]);
      const oldSecret = subscription.delivery_method.secret;
      const newSecret = sim.webhooks.rotateSecret(subscription.id);
      sim.state.trigger({ service: 'cart-api', title: 'x' });
      await receivedCount(receiver, 1);
      const header = receiver.received[0].headers[
        'x-pagerduty-signature'
      ] as string;
      expect(header.split(',')).toHaveLength(2);
      expect(verifies(receiver.received[0].raw, header, oldSecret)).toBe(true);
      expect(verifies(receiver.received[0].raw, header, newSecret)).toBe(true);

      sim.webhooks.finishRotation(subscription.id);
      sim.state.trigger({ service: 'cart-api', title: 'y' });
      await receivedCount(receiver, 2);
      const after = receiver.received[1].headers[
        'x-pagerduty-signature'
      ] as string;
      expect(verifies(receiver.received[1].raw, after, newSecret)).toBe(true);
      expect(verifies(receiver.received[1].raw, after, oldSecret)).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});
