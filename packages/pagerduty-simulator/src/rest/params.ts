import { Request } from 'express';
import { z } from 'zod';
import { PagerDutyApiError } from './errors';
import { EndpointFault } from './guards';

type Query = Request['query'];

/**
 * An array parameter, as PagerDuty takes them: `statuses[]=a&statuses[]=b`,
 * and also comma-separated values (`include[]=teams,services`).
 */
export function arrayParam(query: Query, name: string): string[] {
  const raw = query[name] ?? query[`${name}[]`];
  const values = [raw].flat().filter(v => v !== undefined);
  return values
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

export function stringParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw) || typeof raw !== 'string') {
    throw PagerDutyApiError.invalidInput(`${name} must be given once`);
  }
  return raw;
}

export function dateParam(query: Query, name: string): Date | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) {
    throw PagerDutyApiError.invalidInput(`${name} is not a valid date: ${raw}`);
  }
  return date;
}

export function booleanParam(query: Query, name: string): boolean {
  return stringParam(query, name) === 'true';
}

export function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  name: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw PagerDutyApiError.invalidInput(
      `${name} must be one of ${allowed.join(', ')}, not ${value}`,
    );
  }
  return value as T;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const MAX_OFFSET_PLUS_LIMIT = 10_000;

/**
 * PagerDuty's classic pagination: `limit` (default 25, at most 100, echoed),
 * `offset`, `more`, and `total` only when `total=true`. Offsets past 10,000
 * are refused. An endpoint's `endless-more` or `duplicates` fault bends it.
 */
export function paginate<T>(query: Query, items: T[], fault?: EndpointFault) {
  const limitRaw = stringParam(query, 'limit');
  const offsetRaw = stringParam(query, 'offset');
  const limit = limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw);
  const offset = offsetRaw === undefined ? 0 : Number(offsetRaw);
  if (!Number.isInteger(limit) || limit < 1) {
    throw PagerDutyApiError.invalidInput('limit must be a positive integer');
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw PagerDutyApiError.invalidInput(
      'offset must be a non-negative integer',
    );
  }
  const effectiveLimit = Math.min(limit, MAX_LIMIT);
  if (offset + effectiveLimit > MAX_OFFSET_PLUS_LIMIT) {
    throw PagerDutyApiError.invalidInput(
      `Offset must be less than ${MAX_OFFSET_PLUS_LIMIT} minus the limit; use a narrower filter (e.g. since/until)`,
    );
  }
  const start =
    fault?.mode === 'duplicates' && offset > 0 ? offset - 1 : offset;
  const page = items.slice(start, start + effectiveLimit);
  return {
    page,
    pagination: {
      limit: effectiveLimit,
      offset,
      more:
        fault?.mode === 'endless-more' || start + page.length < items.length,
      total: booleanParam(query, 'total') ? items.length : null,
    },
  };
}

/**
 * A request body read beyond the contract's schema (PagerDuty's own limits
 * and rules), each problem a detail of one 400 in PagerDuty's error shape.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw PagerDutyApiError.invalidInput(
      ...parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`),
    );
  return parsed.data;
}
