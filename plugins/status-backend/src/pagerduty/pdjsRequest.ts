import { api } from '@pagerduty/pdjs';
import { PagerDutyQuery } from './PagerDutyClient';

/** The headers of an answer, as pdjs hands them over. */
export type PagerDutyResponseHeaders = {
  get(name: string): string | null;
  has(name: string): boolean;
};

/** What one request sent through pdjs came to. */
export type PdjsAttempt =
  | { kind: 'ok'; body: any; headers: PagerDutyResponseHeaders }
  | {
      kind: 'refused';
      status: number;
      body: any;
      headers: PagerDutyResponseHeaders;
    }
  | { kind: 'transient'; reason: string; headers?: PagerDutyResponseHeaders }
  /**
   * A 429. `headers` are the 429's own only when pdjs handed the 429 over;
   * when this module stopped pdjs from sending again, they are not known.
   */
  | { kind: 'rate-limited'; headers?: PagerDutyResponseHeaders };

/** One request to send through pdjs. */
export type PdjsRequest = {
  method: 'GET' | 'POST' | 'PUT';
  /** The full URL without its query, e.g. `https://api.pagerduty.com/incidents`. */
  url: string;
  query: PagerDutyQuery;
  /** The JSON body of a POST or PUT. */
  data?: unknown;
  token: string;
  tokenType: 'token' | 'bearer';
  timeoutMs: number;
  /** The sync's deadline. */
  signal?: AbortSignal;
  /** The `From` header of a write made as a user (their e-mail address). */
  from?: string;
};

/** pdjs rejects with the response itself when its body is not JSON. */
const isResponse = (
  value: unknown,
): value is { status: number; headers: PagerDutyResponseHeaders } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { status?: unknown }).status === 'number' &&
  typeof (value as { headers?: { get?: unknown } }).headers?.get === 'function';

const byStatus = (
  status: number,
  body: any,
  headers: PagerDutyResponseHeaders,
): PdjsAttempt => {
  if (status >= 200 && status < 300) return { kind: 'ok', body, headers };
  if (status === 429) return { kind: 'rate-limited', headers };
  if (status >= 500)
    return { kind: 'transient', reason: `HTTP ${status}`, headers };
  return { kind: 'refused', status, body, headers };
};

/**
 * Sends one request with pdjs's `api()`, exactly once, and says what it came
 * to; it never throws.
 *
 * @remarks
 * What pdjs would otherwise do on its own is turned off:
 *
 * - Its default `Content-Type` (`application/json; charset=utf-8`, which
 *   PagerDuty's OpenAPI document does not allow) is replaced by exactly
 *   `application/json`. Its `Accept` (API version 2), `Authorization` (from
 *   `token` and `tokenType`) and `User-Agent` (`pdjs/…`) headers are kept.
 * - Its request timer (`requestTimeout`, 30 s by default, which only keeps
 *   the process alive and is not cleared when a request fails) is not armed:
 *   the timeout is this module's `AbortSignal.timeout`, combined with the
 *   sync's signal.
 * - On a 429 pdjs waits `retryTimeout` and sends the request again, up to 3
 *   times, keeping the 429 and its headers from its caller. pdjs turns
 *   `retryTimeout` into a number only then, to set its wait, so it is given an
 *   object whose conversion records the 429, aborts this attempt and answers
 *   0: pdjs's next send then fails at once with an `AbortError`, before any
 *   request leaves, and the attempt is reported `rate-limited` without the
 *   429's headers.
 */
export async function requestThroughPdjs(
  request: PdjsRequest,
): Promise<PdjsAttempt> {
  const thisAttempt = new AbortController();
  let rateLimited = false;
  const stopRetryAfter429 = {
    [Symbol.toPrimitive]: () => {
      rateLimited = true;
      thisAttempt.abort();
      return 0;
    },
  };
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signals = [thisAttempt.signal, timeout];
  if (request.signal) signals.push(request.signal);
  try {
    const response = await api({
      url: request.url,
      method: request.method,
      token: request.token,
      tokenType: request.tokenType,
      // the same spelling as pdjs's own header, so it replaces it
      headers: {
        'Content-Type': 'application/json',
        ...(request.from ? { From: request.from } : {}),
      },
      queryParameters: request.query,
      // pdjs moves a GET's `data` into the query
      data: request.method === 'GET' ? undefined : (request.data as object),
      signal: AbortSignal.any(signals),
      requestTimeout: 0,
      retryTimeout: stopRetryAfter429 as unknown as number,
    });
    return byStatus(response.status, response.data, response.headers);
  } catch (error) {
    if (rateLimited) return { kind: 'rate-limited' };
    if (request.signal?.aborted)
      return { kind: 'transient', reason: "the sync's time ran out" };
    if (timeout.aborted)
      return {
        kind: 'transient',
        reason: `no answer within ${request.timeoutMs} ms`,
      };
    if (isResponse(error)) {
      const { status, headers } = error;
      if (status >= 200 && status < 300) {
        // an empty answer is not an error; anything else unreadable is (e.g. a proxy's HTML page)
        return headers.get('content-length') === '0'
          ? { kind: 'ok', body: undefined, headers }
          : {
              kind: 'transient',
              reason: `HTTP ${status} with a body that is not JSON`,
              headers,
            };
      }
      return byStatus(status, undefined, headers);
    }
    return {
      kind: 'transient',
      reason: String((error as Error)?.message ?? error),
    };
  }
}
