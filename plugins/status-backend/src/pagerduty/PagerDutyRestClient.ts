import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PagerDutyRequestError,
  PagerDutyTooManyResultsError,
  PagerDutyUnavailableError,
} from './errors';
import {
  PagerDutyClient,
  PagerDutyListOptions,
  PagerDutyQuery,
  PagerDutyRequestOptions,
} from './PagerDutyClient';
import { RequestBudget } from './RequestBudget';

/** How the client talks to PagerDuty. */
export type PagerDutyRestClientOptions = {
  /** e.g. https://api.pagerduty.com */
  apiBaseUrl: string;
  apiToken: string;
  /**
   * `token` (a REST API key: `Authorization: Token token=…`, the default) or
   * `bearer` (an OAuth or scoped access token: `Authorization: Bearer …`).
   */
  tokenType?: 'token' | 'bearer';
  logger: LoggerService;
  /** Per request, 10 s by default. */
  timeoutMs?: number;
  /** Retries of a request after a 5xx, timeout, network error or 429; 4 by default. */
  maxRetries?: number;
  /** First backoff, doubled per retry; 500 ms by default. */
  backoffMs?: number;
  /** Requests per minute never exceeded; 600 by default (PagerDuty allows 960). */
  requestsPerMinute?: number;
  /** The longest wait for a rate-limit reset before giving up; 60 s by default. */
  maxRateLimitWaitMs?: number;
  /** The clock (tests drive it). */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
};

/** PagerDuty's page size maximum. */
const PAGE_SIZE = 100;
/** Offset pagination reaches no further than offset + limit = 10,000. */
const MAX_OFFSET_PLUS_LIMIT = 10_000;

const realClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)),
};

type Attempt =
  | { kind: 'ok'; body: any; headers: Headers }
  | { kind: 'refused'; status: number; body: any }
  | { kind: 'transient'; reason: string }
  | { kind: 'rate-limited'; resetSeconds?: number };

const defaultKey = (row: any) =>
  typeof row?.id === 'string' ? row.id : JSON.stringify(row);

/**
 * {@link PagerDutyClient} on the platform's `fetch`, holding to PagerDuty's
 * published REST contract.
 *
 * @remarks
 * Every request carries the headers the OpenAPI document requires (`Accept:
 * application/vnd.pagerduty+json;version=2` and exactly `Content-Type:
 * application/json`, even on GET), a timeout, and counts against the sync's
 * budget. 5xx, timeouts and network errors are retried with exponential
 * backoff; a 429 waits for the `ratelimit-reset` it announces (bounded, and
 * never past the sync's deadline). Lists advance by the rows actually
 * received, drop duplicate rows, and stop at an empty or repeated page.
 *
 * `@pagerduty/pdjs` was used before: it retries a 429 by itself after a fixed
 * delay and keeps the 429's headers from its caller, so it cannot honour
 * `ratelimit-reset`; its `Content-Type` carries a charset the document does
 * not allow.
 *
 * @internal
 */
export class PagerDutyRestClient implements PagerDutyClient {
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly budget: RequestBudget;
  private readonly clock: {
    now: () => number;
    sleep: (ms: number) => Promise<void>;
  };
  private readonly authorization: string;
  private rateLimitResetAt = 0;
  private sent = 0;

  constructor(private readonly options: PagerDutyRestClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = options.maxRetries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    this.clock = options.clock ?? realClock;
    this.budget = new RequestBudget(
      options.requestsPerMinute ?? 600,
      this.clock,
    );
    this.authorization =
      options.tokenType === 'bearer'
        ? `Bearer ${options.apiToken}`
        : `Token token=${options.apiToken}`;
  }

  get requestsSent(): number {
    return this.sent;
  }

  async get<T>(
    path: string,
    query: PagerDutyQuery,
    key: string,
    options: PagerDutyRequestOptions = {},
  ): Promise<T> {
    const body = await this.request('GET', path, query, undefined, options);
    return body[key] as T;
  }

