import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '../startPagerDutySimulator';
import { pagerDutyRequestHeaders } from './requestHeaders';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-21T12:00:00.000Z');
const auth = pagerDutyRequestHeaders();

describe('the simulated REST API', () => {
  let sim: PagerDutySimulator;

  beforeAll(async () => {
    sim = await startPagerDutySimulator({ seed: 3, now: () => NOW });
  });
  afterAll(() => sim.close());

  const get = async (path: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${sim.url}${path}`, { headers });
    return { response, body: await response.json() };
  };

  it("refuses a missing or wrong token with 401 and PagerDuty's error body", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { ...auth, Authorization: 'Token token=nope' },
      { ...auth, Authorization: 'Bearer nope' },
      { ...auth, Authorization: 'simulator-token' },
    ];
    for (const headers of attempts) {
      const { response, body } = await get('/services', headers);
      expect(response.status).toBe(401);
      expect(body).toEqual({ error: { message: 'Unauthorized', code: 2006 } });
    }
  });

  it('accepts an OAuth or scoped token as Authorization: Bearer', async () => {
    const { response, body } = await get('/priorities', {
      ...auth,
      Authorization: 'Bearer simulator-token',
    });
    expect(response.status).toBe(200);
    expect(body.priorities.length).toBeGreaterThan(0);
  });

  it('honours the v2 Accept header and refuses other versions', async () => {
    const ok = await get('/priorities', {
      ...auth,
      Accept: 'application/vnd.pagerduty+json;version=2',
    });
    expect(ok.response.status).toBe(200);
    const bad = await get('/priorities', {
      ...auth,
      Accept: 'application/vnd.pagerduty+json;version=3',
    });
    expect(bad.response.status).toBe(400);
  });

  it('paginates like PagerDuty: limit 25 by default, at most 100, total only on request', async () => {
    const first = await get('/services');
    expect(first.body.services).toHaveLength(25);
    expect(first.body).toMatchObject({
      limit: 25,
      offset: 0,
      more: true,
      total: null,
    });
    const counted = await get('/services?limit=500&total=true');
    expect(counted.body.limit).toBe(100);
    expect(counted.body.total).toBe(sim.state.services.size);
    const last = await get(
      `/services?offset=${sim.state.services.size - 2}&limit=10`,
    );
    expect(last.body.services).toHaveLength(2);
    expect(last.body.more).toBe(false);
  });

  it('refuses offset + limit over 10,000 with 400', async () => {
    const { response, body } = await get(
      '/incidents?offset=9950&limit=100&date_range=all',
    );
    expect(response.status).toBe(400);
    expect(body.error.code).toBe(2001);
    expect(
      (await get('/incidents?offset=9900&limit=100&date_range=all')).response
        .status,
    ).toBe(200);
  });

  it('lists incidents of the last month by default, all of them with date_range=all', async () => {
    const monthAgo = new Date('2026-10-21T12:00:00.000Z');
    const inLastMonth = [...sim.state.incidents.values()].filter(
      i => i.createdAt >= monthAgo,
    ).length;
    const defaults = await get('/incidents?total=true&limit=1');
    expect(defaults.body.total).toBe(inLastMonth);
    const all = await get('/incidents?total=true&limit=1&date_range=all');
    expect(all.body.total).toBe(sim.state.incidents.size);
    expect(all.body.total).toBeGreaterThan(inLastMonth);
    const tooLong = await get(
      '/incidents?since=2026-01-01T00:00:00Z&until=2026-11-01T00:00:00Z',
    );
    expect(tooLong.response.status).toBe(400);
  });

  it('filters incidents by status, service and urgency, and sorts them', async () => {
    const service = sim.state.service('auth-service');
    sim.state.trigger({ service: service.id, title: 'a', urgency: 'low' });
    sim.state.trigger({
      service: service.id,
      title: 'b',
      urgency: 'high',
      priority: 'P1',
    });
    const { body } = await get(
      `/incidents?statuses[]=triggered&service_ids[]=${service.id}&sort_by=incident_number:desc`,
    );
    expect(body.incidents.map((i: any) => i.title)).toEqual(['b', 'a']);
    const high = await get(
      `/incidents?statuses[]=triggered&urgencies[]=high&service_ids[]=${service.id}&include[]=priorities`,
    );
    expect(high.body.incidents).toHaveLength(1);
    expect(high.body.incidents[0].priority.summary).toBe('P1');
    const bad = await get('/incidents?sort_by=title:asc');
    expect(bad.response.status).toBe(400);
  });

  it('expands includes: escalation policies and teams of services', async () => {
    const { body } = await get(
      '/services?limit=1&include[]=escalation_policies&include[]=teams',
    );
    const [service] = body.services;
    expect(service.escalation_policy.escalation_rules).toHaveLength(2);
    expect(service.teams[0].name).toEqual(expect.any(String));
  });

  it('answers on-calls per escalation level, level 1 from a weekly rotation', async () => {
    const policy = [...sim.state.escalationPolicies.values()][0];
    const { body } = await get(
      `/oncalls?escalation_policy_ids[]=${policy.id}&earliest=true&include[]=users`,
    );
    expect(body.oncalls.map((o: any) => o.escalation_level)).toEqual([1, 2]);
    const [level1] = body.oncalls;
    expect(
      new Date(level1.end).getTime() - new Date(level1.start).getTime(),
    ).toBe(7 * 86_400_000);
    expect(level1.user.email).toMatch(/@/);
  });

  it('lists ongoing maintenance windows with filter=ongoing', async () => {
    const window = sim.state.startMaintenance({
      services: ['payments-api'],
      minutes: 10,
    });
    const { body } = await get('/maintenance_windows?filter=ongoing');
    expect(body.maintenance_windows.map((w: any) => w.id)).toContain(window.id);
    const future = await get('/maintenance_windows?filter=future');
    expect(future.body.maintenance_windows.map((w: any) => w.id)).not.toContain(
      window.id,
    );
  });

  it('counts the REST requests it receives', async () => {
    const before = sim.requestCount;
    await get('/priorities');
    await get('/priorities', {});
    expect(sim.requestCount - before).toBe(2);
  });

  it('answers 404 for unknown objects', async () => {
    expect((await get('/services/PZZZZZZ')).response.status).toBe(404);
    expect((await get('/users/PZZZZZZ')).response.status).toBe(404);
  });
});

describe('rate limiting', () => {
  it('answers the 961st request in a minute with 429 and the ratelimit headers', async () => {
    let now = new Date('2026-11-21T12:00:00.000Z').getTime();
    const sim = await startPagerDutySimulator({
      seed: 1,
      now: () => new Date(now),
      historyDays: 1,
      apiTokens: ['simulator-token', 'second-token'],
    });
    try {
      for (let i = 0; i < 960; i++) {
        const response = await fetch(`${sim.url}/priorities`, {
          headers: auth,
        });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        now += 10; // 960 requests within 9.6 s
      }
      const limited = await fetch(`${sim.url}/priorities`, { headers: auth });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('ratelimit-limit')).toBe('960');
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      expect((await limited.json()).error.message).toBe('Rate Limit Exceeded');

      // another token has its own budget
      const other = await fetch(`${sim.url}/priorities`, {
        headers: pagerDutyRequestHeaders('second-token'),
      });
      expect(other.status).toBe(200);

      now += 60_000; // the window slides past the burst
      const later = await fetch(`${sim.url}/priorities`, { headers: auth });
      expect(later.status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
