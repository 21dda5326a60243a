import { setTimeout as sleep } from 'node:timers/promises';
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
import { PagerDutyResponseHeaders, requestThroughPdjs } from './pdjsRequest';
import {
  PagerDutyAuthorization,
  PagerDutyCredentials,
  StaticAuthorization,
} from './auth/PagerDutyAuthorization';

/** How the client talks to PagerDuty. */
export type PagerDutyRestClientOptions = {
  /** e.g. https://api.pagerduty.com */
  apiBaseUrl: string;
  /** Where credentials come from (a Scoped OAuth app); else `apiToken`. */
  authorization?: PagerDutyAuthorization;
  apiToken?: string;
  /**
   * `token` (a REST API key: `Authorization: Token token=…`, the default) or
   * `bearer` (an OAuth or scoped access token: `Authorization: Bearer …`).
   */
  tokenType?: 'token' | 'bearer';
  logger: LoggerService;
  /** Per request, 10 s by default. */
  timeoutMs?: number;
  /**
   * Retries of a read after a 5xx, timeout, network error or 429, and of a
   * write after a 429; 4 by default.
   */
  maxRetries?: number;
  /** First backoff, doubled per retry; 500 ms by default. */
  backoffMs?: number;
  /** Requests per minute never exceeded; 600 by default (PagerDuty allows 960). */
  requestsPerMinute?: number;
  /**
   * The longest wait for a rate-limit reset before giving up; 60 s by
   * default.
   */
  maxRateLimitWaitMs?: number;
  /** The clock (tests drive it). */
  clock?: {
    now: () => number;
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  };
};

/** PagerDuty's page size maximum. */
const PAGE_SIZE = 100;
/** Offset pagination reaches no further than offset + limit = 10,000. */
const MAX_OFFSET_PLUS_LIMIT = 10_000;

/**
 * The wait after a 429 when PagerDuty announced no reset still ahead: its
 * rate limit counts requests per minute, so a minute on, the requests that
 * spent it no longer count.
 */
const UNANNOUNCED_RESET_MS = 60_000;

const realClock = {
  now: () => Date.now(),
  // a wait never keeps the process alive, and ends with the sync's deadline
  sleep: (ms: number, signal?: AbortSignal) =>
    sleep(ms, undefined, { signal, ref: false }).catch(() => {}),
};

const defaultKey = (row: any) =>
  typeof row?.id === 'string' ? row.id : JSON.stringify(row);

