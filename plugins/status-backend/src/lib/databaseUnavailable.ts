import { ServiceUnavailableError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

// PostgreSQL's "connection exception" and "operator intervention" classes,
// and the socket errors of a server that is down or restarting
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Timeout acquiring a connection/i;

/**
 * Whether an error means the database cannot be reached right now (down,
 * restarting, out of connections), as opposed to a fault in a query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error as
    | { code?: unknown; name?: unknown; message?: unknown; cause?: unknown }
    | undefined;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if (typeof current.code === 'string' && UNAVAILABLE_CODES.has(current.code))
      return true;
    if (current.name === 'KnexTimeoutError') return true;
    if (
      typeof current.message === 'string' &&
      UNAVAILABLE_MESSAGES.test(current.message)
    )
      return true;
    current = current.cause as typeof current;
  }
  return false;
}

/**
 * Answers 503 instead of 500 while the database is unreachable, so callers
 * (and PagerDuty's and the monitoring tools' retries) see a temporary
 * outage; every other error passes on unchanged.
 */
export const databaseUnavailableAs503: ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  next(
    isDatabaseUnavailable(error)
      ? new ServiceUnavailableError(
          'The status database cannot be reached right now; try again shortly',
        )
      : error,
  );
};
