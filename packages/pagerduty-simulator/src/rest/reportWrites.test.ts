import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { EVENTS_V2_LIMITS } from '../events/eventsV2Router';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

// What a portal does when someone reports a problem: find the reporter among
// PagerDuty's users, open an incident as them, or send an event through a
// service's Events API v2 integration when they are not a user.
describe('opening incidents by hand and through the Events API', () => {
  let sim: PagerDutySimulator;
  let clock = Date.now();

  beforeAll(async () => {
    sim = await startPagerDutySimulator({
      seed: 5,
      historyDays: 0,
      now: () => new Date(clock),
    });
  });
  afterAll(() => sim.close());

  const service = () =>
    [...sim.state.services.values()].find(s => s.entityName === 'cart-api')!;
  const someUser = () => [...sim.state.users.values()][0];
  const rest = (method: string, path: string, body?: unknown, from?: string) =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: {
        ...pagerDutyRequestHeaders(),
        ...(from ? { From: from } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const enqueue = (body: unknown) =>
    fetch(`${sim.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const newIncident = (extra: object = {}) => ({
    incident: {
      type: 'incident',
      title: 'Checkout answers 502',
      service: { id: service().id, type: 'service_reference' },
      urgency: 'low',
      body: { type: 'incident_body', details: 'Since 10:02, 30 % of carts' },
      ...extra,
    },
  });

  it('finds a user by e-mail address with the query parameter', async () => {
    const user = someUser();
    const res = await rest(
      'GET',
      `/users?query=${encodeURIComponent(user.email.toUpperCase())}`,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.users.map((u: any) => u.email)).toEqual([user.email]);
    const none = await (
      await rest('GET', '/users?query=nobody%40x.example')
    ).json();
    expect(none.users).toEqual([]);
  });

  it('opens an incident as the user of From, with its details, and logs who did', async () => {
    const user = someUser();
    const res = await rest('POST', '/incidents', newIncident(), user.email);
    expect(res.status).toBe(201);
    const { incident } = await res.json();
    expect(incident).toMatchObject({
      title: 'Checkout answers 502',
      urgency: 'low',
      status: 'triggered',
      service: { id: service().id },
    });
    const stored = sim.state.incidents.get(incident.id)!;
    expect(stored.details).toBe('Since 10:02, 30 % of carts');
    expect(stored.logEntries[0]).toMatchObject({
      type: 'trigger_log_entry',
      agent: { type: 'user', id: user.id },
    });
    expect(sim.refusedRequests).toEqual([]);
  });

  it('refuses a write without a user in From, an unknown service and a second open incident of one key', async () => {
    const missingFrom = await rest('POST', '/incidents', newIncident());
    expect(missingFrom.status).toBe(400);
    expect(JSON.stringify(await missingFrom.json())).toContain('From');

    const stranger = await rest(
      'POST',
      '/incidents',
      newIncident(),
      'stranger@elsewhere.example',
    );
    expect(stranger.status).toBe(400);
    expect(JSON.stringify(await stranger.json())).toContain(
      'must be the email address of a user',
    );

    const unknown = await rest(
      'POST',
      '/incidents',
      newIncident({ service: { id: 'PZZZZZ9', type: 'service_reference' } }),
      someUser().email,
    );
    expect(unknown.status).toBe(400);

    const keyed = newIncident({ incident_key: 'report/cart-api' });
    expect(
      (await rest('POST', '/incidents', keyed, someUser().email)).status,
    ).toBe(201);
    const again = await rest('POST', '/incidents', keyed, someUser().email);
    expect(again.status).toBe(400);
    expect(JSON.stringify(await again.json())).toContain('matching dedup key');

    const badShape = await rest(
      'POST',
      '/incidents',
      { incident: { type: 'incident', title: 'x' } },
      someUser().email,
    );
    expect(badShape.status).toBe(400);
    expect(JSON.stringify(await badShape.json())).toContain('service');
  });

  it('triggers through an integration key, deduplicates by dedup_key and resolves', async () => {
    const event = {
      routing_key: service().integrationKey,
      event_action: 'trigger',
      dedup_key: 'status-report:cart-api',
      payload: {
        summary: 'cart-api: carts lost (reported from shop-web)',
        source: 'backstage',
        severity: 'critical',
        custom_details: { reporter: 'Guest' },
      },
    };
    const first = await enqueue(event);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({
      status: 'success',
      message: 'Event processed',
      dedup_key: 'status-report:cart-api',
    });
    const opened = () =>
      [...sim.state.incidents.values()].filter(
        i => i.incidentKey === 'status-report:cart-api',
      );
    expect(opened()).toHaveLength(1);
    expect(opened()[0]).toMatchObject({ urgency: 'high', status: 'triggered' });
    expect((await enqueue(event)).status).toBe(202);
    expect(opened()).toHaveLength(1);

    const resolved = await enqueue({
      routing_key: service().integrationKey,
      event_action: 'resolve',
      dedup_key: 'status-report:cart-api',
    });
    expect(resolved.status).toBe(202);
    expect(opened()[0].status).toBe('resolved');
  });

  it('refuses events the Events API refuses, in its error shape', async () => {
    const unknownKey = await enqueue({
      routing_key: 'f'.repeat(32),
      event_action: 'trigger',
      payload: { summary: 's', source: 'x', severity: 'info' },
    });
    expect(unknownKey.status).toBe(400);
    expect(await unknownKey.json()).toMatchObject({
      status: 'invalid event',
      errors: ['Invalid routing key'],
    });
    const noSeverity = await enqueue({
      routing_key: service().integrationKey,
      event_action: 'trigger',
      payload: { summary: 's', source: 'x' },
    });
    expect(noSeverity.status).toBe(400);
    expect(JSON.stringify(await noSeverity.json())).toContain('severity');
    const longSummary = await enqueue({
      routing_key: service().integrationKey,
      event_action: 'trigger',
      payload: { summary: 'x'.repeat(1_025), source: 'x', severity: 'info' },
    });
    expect(longSummary.status).toBe(400);
    const noKey = await enqueue({
      routing_key: service().integrationKey,
      event_action: 'resolve',
    });
    expect(noKey.status).toBe(400);
  });

  it('throttles an integration past its events per minute, and lets it go a minute later', async () => {
    const routingKey = [...sim.state.services.values()].find(
      s => s.entityName === 'payments-api',
    )!.integrationKey;
    const event = {
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: 'noisy',
      payload: { summary: 'noisy', source: 'x', severity: 'info' },
    };
    const statuses: number[] = [];
    for (let i = 0; i <= EVENTS_V2_LIMITS.perMinutePerRoutingKey; i++)
      statuses.push((await enqueue(event)).status);
    expect(statuses.filter(s => s === 202)).toHaveLength(
      EVENTS_V2_LIMITS.perMinutePerRoutingKey,
    );
    expect(statuses[statuses.length - 1]).toBe(429);
    clock += 61_000;
    expect((await enqueue(event)).status).toBe(202);
  });
});