  async list<T>(
    path: string,
    query: PagerDutyQuery,
    key: string,
    options: PagerDutyListOptions = {},
  ): Promise<T[]> {
    const maxPages = options.maxPages ?? MAX_OFFSET_PLUS_LIMIT / PAGE_SIZE;
    const keyOf = options.keyOf ?? defaultKey;
    const seen = new Set<string>();
    const items: T[] = [];
    let offset = 0;
    for (let page = 0; ; page++) {
      if (page >= maxPages || offset + PAGE_SIZE > MAX_OFFSET_PLUS_LIMIT) {
        if (options.onTruncated) {
          options.onTruncated(items.length);
          return items;
        }
        throw new PagerDutyTooManyResultsError(
          `${path} has more than the ${items.length} results ${
            page >= maxPages
              ? `${maxPages} pages hold`
              : `offset pagination reaches (offset + limit ≤ ${MAX_OFFSET_PLUS_LIMIT})`
          }; the query must be narrowed`,
          items.length,
        );
      }
      const body = await this.request(
        'GET',
        path,
        { ...query, limit: String(PAGE_SIZE), offset: String(offset) },
        undefined,
        options,
      );
      const rows: T[] = Array.isArray(body[key]) ? body[key] : [];
      const fresh = rows.filter(row => {
        const rowKey = keyOf(row);
        if (seen.has(rowKey)) return false;
        seen.add(rowKey);
        return true;
      });
      items.push(...fresh);
      if (!body.more) return items;
      if (rows.length === 0 || fresh.length === 0) {
        // PagerDuty says there is more but sends nothing new: going on would loop
        this.options.logger.warn(
          `PagerDuty answered more=true with ${
            rows.length === 0 ? 'an empty page' : 'a page of rows already read'
          } at offset ${offset} of ${path}; stopping with ${
            items.length
          } results`,
        );
        return items;
      }
      offset += rows.length;
    }
  }

  async post<T>(
    path: string,
    data: unknown,
    key?: string,
    options: PagerDutyRequestOptions = {},
  ): Promise<T> {
    const body = await this.request('POST', path, {}, data, options);
    return (key === undefined ? body : body?.[key]) as T;
  }

  async put<T>(
    path: string,
    data: unknown,
    key: string,
    options: PagerDutyRequestOptions = {},
  ): Promise<T> {
    const body = await this.request('PUT', path, {}, data, options);
    return body?.[key] as T;
  }

