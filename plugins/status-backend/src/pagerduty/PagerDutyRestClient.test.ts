import { mockServices } from '@backstage/backend-test-utils';
import {
  pagerDutyRequestHeaders,
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import {
  PagerDutyBudgetError,
  PagerDutyRequestError,
  PagerDutyTooManyResultsError,
  PagerDutyUnavailableError,
} from './errors';
import { RequestCounter } from './PagerDutyClient';
import { PagerDutyRestClient } from './PagerDutyRestClient';

jest.setTimeout(60_000);

// One clock for the simulator and the client: the client's waits move it.
let clock = Date.now();
let onSleep: (ms: number) => unknown = () => {};
const fakeClock = {
  now: () => clock,
  sleep: async (ms: number) => {
    clock += ms;
    await onSleep(ms);
  },
};

describe('PagerDutyRestClient against the simulator', () => {
  let sim: PagerDutySimulator;

  beforeAll(async () => {
    sim = await startPagerDutySimulator({
      seed: 21,
      now: () => new Date(clock),
    });
  });
  afterAll(() => sim.close());
  afterEach(async () => {
    onSleep = () => {};
    await fetch(`${sim.url}/_control/faults`, { method: 'DELETE' });
  });

  const client = (
    options: Partial<ConstructorParameters<typeof PagerDutyRestClient>[0]> = {},
  ) =>
    new PagerDutyRestClient({
      apiBaseUrl: sim.url,
      apiToken: 'simulator-token',
      logger: mockServices.logger.mock(),
      clock: fakeClock,
      backoffMs: 100,
      ...options,
    });
  const setFaults = (faults: object) =>
    fetch(`${sim.url}/_control/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(faults),
    });

  it('reads every page of a list, one request per page of 100', async () => {
    const pd = client();
    const before = sim.requestCount;
    const incidents = await pd.list<{ id: string }>(
      '/incidents',
      { 'statuses[]': ['resolved'], date_range: 'all' },
      'incidents',
    );
    const expected = [...sim.state.incidents.values()].filter(
      i => i.status === 'resolved',
    ).length;
    expect(expected).toBeGreaterThan(250);
    expect(incidents).toHaveLength(expected);
    expect(new Set(incidents.map(i => i.id)).size).toBe(expected);
    expect(pd.requestsSent).toBe(Math.ceil(expected / 100));
    expect(sim.requestCount - before).toBe(pd.requestsSent);
  });

  it('reads one object by key', async () => {
    const service = await client().get<{ name: string }>(
      `/services/${sim.state.service('auth-service').id}`,
      {},
      'service',
    );
    expect(service.name).toBe('auth-service');
  });

  it('turns a refusal into a typed error without retrying', async () => {
    const pd = client({ apiToken: 'wrong' });
    const before = sim.requestCount;
    const error = await pd
      .get<unknown[]>('/priorities', {}, 'priorities')
      .catch(e => e);
    expect(error).toBeInstanceOf(PagerDutyRequestError);
    expect(error.status).toBe(401);
    expect(error.message).toContain('Unauthorized');
    expect(sim.requestCount - before).toBe(1);
  });

  it('retries a 5xx with backoff', async () => {
    await setFaults({ errorRate: 1, errorStatuses: [503] });
    const sleeps: number[] = [];
    onSleep = ms => {
      sleeps.push(ms);
      return setFaults({ errorRate: 0 });
    };
    const pd = client();
    const before = sim.requestCount;
    await expect(
      pd.get<unknown[]>('/priorities', {}, 'priorities'),
    ).resolves.toHaveLength(5);
    expect(sim.requestCount - before).toBe(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(75);
  });

  it('gives every request a timeout and retries it', async () => {
    await setFaults({ hangRate: 1 });
    onSleep = () => setFaults({ hangRate: 0 });
    const pd = client({ timeoutMs: 200 });
    const started = Date.now();
    await expect(
      pd.get<unknown[]>('/priorities', {}, 'priorities'),
    ).resolves.toHaveLength(5);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(pd.requestsSent).toBe(2);
  });

  it('gives up with a typed error when PagerDuty stays down', async () => {
    await setFaults({ outageSeconds: 3600 });
    const pd = client({ maxRetries: 2 });
    const error = await pd
      .get<unknown[]>('/priorities', {}, 'priorities')
      .catch(e => e);
    expect(error).toBeInstanceOf(PagerDutyUnavailableError);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain('HTTP 503');
  });

  it('waits for the announced rate-limit reset instead of hitting 429', async () => {
    await setFaults({ rateLimitPerMinute: 3 });
    clock += 120_000; // a fresh window
    const pd = client();
    const before = sim.requestCount;
    const started = clock;
    for (let i = 0; i < 5; i++)
      await pd.get<unknown[]>('/priorities', {}, 'priorities');
    expect(sim.requestCount - before).toBe(5); // no 429 was ever answered
    expect(clock - started).toBeGreaterThanOrEqual(1_000);
  });

  // pdjs keeps the 429's own headers from the client (see pdjsRequest.ts)
  it('on a 429 with no reset announced before, waits a full minute, then sends again once', async () => {
    await setFaults({ rateLimitPerMinute: 2 });
    clock += 120_000;
    // someone else spends the shared token's budget
    for (let i = 0; i < 2; i++) {
      await fetch(`${sim.url}/priorities`, {
        headers: pagerDutyRequestHeaders(),
      });
    }
    const pd = client();
    const before = sim.requestCount;
    const started = clock;
    await expect(
      pd.get<unknown[]>('/priorities', {}, 'priorities'),
    ).resolves.toHaveLength(5);
    // the 429, then the success after the wait: pdjs sent nothing by itself
    expect(sim.requestCount - before).toBe(2);
    expect(pd.requestsSent).toBe(2);
    expect(clock - started).toBe(60_000);
  });

  it('on a 429 waits for the reset an earlier answer announced, less the time since', async () => {
    await setFaults({ rateLimitPerMinute: 3 });
    clock += 120_000;
    const pd = client();
    // the first request of a fresh window is told the window resets in 60 s
    await pd.get<unknown[]>('/priorities', {}, 'priorities');
    clock += 10_000;
    for (let i = 0; i < 2; i++) {
      await fetch(`${sim.url}/priorities`, {
        headers: pagerDutyRequestHeaders(),
      });
    }
    const before = sim.requestCount;
    const started = clock;
    await expect(
      pd.get<unknown[]>('/priorities', {}, 'priorities'),
    ).resolves.toHaveLength(5);
    expect(sim.requestCount - before).toBe(2);
    expect(clock - started).toBe(50_000);
  });

  it('gives up at once, saying why, when the reset to wait for is longer than it waits', async () => {
    await setFaults({ rateLimitPerMinute: 1 });
    clock += 120_000;
    await fetch(`${sim.url}/priorities`, {
      headers: pagerDutyRequestHeaders(),
    });
    const pd = client({ maxRateLimitWaitMs: 500 });
    const before = sim.requestCount;
    const started = clock;
    const error = await pd
      .get<unknown[]>('/priorities', {}, 'priorities')
      .catch(e => e);
    expect(error).toBeInstanceOf(PagerDutyUnavailableError);
    expect(error.message).toMatch(
      /rate limited \(429\), reset in 60 s \(none announced ahead: a full minute\), longer than/,
    );
    expect(clock).toBe(started);
    expect(sim.requestCount - before).toBe(1);
  });

  it('never exceeds its request budget', async () => {
    clock += 120_000;
    const pd = client({ requestsPerMinute: 5 });
    const started = clock;
    for (let i = 0; i < 12; i++)
      await pd.get<unknown[]>('/priorities', {}, 'priorities');
    // requests 6-10 wait for the first minute, 11-12 for the second
    expect(clock - started).toBeGreaterThanOrEqual(120_000);
    expect(clock - started).toBeLessThan(121_000);
  });

  describe('lists', () => {
    const allServices = () =>
      client().list<{ id: string }>('/services', {}, 'services');

    it('stop at the first empty page when PagerDuty keeps saying there is more', async () => {
      await setFaults({ endpoints: { '/services': { mode: 'endless-more' } } });
      const pd = client();
      const services = await pd.list<{ id: string }>(
        '/services',
        {},
        'services',
      );
      expect(services).toHaveLength(sim.state.services.size);
      // one page of 100 holds them all, then the empty one
      expect(pd.requestsSent).toBe(
        Math.ceil(sim.state.services.size / 100) + 1,
      );
    });

    it('drop rows repeated across pages and lose none', async () => {
      const expected = [...sim.state.incidents.values()].filter(
        i => i.status === 'resolved',
      ).length;
      await setFaults({ endpoints: { '/incidents': { mode: 'duplicates' } } });
      const incidents = await client().list<{ id: string }>(
        '/incidents',
        { 'statuses[]': ['resolved'], date_range: 'all' },
        'incidents',
      );
      expect(incidents).toHaveLength(expected);
      expect(new Set(incidents.map(i => i.id)).size).toBe(expected);
    });

    it('stop at a page cap with a typed error saying how many came', async () => {
      const error = await client()
        .list('/incidents', { date_range: 'all' }, 'incidents', { maxPages: 2 })
        .catch(e => e);
      expect(error).toBeInstanceOf(PagerDutyTooManyResultsError);
      expect(error.received).toBe(200);
      expect(error.message).toContain('the query must be narrowed');
      expect((await allServices()).length).toBe(sim.state.services.size);
    });

    it('count every request, retries included, against the sync budget', async () => {
      const budget = new RequestCounter(2);
      const pd = client();
      await pd.get('/priorities', {}, 'priorities', { budget });
      await pd.get('/priorities', {}, 'priorities', { budget });
      await expect(
        pd.get('/priorities', {}, 'priorities', { budget }),
      ).rejects.toBeInstanceOf(PagerDutyBudgetError);
      expect(budget.used).toBe(2);
      expect(pd.requestsSent).toBe(2);
    });
  });

  it('never sends a write twice: a 5xx may come after the write was done', async () => {
    await setFaults({
      endpoints: { '/webhook_subscriptions': { mode: 'error', status: 502 } },
    });
    const pd = client();
    const error: Error = await pd
      .post<never>(
        '/webhook_subscriptions',
        {
          webhook_subscription: {
            type: 'webhook_subscription',
            delivery_method: {
              type: 'http_delivery_method',
              url: 'http://127.0.0.1:1/webhooks/pagerduty',
            },
            events: ['incident.triggered'],
            filter: { type: 'account_reference' },
          },
        },
        'webhook_subscription',
      )
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(PagerDutyUnavailableError);
    expect(error.message).toContain('not sent again');
    expect(pd.requestsSent).toBe(1);
  });

  it('sends an OAuth or scoped token as Bearer', async () => {
    await expect(
      client({ tokenType: 'bearer' }).get<unknown[]>(
        '/priorities',
        {},
        'priorities',
      ),
    ).resolves.toHaveLength(5);
  });

  it("stops waiting when the sync's time runs out", async () => {
    await setFaults({ outageSeconds: 3600 });
    const sync = new AbortController();
    onSleep = () => sync.abort();
    const error: Error = await client({ backoffMs: 60_000 })
      .get<never>('/priorities', {}, 'priorities', { signal: sync.signal })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(PagerDutyUnavailableError);
    expect(error.message).toContain("the sync's time ran out");
  });
});
