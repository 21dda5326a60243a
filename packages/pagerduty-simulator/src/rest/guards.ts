import { NextFunction, Request, Response } from 'express';
import { Random } from '../random';
import { ErrorCodes, PagerDutyApiError, sendError } from './errors';

/**
 * A fault of one endpoint: `error` answers with `status` (500 by default),
 * `timeout` never answers, `endless-more` says `more: true` on every page (the
 * pages past the end are empty), `duplicates` starts every page after the
 * first with the previous page's last row, as when rows shift under offset
 * pagination.
 */
export type EndpointFault =
  | { mode: 'error'; status?: number }
  | { mode: 'timeout' }
  | { mode: 'endless-more' }
  | { mode: 'duplicates' };

/** Faults injected into the REST API and webhook delivery, changeable at run time. */
export type Faults = {
  /** Added to every REST answer. */
  latencyMs: number;
  /** Up to this much more, drawn per request. */
  jitterMs: number;
  /** Share of REST requests (0–1) answered with one of `errorStatuses`. */
  errorRate: number;
  errorStatuses: number[];
  /** Share of REST requests (0–1) that never get an answer. */
  hangRate: number;
  /** Until then, every REST request is answered 503. */
  outageUntil?: Date;
  /** A tighter per-token budget than the configured one. */
  rateLimitPerMinute?: number;
  /** Added before every webhook delivery attempt. */
  webhookDelayMs: number;
  /** Faults of single endpoints, by the document's path, e.g. `/incidents` or `/incidents/{id}`. */
  endpoints: Record<string, EndpointFault>;
};

export const noFaults = (): Faults => ({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  hangRate: 0,
  outageUntil: undefined,
  rateLimitPerMinute: undefined,
  webhookDelayMs: 0,
  endpoints: {},
});

/** The fault of the endpoint a request is for, if any (the contract step found its operation). */
export const endpointFault = (
  faults: Faults,
  res: Response,
): EndpointFault | undefined => {
  const template: string | undefined = res.locals.operation?.template;
  return template ? faults.endpoints[template] : undefined;
};

/**
 * `Authorization: Token token=<key>` (an API key) or `Authorization: Bearer
 * <token>` (a static OAuth or scoped token, or one the token endpoint issued)
 * with one of the accepted values, as PagerDuty requires; 401 with
 * PagerDuty's error body otherwise, expired and revoked tokens included. An
 * issued token's scopes are kept for {@link requireScope}.
 */
export function requireToken(
  acceptedTokens: Set<string>,
  issuedScopes: (token: string) => ReadonlySet<string> | undefined = () =>
    undefined,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.header('authorization') ?? '';
    const match = /^(Token token=|Bearer )(.+)$/.exec(header.trim());
    const scopes =
      match?.[1] === 'Bearer ' ? issuedScopes(match[2]) : undefined;
    if (!match || (!acceptedTokens.has(match[2]) && !scopes)) {
      sendError(
        res,
        new PagerDutyApiError(401, ErrorCodes.unauthorized, 'Unauthorized'),
      );
      return;
    }
    res.locals.token = match[2];
    res.locals.scopes = scopes;
    next();
  };
}

/**
 * A token issued to a Scoped OAuth app reaches only the operations whose
 * scope (the document's `x-pd-requires-scope`) it holds; 403 otherwise, as
 * PagerDuty answers. API keys are not scoped.
 */
export function requireScope(
  scopeOf: (res: Response) => string | undefined,
  onDenied?: (req: Request, scope: string) => void,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    const scopes: ReadonlySet<string> | undefined = res.locals.scopes;
    const needed = scopeOf(res);
    if (scopes && needed && !scopes.has(needed)) {
      onDenied?.(req, needed);
      sendError(
        res,
        new PagerDutyApiError(403, ErrorCodes.accessDenied, 'Access Denied', [
          'The access token does not have the required scope',
        ]),
      );
      return;
    }
    next();
  };
}

/**
 * Requests counted per key in any sliding minute, as PagerDuty's APIs count
 * them: `take` admits one more unless `limit` were already taken in the last
 * 60 s, and says how many remain and when the oldest leaves the window.
 */
export class SlidingMinute {
  private readonly windows = new Map<string, number[]>();

  take(
    key: string,
    limit: number,
    now: number,
  ): { admitted: boolean; remaining: number; resetSeconds: number } {
    const recent = (this.windows.get(key) ?? []).filter(t => t > now - 60_000);
    const resetSeconds = recent.length
      ? Math.max(1, Math.ceil((recent[0] + 60_000 - now) / 1000))
      : 60;
    const admitted = recent.length < limit;
    if (admitted) recent.push(now);
    this.windows.set(key, recent);
    return { admitted, remaining: limit - recent.length, resetSeconds };
  }
}

/**
 * A per-token budget of requests in any sliding minute, answered with 429 and
 * PagerDuty's `ratelimit-*` headers once spent.
 */
export function rateLimit(options: {
  perMinute: () => number;
  now: () => number;
}) {
  const windows = new SlidingMinute();
  return (_req: Request, res: Response, next: NextFunction) => {
    const limit = options.perMinute();
    const taken = windows.take(res.locals.token, limit, options.now());
    res.setHeader('ratelimit-limit', String(limit));
    res.setHeader('ratelimit-remaining', String(Math.max(0, taken.remaining)));
    res.setHeader('ratelimit-reset', String(taken.resetSeconds));
    if (!taken.admitted) {
      sendError(
        res,
        new PagerDutyApiError(
          429,
          ErrorCodes.rateLimited,
          'Rate Limit Exceeded',
        ),
      );
      return;
    }
    next();
  };
}

/** Applies the current faults to a REST request. */
export function injectFaults(options: {
  faults: () => Faults;
  random: Random;
  now: () => Date;
  onHang: (res: Response) => void;
}) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const faults = options.faults();
    if (faults.outageUntil && faults.outageUntil > options.now()) {
      sendError(
        res,
        new PagerDutyApiError(503, ErrorCodes.internal, 'Service Unavailable'),
      );
      return;
    }
    const fault = endpointFault(faults, res);
    if (fault?.mode === 'error') {
      const status = fault.status ?? 500;
      sendError(
        res,
        new PagerDutyApiError(
          status,
          status >= 500 ? ErrorCodes.internal : ErrorCodes.invalidInput,
          status >= 500 ? 'Internal Server Error' : 'Invalid Input Provided',
          [`injected fault of ${res.locals.operation.template}`],
        ),
      );
      return;
    }
    if (
      fault?.mode === 'timeout' ||
      (faults.hangRate > 0 && options.random.next() < faults.hangRate)
    ) {
      options.onHang(res);
      return;
    }
    const delay =
      faults.latencyMs +
      (faults.jitterMs > 0 ? options.random.next() * faults.jitterMs : 0);
    const proceed = () => {
      if (faults.errorRate > 0 && options.random.next() < faults.errorRate) {
        const status = options.random.pick(faults.errorStatuses);
        sendError(
          res,
          new PagerDutyApiError(
            status,
            ErrorCodes.internal,
            'Internal Server Error',
          ),
        );
        return;
      }
      next();
    };
    // a delayed answer never keeps the process alive on its own
    if (delay > 0) setTimeout(proceed, delay).unref();
    else proceed();
  };
}