  private async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    query: PagerDutyQuery,
    data: unknown,
    options: PagerDutyRequestOptions,
  ): Promise<any> {
    let lastReason = '';
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      const waitForReset = this.rateLimitResetAt - this.clock.now();
      if (waitForReset > this.maxRateLimitWaitMs) {
        throw new PagerDutyUnavailableError(
          `PagerDuty ${method} ${path}: rate limited (429), reset in ${Math.ceil(
            waitForReset / 1000,
          )} s, longer than the ${Math.round(
            this.maxRateLimitWaitMs / 1000,
          )} s this client waits`,
          attempt,
        );
      }
      if (waitForReset > 0) await this.wait(waitForReset, options.signal);
      await this.budget.acquire();
      options.budget?.take();
      this.throwIfAborted(options.signal, path, attempt);
      const result = await this.attempt(method, path, query, data, options);
      switch (result.kind) {
        case 'ok':
          this.noteRateLimit(result.headers);
          return result.body;
        case 'refused': {
          const error = result.body?.error ?? {};
          const details: string[] = Array.isArray(error.errors)
            ? error.errors.map(String)
            : [];
          throw new PagerDutyRequestError(
            `PagerDuty answered ${result.status} to ${method} ${path}${
              error.message ? `: ${error.message}` : ''
            }${details.length ? ` (${details.slice(0, 3).join('; ')})` : ''}`,
            result.status,
            details,
          );
        }
        case 'rate-limited': {
          const resetMs = (result.resetSeconds ?? 60) * 1000;
          lastReason = `rate limited (429), reset in ${Math.round(
            resetMs / 1000,
          )} s`;
          if (resetMs > this.maxRateLimitWaitMs) {
            this.rateLimitResetAt = this.clock.now() + resetMs;
            throw new PagerDutyUnavailableError(
              `PagerDuty ${method} ${path}: ${lastReason}, longer than the ${Math.round(
                this.maxRateLimitWaitMs / 1000,
              )} s this client waits`,
              attempt + 1,
            );
          }
          this.rateLimitResetAt = Math.max(
            this.rateLimitResetAt,
            this.clock.now() + resetMs,
          );
          this.options.logger.warn(
            `PagerDuty rate limit reached on ${method} ${path}; waiting ${Math.round(
              resetMs / 1000,
            )} s for its reset`,
          );
          break;
        }
        default:
          lastReason = result.reason;
          // a write may have been done before the answer was lost: sending it
          // again could do it twice (the caller checks and tries later)
          if (method === 'POST') {
            throw new PagerDutyUnavailableError(
              `PagerDuty ${method} ${path} failed (${result.reason}); not sent again`,
              attempt + 1,
            );
          }
          if (attempt < this.maxRetries) {
            const backoff =
              this.backoffMs * 2 ** attempt * (0.75 + Math.random() / 2);
            this.options.logger.warn(
              `PagerDuty ${method} ${path} failed (${
                result.reason
              }); retrying in ${Math.round(backoff)} ms`,
            );
            await this.wait(backoff, options.signal);
          }
      }
    }
    throw new PagerDutyUnavailableError(
      `PagerDuty ${method} ${path} failed after ${
        this.maxRetries + 1
      } attempts: ${lastReason}`,
      this.maxRetries + 1,
    );
  }

  /** Waits, unless the sync's deadline comes first. */
  private async wait(ms: number, signal?: AbortSignal) {
    if (!signal) {
      await this.clock.sleep(ms);
      return;
    }
    this.throwIfAborted(signal, 'a wait', 0);
    let onAbort = () => {};
    const aborted = new Promise<void>(resolve => {
      onAbort = resolve;
      signal.addEventListener('abort', onAbort, { once: true });
    });
    await Promise.race([this.clock.sleep(ms), aborted]);
    signal.removeEventListener('abort', onAbort);
  }

  private throwIfAborted(
    signal: AbortSignal | undefined,
    what: string,
    attempts: number,
  ) {
    if (signal?.aborted) {
      throw new PagerDutyUnavailableError(
        `the sync's time ran out before ${what} was answered`,
        attempts,
      );
    }
  }

  /** Remembers when PagerDuty's rate-limit window resets once it says none is left. */
  private noteRateLimit(headers: Headers) {
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset'));
    if (headers.has('ratelimit-remaining') && remaining <= 0 && reset > 0) {
      this.rateLimitResetAt = this.clock.now() + reset * 1000;
    }
  }

  private async attempt(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    query: PagerDutyQuery,
    data: unknown,
    options: PagerDutyRequestOptions,
  ): Promise<Attempt> {
    const url = new URL(`${this.options.apiBaseUrl.replace(/\/$/, '')}${path}`);
    for (const [name, value] of Object.entries(query)) {
      for (const item of [value].flat()) url.searchParams.append(name, item);
    }
    const signals = [AbortSignal.timeout(this.timeoutMs)];
    if (options.signal) signals.push(options.signal);
    this.sent += 1;
    try {
      const response = await fetch(url, {
        method,
        headers: {
          Accept: 'application/vnd.pagerduty+json;version=2',
          'Content-Type': 'application/json',
          Authorization: this.authorization,
          'User-Agent': 'backstage-status-plugin',
        },
        body: data === undefined ? undefined : JSON.stringify(data),
        signal: AbortSignal.any(signals),
      });
      const status = response.status;
      const text = await response.text();
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // e.g. a proxy's HTML error page
        body = undefined;
      }
      if (status >= 200 && status < 300) {
        if (body === undefined && text)
          return {
            kind: 'transient',
            reason: `HTTP ${status} with a body that is not JSON`,
          };
        return { kind: 'ok', body, headers: response.headers };
      }
      if (status === 429) {
        const reset = Number(response.headers.get('ratelimit-reset'));
        return {
          kind: 'rate-limited',
          resetSeconds: reset > 0 ? reset : undefined,
        };
      }
      if (status >= 500) return { kind: 'transient', reason: `HTTP ${status}` };
      return { kind: 'refused', status, body };
    } catch (error) {
      if (options.signal?.aborted)
        return { kind: 'transient', reason: "the sync's time ran out" };
      if ((error as Error)?.name === 'TimeoutError')
        return {
          kind: 'transient',
          reason: `no answer within ${this.timeoutMs} ms`,
        };
      return {
        kind: 'transient',
        reason: String((error as Error)?.cause ?? (error as Error)?.message),
      };
    }
  }
}
