import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { PagerDutyRequestError, PagerDutyUnavailableError } from './errors';
import { PdjsPagerDutyClient } from './PdjsPagerDutyClient';

jest.setTimeout(60_000);

// One clock for the simulator and the client: the client's waits move it.
let clock = Date.parse('2026-11-21T12:00:00.000Z');
let onSleep: (ms: number) => unknown = () => {};
const fakeClock = {
  now: () => clock,
  sleep: async (ms: number) => {
    clock += ms;
    await onSleep(ms);
  },
};

describe('PdjsPagerDutyClient against the simulator', () => {
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
    options: Partial<ConstructorParameters<typeof PdjsPagerDutyClient>[0]> = {},
  ) =>
    new PdjsPagerDutyClient({
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

  it('on an unannounced 429 sends nothing more until the window resets (no pdjs retries)', async () => {
    await setFaults({ rateLimitPerMinute: 2 });
    clock += 120_000;
    // someone else spends the shared token's budget
    for (let i = 0; i < 2; i++) {
      await fetch(`${sim.url}/priorities`, {
        headers: { Authorization: 'Token token=simulator-token' },
      });
    }
    const pd = client();
    const before = sim.requestCount;
    const started = clock;
    await expect(
      pd.get<unknown[]>('/priorities', {}, 'priorities'),
    ).resolves.toHaveLength(5);
    expect(sim.requestCount - before).toBe(2); // the 429, then the success after the wait
    expect(clock - started).toBeGreaterThanOrEqual(60_000);
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
});