/**
 * {@link PagerDutyClient} on `@pagerduty/pdjs`, holding to PagerDuty's
 * published REST contract.
 *
 * @remarks
 * Every request is one call of pdjs's `api()` (see `requestThroughPdjs`),
 * with the headers the OpenAPI document requires (`Accept:
 * application/vnd.pagerduty+json;version=2` and exactly `Content-Type:
 * application/json`, even on GET), a timeout, and the sync's abort signal;
 * it counts against this client's requests per minute and the sync's
 * budget. Pagination, retries and rate limiting are this class's, not
 * pdjs's: lists advance by the rows actually received, drop duplicate rows,
 * and stop at an empty or repeated page; 5xx, timeouts and network errors of
 * a read are retried with exponential backoff, a write (POST or PUT) is never
 * sent again after them, since it may already be done.
 *
 * Rate limit: pdjs is stopped from sending a request again after a 429 by
 * itself, and does not show the 429's `ratelimit-reset`. So every answer's
 * `ratelimit-reset` is remembered as a time; once `ratelimit-remaining` says
 * 0, no request is sent before it. After a 429 the request waits until the
 * reset last announced, if still ahead, else a full minute, then is sent
 * again; a wait longer than `maxRateLimitWaitMs` gives up at once, and no
 * wait goes past the sync's deadline.
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
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  };
  /** Before this time no request is sent: none is left in PagerDuty's window. */
  private rateLimitResetAt = 0;
  /** The window's reset PagerDuty last announced, as a time (0: none yet). */
  private announcedResetAt = 0;
  private sent = 0;
  private readonly authorization: PagerDutyAuthorization;

  constructor(private readonly options: PagerDutyRestClientOptions) {
    if (!options.authorization && !options.apiToken) {
      throw new Error('A PagerDuty client needs an API token or an OAuth app');
    }
    this.authorization =
      options.authorization ??
      new StaticAuthorization({
        token: options.apiToken!,
        tokenType: options.tokenType ?? 'token',
      });
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRetries = options.maxRetries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 60_000;
    this.clock = options.clock ?? realClock;
    this.budget = new RequestBudget(
      options.requestsPerMinute ?? 600,
      this.clock,
    );
  }

  get requestsSent(): number {
    return this.sent;
  }

  grantedScopes(
    options: PagerDutyRequestOptions = {},
  ): Promise<ReadonlySet<string> | undefined> {
    return this.authorization.grantedScopes(options.signal);
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
    let renewed = false;
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      const waitForReset = this.rateLimitResetAt - this.clock.now();
      if (waitForReset > this.maxRateLimitWaitMs) {
        throw new PagerDutyUnavailableError(
          `PagerDuty ${method} ${path}: rate limit spent (HTTP 429), reset in ${Math.ceil(
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
      const credentials: PagerDutyCredentials =
        await this.authorization.credentials(options.signal);
      this.sent += 1;
      const result = await requestThroughPdjs({
        method,
        url: `${this.options.apiBaseUrl.replace(/\/$/, '')}${path}`,
        query,
        data,
        token: credentials.token,
        tokenType: credentials.tokenType,
        timeoutMs: this.timeoutMs,
        signal: options.signal,
        from: options.from,
      });
      if (result.kind !== 'rate-limited') this.noteRateLimit(result.headers);
      switch (result.kind) {
        case 'ok':
          return result.body;
        case 'refused': {
          if (
            result.status === 401 &&
            !renewed &&
            this.authorization.renewAfterUnauthorized(credentials)
          ) {
            // an OAuth token expired or was revoked early: once more with a
            // new one, not counted as a retry
            renewed = true;
            attempt -= 1;
            break;
          }
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
          const { resetMs, known } = this.resetAfter429(result.headers);
          lastReason = `rate limited (429), reset in ${Math.ceil(
            resetMs / 1000,
          )} s (${known})`;
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
            `PagerDuty rate limit reached on ${method} ${path}; waiting ${Math.ceil(
              resetMs / 1000,
            )} s for its reset (${known})`,
          );
          break;
        }
        default:
          lastReason = result.reason;
          // a write may have been done before the answer was lost: sending it
          // again could do it twice (the caller checks and tries later)
          if (method !== 'GET') {
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
    await Promise.race([this.clock.sleep(ms, signal), aborted]);
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

  /**
   * Remembers when PagerDuty's rate-limit window resets, as its answers
   * announce it, and that none is left once it says so.
   */
  private noteRateLimit(headers?: PagerDutyResponseHeaders) {
    const reset = Number(headers?.get('ratelimit-reset'));
    if (!headers || !(reset > 0)) return;
    const resetAt = this.clock.now() + reset * 1000;
    this.announcedResetAt = resetAt;
    if (
      headers.has('ratelimit-remaining') &&
      Number(headers.get('ratelimit-remaining')) <= 0
    ) {
      this.rateLimitResetAt = resetAt;
    }
  }

  /**
   * How long a 429 waits: its own `ratelimit-reset` when pdjs handed it
   * over, else the reset announced by an earlier answer if still ahead,
   * else a full minute.
   */
  private resetAfter429(headers?: PagerDutyResponseHeaders): {
    resetMs: number;
    known: string;
  } {
    const own = Number(headers?.get('ratelimit-reset'));
    if (own > 0) return { resetMs: own * 1000, known: 'announced by the 429' };
    const ahead = this.announcedResetAt - this.clock.now();
    if (ahead > 0)
      return { resetMs: ahead, known: 'as announced by an earlier answer' };
    return {
      resetMs: UNANNOUNCED_RESET_MS,
      known: 'none announced ahead: a full minute',
    };
  }
}
