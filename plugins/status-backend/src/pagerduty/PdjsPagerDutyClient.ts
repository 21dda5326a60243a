import { LoggerService } from '@backstage/backend-plugin-api';
import { api } from '@pagerduty/pdjs';
import { PagerDutyRequestError, PagerDutyUnavailableError } from './errors';
import { PagerDutyClient, PagerDutyQuery } from './PagerDutyClient';
import { RequestBudget } from './RequestBudget';

/** How the client talks to PagerDuty. */
export type PdjsPagerDutyClientOptions = {
  /** e.g. https://api.pagerduty.com */
  apiBaseUrl: string;
  apiToken: string;
  logger: LoggerService;
  /** Per request, 10 s by default. */
  timeoutMs?: number;
  /** Retries of a request after a 5xx, timeout, network error or 429; 4 by default. */
  maxRetries?: number;
  /** First backoff, doubled per retry; 500 ms by default. */
  backoffMs?: number;
  /** Requests per minute never exceeded; 600 by default (PagerDuty allows 960). */
  requestsPerMinute?: number;
  /** The clock (tests drive it). */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
};

const PAGE_SIZE = 100;
const MAX_OFFSET_PLUS_LIMIT = 10_000;

const realClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)),
};

type Attempt =
  | { kind: 'ok'; body: any; headers: Headers }
  | { kind: 'refused'; status: number; body: any }
  | { kind: 'transient'; reason: string }
  | { kind: 'rate-limited' };

/**
 * {@link PagerDutyClient} on `@pagerduty/pdjs`.
 *
 * @remarks
 * pdjs resolves non-2xx answers, has no effective request timeout, and on a
 * 429 retries by itself up to three times after a fixed wait, without
 * showing the 429's `ratelimit-reset`. This client gives every attempt an
 * AbortSignal with a timeout, turns non-2xx answers into typed errors,
 * retries 5xx and timeouts with exponential backoff, and keeps its own
 * request budget. pdjs's own 429 retry is cut short: pdjs reads its retry
 * delay (`retryTimeout`) only when a 429 arrives, so the delay handed to it
 * notes the 429 and aborts the attempt before pdjs sends again. The client
 * then waits for the `ratelimit-reset` PagerDuty announced on its latest
 * answers (or a full minute when it announced none) and tries again.
 *
 * @internal
 */
export class PdjsPagerDutyClient implements PagerDutyClient {
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly budget: RequestBudget;
  private readonly clock: {
    now: () => number;
    sleep: (ms: number) => Promise<void>;
  };
  private rateLimitResetAt = 0;
  private sent = 0;

  constructor(private readonly options: PdjsPagerDutyClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = options.maxRetries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.clock = options.clock ?? realClock;
    this.budget = new RequestBudget(
      options.requestsPerMinute ?? 600,
      this.clock,
    );
  }

  get requestsSent(): number {
    return this.sent;
  }

  async get<T>(path: string, query: PagerDutyQuery, key: string): Promise<T> {
    const body = await this.request(path, query);
    return body[key] as T;
  }

  async list<T>(
    path: string,
    query: PagerDutyQuery,
    key: string,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      if (offset + PAGE_SIZE > MAX_OFFSET_PLUS_LIMIT) {
        throw new PagerDutyRequestError(
          `${path} has more than ${MAX_OFFSET_PLUS_LIMIT} results, PagerDuty's limit for offset pagination; narrow the query`,
          400,
        );
      }
      const body = await this.request(path, {
        ...query,
        limit: String(PAGE_SIZE),
        offset: String(offset),
      });
      items.push(...(body[key] ?? []));
      if (!body.more) return items;
    }
  }

  /** Creates an object, e.g. `post('/webhook_subscriptions', {...}, 'webhook_subscription')`. */
  async post<T>(path: string, data: unknown, key: string): Promise<T> {
    const body = await this.request(path, {}, { method: 'POST', data });
    return body[key] as T;
  }

  private async request(
    path: string,
    query: PagerDutyQuery,
    write?: { method: 'POST'; data: unknown },
  ): Promise<any> {
    const method = write?.method ?? 'GET';
    let lastReason = '';
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      const waitForReset = this.rateLimitResetAt - this.clock.now();
      if (waitForReset > 0) await this.clock.sleep(waitForReset);
      await this.budget.acquire();
      const result = await this.attempt(path, query, write);
      switch (result.kind) {
        case 'ok':
          this.noteRateLimit(result.headers);
          return result.body;
        case 'refused': {
          const error = result.body?.error ?? {};
          throw new PagerDutyRequestError(
            `PagerDuty refused ${method} ${path}: ${result.status} ${
              error.message ?? ''
            }`.trim(),
            result.status,
            error.errors ?? [],
          );
        }
        case 'rate-limited':
          lastReason = '429 rate limited';
          if (this.rateLimitResetAt <= this.clock.now()) {
            this.rateLimitResetAt = this.clock.now() + 60_000;
          }
          this.options.logger.warn(
            `PagerDuty rate limit reached on ${method} ${path}; waiting for its reset`,
          );
          break;
        default:
          lastReason = result.reason;
          if (attempt < this.maxRetries) {
            const backoff =
              this.backoffMs * 2 ** attempt * (0.75 + Math.random() / 2);
            this.options.logger.warn(
              `PagerDuty ${method} ${path} failed (${
                result.reason
              }); retrying in ${Math.round(backoff)} ms`,
            );
            await this.clock.sleep(backoff);
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

  /** Remembers when PagerDuty's rate-limit window resets once it says none is left. */
  private noteRateLimit(headers: Headers) {
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset'));
    if (headers.has('ratelimit-remaining') && remaining <= 0 && reset > 0) {
      this.rateLimitResetAt = this.clock.now() + reset * 1000;
    }
  }

  private async attempt(
    path: string,
    query: PagerDutyQuery,
    write?: { method: 'POST'; data: unknown },
  ): Promise<Attempt> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    let rateLimited = false;
    // pdjs converts this to a number only when a 429 arrives, just before it
    // would send the same request again: note it and abort instead.
    const retryTimeout = {
      valueOf: () => {
        rateLimited = true;
        abort.abort();
        return 0;
      },
    } as unknown as number;
    this.sent += 1;
    try {
      const response = await api({
        url: `${this.options.apiBaseUrl.replace(/\/$/, '')}${path}`,
        token: this.options.apiToken,
        method: write?.method ?? 'GET',
        queryParameters: query,
        ...(write ? { data: write.data as object } : {}),
        signal: abort.signal,
        retryTimeout,
      });
      const status = response.status;
      if (status >= 200 && status < 300) {
        return { kind: 'ok', body: response.data, headers: response.headers };
      }
      if (status === 429) {
        return { kind: 'rate-limited' };
      }
      if (status >= 500) {
        return { kind: 'transient', reason: `HTTP ${status}` };
      }
      return { kind: 'refused', status, body: response.data };
    } catch (error) {
      if (rateLimited) return { kind: 'rate-limited' };
      if (abort.signal.aborted)
        return {
          kind: 'transient',
          reason: `no answer within ${this.timeoutMs} ms`,
        };
      // pdjs rejects with the response when a body is not JSON (e.g. a proxy's HTML error page)
      const status = (error as { status?: number })?.status;
      if (typeof status === 'number') {
        return status >= 500 || status === 429
          ? { kind: 'transient', reason: `HTTP ${status}` }
          : { kind: 'refused', status, body: undefined };
      }
      return {
        kind: 'transient',
        reason: String((error as Error)?.message ?? error),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
