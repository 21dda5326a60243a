import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import waitForExpect from 'wait-for-expect';
import { pagerDutyRequestHeaders } from '../rest/requestHeaders';

jest.setTimeout(60_000);

const auth = pagerDutyRequestHeaders();

describe('the control API', () => {
  let sim: PagerDutySimulator;
  beforeEach(async () => {
    sim = await startPagerDutySimulator({
      seed: 11,
      historyDays: 7,
      timeScale: 0.001,
    });
  });
  afterEach(() => sim.close());

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/_control${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: await response.json().catch(() => undefined),
    };
  };
  const openIncidents = async () => {
    const response = await fetch(
      `${sim.url}/incidents?statuses[]=triggered&statuses[]=acknowledged&include[]=services`,
      { headers: auth },
    );
    return (await response.json()).incidents as any[];
  };

  it('starts auth-outage and the REST API shows it as soon as the control call returns', async () => {
    expect(await openIncidents()).toEqual([]);
    expect((await control('POST', '/scenarios/auth-outage')).status).toBe(200);
    const incidents = await openIncidents();
    // its dependents follow milliseconds later at this test's time scale, so
    // a slow answer may already list them too: auth-service's is there at once
    expect(
      incidents.map(i => [i.service.name, i.urgency, i.priority?.summary]),
    ).toContainEqual(['auth-service', 'high', 'P1']);
  });

  it('runs auth-outage through: two dependents, acknowledged, then resolved', async () => {
    const started = Date.now();
    await control('POST', '/scenarios/auth-outage');
    const scenarioIncidents = () =>
      [...sim.state.incidents.values()].filter(
        i => i.createdAt.getTime() >= started,
      );
    // 20 s and 40 s at timeScale 0.001: the dependents follow within milliseconds
    await waitForExpect(() =>
      expect(
        scenarioIncidents()
          .map(i => sim.state.services.get(i.serviceId)!.name)
          .sort(),
      ).toEqual(['auth-service', 'cart-api', 'video-bff']),
    );
    const all = scenarioIncidents();
    const authId = sim.state.service('auth-service').id;
    expect(
      all.find(i => i.serviceId === authId)?.conferenceBridge,
    ).toBeDefined();
    await waitForExpect(() =>
      expect(all.map(i => i.status)).toEqual([
        'resolved',
        'resolved',
        'resolved',
      ]),
    );
    expect(sim.scenarios.pendingSteps).toBe(0);
    expect(
      all.every(i => i.acknowledgedAt && i.acknowledgedAt <= i.resolvedAt!),
    ).toBe(true);
    // its responder wrote a note, then a status update for stakeholders
    const login = all.find(i => i.serviceId === authId)!;
    expect(login.notes?.map(n => n.content)).toEqual([
      expect.stringContaining('Rolling auth-service back to v2.13.4'),
    ]);
    expect(login.statusUpdates?.map(u => u.message)).toEqual([
      expect.stringContaining('Sign-in fails for about 30% of users'),
    ]);
    expect(login.notes![0].userId).toBe(login.assigneeIds[0]);
  });

  it('holds a backdated scenario in its worst state', async () => {
    await control('POST', '/scenarios/auth-outage', {
      hold: true,
      startedSecondsAgo: 120,
    });
    // every step is already due, so it ran at once; the resolution never will
    expect(sim.scenarios.pendingSteps).toBe(0);
    const incidents = await openIncidents();
    expect(incidents.map(i => i.status)).toEqual([
      'acknowledged',
      'acknowledged',
      'acknowledged',
    ]);
    const auth3 = incidents.find(i => i.service.name === 'auth-service');
    expect(
      Date.now() - new Date(auth3.created_at).getTime(),
    ).toBeGreaterThanOrEqual(119_000);
  });

  it('calm resolves everything and ends maintenance', async () => {
    await control('POST', '/scenarios/payment-degraded');
    await control('POST', '/maintenance', {
      services: ['search-service'],
      minutes: 30,
    });
    await control('POST', '/scenarios/calm');
    expect(await openIncidents()).toEqual([]);
    const windows = await fetch(
      `${sim.url}/maintenance_windows?filter=ongoing`,
      { headers: auth },
    );
    expect((await windows.json()).maintenance_windows).toEqual([]);
  });

  it('triggers, acknowledges, escalates and resolves by entity name or incident number', async () => {
    const triggered = await control('POST', '/incidents', {
      service: 'points-api',
      urgency: 'low',
      priority: 'P4',
    });
    expect(triggered.status).toBe(201);
    const { number } = triggered.body;
    expect(
      (await control('POST', `/incidents/${number}/acknowledge`)).body.status,
    ).toBe('acknowledged');
    const escalated = await control('POST', `/incidents/${number}/escalate`);
    expect(escalated.body.status).toBe('triggered');
    expect(sim.state.incident(String(number)).escalationLevel).toBe(2);
    const resolved = await control('POST', '/services/points-api/resolve');
    expect(resolved.body.map((i: any) => i.status)).toEqual(['resolved']);
    expect(
      (await control('POST', `/incidents/${number}/acknowledge`)).status,
    ).toBe(409);
  });

  it('answers clear errors for unknown services and bad bodies', async () => {
    const unknown = await control('POST', '/incidents', {
      service: 'no-such-service',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('no-such-service');
    const bad = await control('POST', '/incidents', { urgency: 'medium' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/service/);
    expect((await control('POST', '/scenarios/nope')).status).toBe(404);
  });
});

describe('fault injection', () => {
  let sim: PagerDutySimulator;
  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 12, historyDays: 1 });
  });
  afterAll(() => sim.close());
  afterEach(() => fetch(`${sim.url}/_control/faults`, { method: 'DELETE' }));

  const setFaults = (faults: object) =>
    fetch(`${sim.url}/_control/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(faults),
    });
  const timedGet = async (timeoutMs = 5000) => {
    const started = Date.now();
    const response = await fetch(`${sim.url}/priorities`, {
      headers: auth,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  };

  it('adds latency', async () => {
    await setFaults({ latencyMs: 300 });
    expect((await timedGet()).ms).toBeGreaterThanOrEqual(290);
  });

  it('answers errors at the configured rate with the configured statuses', async () => {
    await setFaults({ errorRate: 1, errorStatuses: [502] });
    expect((await timedGet()).status).toBe(502);
    await setFaults({ errorRate: 0 });
    expect((await timedGet()).status).toBe(200);
  });

  it('hangs requests, which clients see as timeouts', async () => {
    await setFaults({ hangRate: 1 });
    await expect(timedGet(300)).rejects.toThrow();
  });

  it('answers 503 during an outage window', async () => {
    await setFaults({ outageSeconds: 60 });
    expect((await timedGet()).status).toBe(503);
    await setFaults({ outageSeconds: 0 });
    expect((await timedGet()).status).toBe(200);
  });

  const getJson = async (path: string) => {
    const response = await fetch(`${sim.url}${path}`, {
      headers: auth,
      signal: AbortSignal.timeout(5000),
    });
    return { status: response.status, body: await response.json() };
  };

  it('fails one endpoint while the others answer', async () => {
    await setFaults({
      endpoints: { '/incidents': { mode: 'error', status: 503 } },
    });
    expect((await getJson('/incidents')).status).toBe(503);
    expect((await getJson('/services')).status).toBe(200);
    await setFaults({ endpoints: { '/incidents': null } });
    expect((await getJson('/incidents')).status).toBe(200);
  });

  it('hangs one endpoint', async () => {
    await setFaults({ endpoints: { '/priorities': { mode: 'timeout' } } });
    await expect(timedGet(300)).rejects.toThrow();
    expect((await getJson('/services')).status).toBe(200);
  });

  it('says there is more on every page of an endpoint, past its end too', async () => {
    await setFaults({ endpoints: { '/services': { mode: 'endless-more' } } });
    const total = sim.state.services.size;
    const last = await getJson(`/services?limit=100&offset=${total}`);
    expect(last.body).toMatchObject({ services: [], more: true });
  });

  it("repeats the previous page's last row at the start of each next page", async () => {
    await setFaults({ endpoints: { '/services': { mode: 'duplicates' } } });
    const first = await getJson('/services?limit=10&offset=0');
    const second = await getJson('/services?limit=10&offset=10');
    expect(second.body.services[0].id).toBe(first.body.services[9].id);
    expect(second.body.limit).toBe(10);
  });

  it('refuses an endpoint fault it does not know', async () => {
    const response = await setFaults({
      endpoints: { '/incidents': { mode: 'sometimes' } },
    });
    expect(response.status).toBe(400);
  });

  it('tightens the rate limit', async () => {
    await setFaults({ rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await timedGet()).status);
    expect(statuses[2]).toBe(429);
  });
});
