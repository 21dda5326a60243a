import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import waitForExpect from 'wait-for-expect';
import { PagerDutyRequestError, PagerDutyUnavailableError } from './errors';
import { PagerDutyRestClient } from './PagerDutyRestClient';

type Received = {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
};
type Answer =
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'hang';

const json = (status: number, body: unknown, headers = {}): Answer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * A server that records every request as it arrived and answers what the
 * test says: what pdjs actually sends, and how often.
 */
describe('PagerDutyRestClient sends through pdjs', () => {
  let server: http.Server;
  let baseUrl: string;
  let received: Received[];
  let answer: (request: Received) => Answer;
  let clock: number;
  const fakeClock = {
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        const request: Received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        };
        received.push(request);
        const reply = answer(request);
        if (reply === 'hang') return;
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    clock = 1_000_000;
    answer = () => json(200, { priorities: [] });
  });

  /** The error a call failed with. */
  const failure = (call: Promise<unknown>): Promise<any> =>
    call.then(
      () => {
        throw new Error('the call succeeded');
      },
      error => error,
    );

  const client = (
    options: Partial<ConstructorParameters<typeof PagerDutyRestClient>[0]> = {},
  ) =>
    new PagerDutyRestClient({
      apiBaseUrl: baseUrl,
      apiToken: 'the-token',
      logger: mockServices.logger.mock(),
      clock: fakeClock,
      backoffMs: 100,
      ...options,
    });

  it("with pdjs's User-Agent and version header, exactly application/json, the base path and PagerDuty's array parameters", async () => {
    answer = () => json(200, { incidents: [{ id: 'P1' }], more: false });
    await client().list(
      '/incidents',
      { 'statuses[]': ['triggered', 'acknowledged'], date_range: 'all' },
      'incidents',
    );
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe('GET');
    expect(request.url).toBe(
      '/api/incidents?statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&date_range=all&limit=100&offset=0',
    );
    expect(request.headers['user-agent']).toMatch(/^pdjs\//);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe(
      'application/vnd.pagerduty+json;version=2',
    );
    expect(request.headers.authorization).toBe('Token token=the-token');
    expect(request.body).toBe('');
  });

  it('with a Bearer token, and a JSON body on a write', async () => {
    answer = () => json(201, { webhook_subscription: { id: 'PW1' } });
    const created = await client({ tokenType: 'bearer' }).post<{
      id: string;
    }>(
      '/webhook_subscriptions',
      { webhook_subscription: { type: 'webhook_subscription' } },
      'webhook_subscription',
    );
    expect(created).toEqual({ id: 'PW1' });
    const [request] = received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/webhook_subscriptions');
    expect(request.headers.authorization).toBe('Bearer the-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      webhook_subscription: { type: 'webhook_subscription' },
    });
  });

  describe('a 429', () => {
    const rateLimited = () =>
      json(
        429,
        { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        { 'ratelimit-remaining': '0', 'ratelimit-reset': '7' },
      );

    it('is never sent again by pdjs: each attempt is one request at the server', async () => {
      answer = rateLimited;
      const pd = client({ maxRetries: 2 });
      const error = await failure(pd.get('/priorities', {}, 'priorities'));
      expect(error).toBeInstanceOf(PagerDutyUnavailableError);
      expect(error.message).toContain(
        'failed after 3 attempts: rate limited (429)',
      );
      expect(received).toHaveLength(3);
      expect(pd.requestsSent).toBe(3);
      // none announced ahead: a full minute before each attempt after the first
      expect(clock - 1_000_000).toBe(120_000);
    });

    it('is sent again by the client once the wait is over, and the answer read', async () => {
      let first = true;
      answer = () => {
        if (!first) return json(200, { priorities: [{ id: 'PP1' }] });
        first = false;
        return rateLimited();
      };
      const pd = client();
      await expect(pd.get('/priorities', {}, 'priorities')).resolves.toEqual([
        { id: 'PP1' },
      ]);
      expect(received).toHaveLength(2);
      // the client's wait, on its clock, not one of pdjs's
      expect(clock - 1_000_000).toBe(60_000);
    });

    it('of a write is sent again only by the client, after the wait: PagerDuty did nothing', async () => {
      let first = true;
      answer = () => {
        if (!first) return json(200, { webhook_subscription: { id: 'PW1' } });
        first = false;
        return rateLimited();
      };
      await expect(
        client().put('/webhook_subscriptions/PW1', {}, 'webhook_subscription'),
      ).resolves.toEqual({ id: 'PW1' });
      expect(received.map(r => r.method)).toEqual(['PUT', 'PUT']);
      expect(clock - 1_000_000).toBe(60_000);
    });
  });

  describe('an answer that is not JSON', () => {
    const html = (status: number): Answer => ({
      status,
      headers: { 'Content-Type': 'text/html' },
      body: '<html><body>Bad gateway</body></html>',
    });

    it('is retried when a 2xx to a read, then reported', async () => {
      answer = () => html(200);
      const pd = client({ maxRetries: 1 });
      const error = await failure(pd.get('/priorities', {}, 'priorities'));
      expect(error).toBeInstanceOf(PagerDutyUnavailableError);
      expect(error.message).toContain('HTTP 200 with a body that is not JSON');
      expect(received).toHaveLength(2);
    });

    it('is not sent again when a 2xx to a write', async () => {
      answer = () => html(201);
      const error = await failure(
        client().post('/webhook_subscriptions', {}, 'webhook_subscription'),
      );
      expect(error).toBeInstanceOf(PagerDutyUnavailableError);
      expect(error.message).toContain('not sent again');
      expect(received).toHaveLength(1);
    });

    it('is a refusal when a 4xx, and retried when a 5xx', async () => {
      answer = () => html(403);
      const refused = await failure(
        client().get('/priorities', {}, 'priorities'),
      );
      expect(refused).toBeInstanceOf(PagerDutyRequestError);
      expect(refused.status).toBe(403);
      expect(received).toHaveLength(1);

      received = [];
      answer = () => (received.length === 1 ? html(502) : json(200, {}));
      await client().get('/priorities', {}, 'priorities');
      expect(received).toHaveLength(2);
    });

    it('is no error when empty, with or without a 204', async () => {
      answer = () => ({ status: 204 });
      await expect(
        client().post('/webhook_subscriptions/PW1/enable', undefined),
      ).resolves.toBeUndefined();
      answer = () => ({ status: 200, headers: { 'Content-Length': '0' } });
      await expect(
        client().post('/webhook_subscriptions/PW1/enable', undefined),
      ).resolves.toBeUndefined();
      expect(received).toHaveLength(2);
    });
  });

  it('times out an attempt on its own timer while the injected clock stands still, and retries a read', async () => {
    answer = () => (received.length === 1 ? 'hang' : json(200, {}));
    const pd = client({ timeoutMs: 100 });
    await pd.get('/priorities', {}, 'priorities');
    expect(received).toHaveLength(2);
    // only the backoff moved the injected clock
    expect(clock - 1_000_000).toBeLessThan(200);
  });

  it('does not send a timed out write again', async () => {
    answer = () => 'hang';
    const error = await failure(
      client({ timeoutMs: 100 }).put(
        '/webhook_subscriptions/PW1',
        {},
        'webhook_subscription',
      ),
    );
    expect(error).toBeInstanceOf(PagerDutyUnavailableError);
    expect(error.message).toContain('no answer within 100 ms');
    expect(error.message).toContain('not sent again');
    expect(received).toHaveLength(1);
  });

  it("abandons a request in flight when the sync's time runs out", async () => {
    answer = () => 'hang';
    const sync = new AbortController();
    const pending = failure(
      client({ timeoutMs: 60_000 }).get('/priorities', {}, 'priorities', {
        signal: sync.signal,
      }),
    );
    await waitForExpect(() => expect(received).toHaveLength(1));
    sync.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(PagerDutyUnavailableError);
    expect(error.message).toContain("the sync's time ran out");
    expect(received).toHaveLength(1);
  });

  it("ends a rate-limit wait with the sync's time, and no wait keeps the process alive", async () => {
    const timers = () =>
      process.getActiveResourcesInfo().filter(r => r === 'Timeout').length;
    const before = timers();
    answer = () => json(429, {});
    const sync = new AbortController();
    // the real clock: the wait for PagerDuty's reset is a real timer
    const pending = failure(
      client({ clock: undefined, maxRetries: 1 }).get(
        '/priorities',
        {},
        'priorities',
        { signal: sync.signal },
      ),
    );
    await waitForExpect(() => expect(received).toHaveLength(1));
    expect(timers()).toBe(before);
    sync.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(PagerDutyUnavailableError);
    expect(error.message).toContain("the sync's time ran out");
    expect(received).toHaveLength(1);
    expect(timers()).toBe(before);
  });

  it('leaves no timer behind that keeps the process alive', async () => {
    const timers = () =>
      process.getActiveResourcesInfo().filter(r => r === 'Timeout').length;
    const before = timers();
    const pd = client({ maxRetries: 0 });
    answer = () => json(429, {});
    await pd.get('/priorities', {}, 'priorities').catch(() => {});
    answer = () => ({ status: 200, body: 'not json' });
    await pd.get('/priorities', {}, 'priorities').catch(() => {});
    answer = () => json(200, { priorities: [] });
    await client().get('/priorities', {}, 'priorities');
    expect(received).toHaveLength(3);
    expect(timers()).toBe(before);
  });
});
