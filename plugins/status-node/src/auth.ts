import { createHmac, timingSafeEqual } from 'node:crypto';
import { AlertSourceRequest } from './AlertSource';

/** Compares two secrets in constant time (for equal lengths; a length difference is not secret). */
export function secretsEqual(
  given: string | undefined,
  expected: string,
): boolean {
  if (given === undefined || expected.length === 0) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const header = (request: AlertSourceRequest, name: string) => {
  const value = request.headers[name.toLocaleLowerCase('en-US')];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Whether the request carries the shared secret: `Authorization: Bearer
 * <secret>`, or a `token` query parameter for tools that cannot set headers.
 *
 * @public
 */
export function hasSharedSecret(
  request: AlertSourceRequest,
  secret: string,
): boolean {
  const authorization = header(request, 'authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer !== undefined) return secretsEqual(bearer, secret);
  const token = request.query.token;
  return typeof token === 'string' && secretsEqual(token, secret);
}

/**
 * Whether a hex HMAC-SHA256 of the raw body with the secret is in the given
 * header (optionally after a prefix such as `sha256=`).
 *
 * @public
 */
export function hasHmacSignature(
  request: AlertSourceRequest,
  secret: string,
  headerName: string,
  prefix = '',
): boolean {
  const given = header(request, headerName);
  if (!given?.startsWith(prefix)) return false;
  const expected = createHmac('sha256', secret)
    .update(request.rawBody)
    .digest('hex');
  return secretsEqual(given.slice(prefix.length), expected);
}
