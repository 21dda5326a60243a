// What a client sends to a status backend in the campaign's scenarios: a
// browser's signals connection, alerts, signed PagerDuty webhook deliveries,
// and an entity's status as a signed-in user reads it.
import { createHmac, randomUUID } from 'node:crypto';
import { startSyntheticSimulator, userHeaders } from '../bench/benchSupport';
import { ALERT_SECRET, Backend, WEBHOOK_SECRET } from './support';

/** The PagerDuty simulator the campaign runs against. */
export type Simulator = Awaited<ReturnType<typeof startSyntheticSimulator>>;

/** Opens a WebSocket, or fails after `timeoutMs`. */
export function connect(url: string, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'mock-user-token');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no WebSocket to ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error(`WebSocket to ${url} failed`));
    });
  });
}

/**
 * A browser's signals connection to one replica, on the status channel. Like
 * the portal's signals client it connects again when an attempt fails: the
 * signals backend starts answering upgrades from its first request on.
 */
export async function openSignals(backend: Backend) {
  const url = backend.baseUrl
    .replace(/^http/, 'ws')
    .replace(/\/api\/status$/, '/api/signals');
  let socket: WebSocket | undefined;
  for (let attempt = 1; !socket; attempt++) {
    socket = await connect(url, 3_000).catch(error => {
      if (attempt === 5) throw error;
      return undefined;
    });
  }
  let messages = 0;
  let closing = false;
  let droppedByServer = false;
  const waiters: Array<() => void> = [];
  socket.addEventListener('message', () => {
    messages += 1;
    waiters.splice(0).forEach(wake => wake());
  });
  socket.addEventListener('close', () => {
    if (!closing) droppedByServer = true;
  });
  socket.send(JSON.stringify({ action: 'subscribe', channel: 'status' }));
  return {
    get messages() {
      return messages;
    },
    /** Whether the connection ended without the client closing it. */
    get dropped() {
      return droppedByServer;
    },
    /** Resolves with true on the next message, false after `timeoutMs`. */
    next: (timeoutMs: number) =>
      new Promise<boolean>(resolve => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
    close: () => {
      closing = true;
      socket.close();
    },
  };
}

export async function postAlert(
  backend: Backend,
  entity: string,
  action: 'trigger' | 'resolve',
  dedupKey: string,
): Promise<number> {
  const response = await fetch(`${backend.baseUrl}/webhooks/generic`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${ALERT_SECRET}`,
    },
    body: JSON.stringify({
      routing_key: 'chaos',
      event_action: action,
      dedup_key: dedupKey,
      payload: {
        summary: `${entity} failing`,
        source: entity,
        component: entity,
        severity: 'critical',
      },
    }),
    signal: AbortSignal.timeout(15_000),
  });
  await response.text();
  return response.status;
}

/** An entity's status as a signed-in user reads it from one replica. */
export async function entityStatus(
  backend: Backend,
  entity: string,
): Promise<{
  levels: { effective: string };
  incidents: { status: string }[];
}> {
  const response = await fetch(
    `${backend.baseUrl}/entities/component/default/${entity}`,
    { headers: userHeaders, signal: AbortSignal.timeout(10_000) },
  );
  return response.json();
}

export type Delivery = { id: string; body: string };

export function signed(delivery: Delivery) {
  return {
    'content-type': 'application/json',
    'x-pagerduty-signature': `v1=${createHmac('sha256', WEBHOOK_SECRET)
      .update(delivery.body)
      .digest('hex')}`,
    'x-webhook-id': randomUUID(),
  };
}

/** A PagerDuty v3 webhook for an incident of the simulator, at its status now. */
export function incidentDelivery(
  simulator: Simulator,
  incidentId: string,
  occurredAt: Date,
): Delivery {
  const incident = simulator.state.incident(incidentId);
  const id = randomUUID();
  return {
    id,
    body: JSON.stringify({
      event: {
        id,
        event_type: `incident.${incident.status}`,
        resource_type: 'incident',
        occurred_at: occurredAt.toISOString(),
        data: {
          id: incident.id,
          type: 'incident',
          number: incident.number,
          status: incident.status,
          title: incident.title,
          created_at: incident.createdAt.toISOString(),
          urgency: incident.urgency,
          service: { id: incident.serviceId, type: 'service_reference' },
          assignees: [],
          html_url: `https://example.pagerduty.com/incidents/${incident.id}`,
        },
      },
    }),
  };
}

export async function deliver(backend: Backend, delivery: Delivery) {
  const response = await fetch(`${backend.baseUrl}/webhooks/pagerduty`, {
    method: 'POST',
    headers: signed(delivery),
    body: delivery.body,
    signal: AbortSignal.timeout(15_000),
  });
  await response.text();
  return response.status;
}
