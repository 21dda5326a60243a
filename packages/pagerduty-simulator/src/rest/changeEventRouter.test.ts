import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

const auth = pagerDutyRequestHeaders();
const MINUTE = 60_000;

describe('change events', () => {
  let sim: PagerDutySimulator;
  let now = Date.now();

  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 5, now: () => new Date(now) });
  });
  afterAll(() => sim.close());

  const get = async (path: string) => {
    const response = await fetch(`${sim.url}${path}`, { headers: auth });
    return { status: response.status, body: await response.json() };
  };
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();

  it('seeds a fortnight of deploys for every service', () => {
    const events = sim.state.changeEvents.list({});
    const services = new Set(events.flatMap(e => e.serviceIds));
    expect(services.size).toBe(sim.state.services.size);
    const oldest = events[events.length - 1].timestamp.getTime();
    expect(now - oldest).toBeLessThanOrEqual(14 * 86_400_000);
    expect(events[0].summary).toMatch(/^Deployed \S+ v\d+\.\d+\.0$/);
  });

  it('lists newest first within since/until, and per service', async () => {
    const auth1 = sim.state.recordChange({
      service: 'auth-service',
      summary: 'Deployed auth-service v9.1.0',
      at: new Date(now - 10 * MINUTE),
    });
    const auth2 = sim.state.recordChange({
      service: 'auth-service',
      summary: 'Raised the token cache to 10 minutes',
      at: new Date(now - 2 * MINUTE),
    });
    const recent = await get(
      `/change_events?since=${iso(15 * MINUTE)}&until=${iso(0)}&limit=100`,
    );
    expect(recent.status).toBe(200);
    const ids = recent.body.change_events.map((e: any) => e.id);
    expect(ids.indexOf(auth2.id)).toBeLessThan(ids.indexOf(auth1.id));
    expect(
      recent.body.change_events.every(
        (e: any) => Date.parse(e.timestamp) >= now - 15 * MINUTE,
      ),
    ).toBe(true);

    const serviceId = sim.state.service('auth-service').id;
    const perService = await get(
      `/services/${serviceId}/change_events?since=${iso(15 * MINUTE)}`,
    );
    expect(perService.body.change_events.map((e: any) => e.id)).toEqual([
      auth2.id,
      auth1.id,
    ]);
    expect(perService.body.change_events[0]).toMatchObject({
      type: 'change_event',
      summary: 'Raised the token cache to 10 minutes',
      services: [{ id: serviceId, type: 'service_reference' }],
      integration: { type: 'inbound_integration_reference' },
    });
    expect(perService.body.change_events[0].id).toHaveLength(26);

    const one = await get(`/change_events/${auth1.id}`);
    expect(one.body.change_event.summary).toBe('Deployed auth-service v9.1.0');
  });

  it('refuses non-UTC dates and reversed ranges with 400, unknown ids with 404', async () => {
    const offset = await get(
      `/change_events?since=${encodeURIComponent('2026-11-21T12:00:00+02:00')}`,
    );
    expect(offset.status).toBe(400);
    expect(offset.body.error.errors.join(' ')).toMatch(
      /query parameter since must match pattern/,
    );
    const reversed = await get(
      `/change_events?since=${iso(0)}&until=${iso(MINUTE)}`,
    );
    expect(reversed.status).toBe(400);
    expect((await get('/change_events/NOPE')).status).toBe(404);
    expect((await get('/services/PNOPE01/change_events')).status).toBe(404);
  });

  it('forgets change events after 90 days, as PagerDuty does', async () => {
    const old = sim.state.recordChange({
      service: 'auth-service',
      summary: 'An old deploy',
      at: new Date(now - 89 * 86_400_000),
    });
    expect((await get(`/change_events/${old.id}`)).status).toBe(200);
    now += 2 * 86_400_000;
    expect((await get(`/change_events/${old.id}`)).status).toBe(404);
  });

  it('records a change through the control API', async () => {
    const response = await fetch(`${sim.url}/_control/changes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        service: 'cart-api',
        summary: 'Feature flag checkout-v2 on for 50%',
        minutesAgo: 3,
      }),
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(Date.parse(body.timestamp)).toBe(
      Math.floor((now - 3 * MINUTE) / 1000) * 1000,
    );
    const refused = await fetch(`${sim.url}/_control/changes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ service: 'cart-api', summary: '' }),
    });
    expect(refused.status).toBe(400);
  });
});
