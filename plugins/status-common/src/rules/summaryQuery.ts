import { StatusSummaryEntity } from '../summary/api';
import {
  DISPLAY_LEVELS,
  DisplayLevel,
  isDisplayLevel,
} from '../health/monitoring';
import { summaryEntityLevel } from './summaryRows';

/**
 * Which entities a summary covers: the same filters in the query string, in
 * the backend's filtering and in the dashboard's. Empty lists filter nothing.
 *
 * @public
 */
export type StatusSummaryQuery = {
  kind?: string[];
  owner?: string[];
  system?: string[];
  domain?: string[];
  /** Display levels: `operational` leaves out the entities not monitored and the misconfigured ones. */
  level?: DisplayLevel[];
  /** Words that must all appear in the entity's ref or title. */
  text?: string;
  /** Add everything the matching entities depend on, transitively. */
  withUpstreams?: boolean;
  /**
   * A scope applied before the other filters: the entities these groups own
   * and everything those depend on, transitively ("my teams' view").
   */
  within?: string[];
};

/**
 * A page of a list the status API pages: how many to skip and how many to
 * return at most.
 *
 * @public
 */
export type StatusPageQuery = { offset?: number; limit?: number };

/** The most values one list filter may carry; more is refused. */
const MAX_LIST_VALUES = 500;

const lower = (value: string) => value.toLocaleLowerCase('en-US');
const LIST_KEYS = [
  'kind',
  'owner',
  'system',
  'domain',
  'level',
  'within',
] as const;

/**
 * Whether an entity passes the query's kind, owner, system, domain and text
 * filters. The level filter is separate ({@link hasSummaryLevel}): the
 * backend applies it after adding upstreams.
 *
 * @public
 */
export function matchesSummaryQuery(
  entity: StatusSummaryEntity,
  query: Omit<StatusSummaryQuery, 'level'>,
): boolean {
  return summaryQueryMatcher(query)(entity);
}

/**
 * {@link matchesSummaryQuery} with the query read once: for filtering many
 * entities by one query.
 *
 * @public
 */
export function summaryQueryMatcher(
  query: Omit<StatusSummaryQuery, 'level'>,
): (entity: StatusSummaryEntity) => boolean {
  const among = (list: string[] | undefined) => {
    if (!list?.length) return undefined;
    const values = new Set(list);
    return (value: string | undefined) =>
      value !== undefined && values.has(value);
  };
  const kinds = query.kind?.length ? new Set(query.kind.map(lower)) : undefined;
  const owner = among(query.owner);
  const system = among(query.system);
  const domain = among(query.domain);
  const words = lower(query.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return entity => {
    if (kinds && !kinds.has(lower(entity.kind))) return false;
    if (owner && !owner(entity.owner)) return false;
    if (system && !system(entity.system)) return false;
    if (domain && !domain(entity.domain)) return false;
    if (words.length) {
      const haystack = lower(`${entity.entityRef} ${entity.title ?? ''}`);
      if (!words.every(w => haystack.includes(w))) return false;
    }
    return true;
  };
}

/** Whether an entity's display level ({@link summaryEntityLevel}) is one the query asks for. @public */
export function hasSummaryLevel(
  entity: StatusSummaryEntity,
  levels: readonly string[] | undefined,
): boolean {
  return !levels?.length || levels.includes(summaryEntityLevel(entity));
}

/** The query as the `/summary` route's query string (without `?`). @public */
export function toSummarySearch(query: StatusSummaryQuery): string {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) {
    const values = query[key];
    if (values?.length) params.set(key, values.join(','));
  }
  if (query.text) params.set('q', query.text);
  if (query.withUpstreams) params.set('include', 'upstreams');
  return params.toString();
}

/**
 * The `/summary` route's query string as a query; throws an `Error` naming
 * the parameter when one cannot be read (the route answers 400 with it).
 *
 * @public
 */
export function parseSummarySearch(
  params: Record<string, unknown>,
): StatusSummaryQuery {
  const list = (name: string): string[] | undefined => {
    const value = params[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string')
      throw new Error(`${name} must be given once, as comma-separated values`);
    const values = value
      .split(',')
      .map(v => v.trim())
      .filter(Boolean);
    if (values.length > MAX_LIST_VALUES)
      throw new Error(`${name} takes at most ${MAX_LIST_VALUES} values`);
    return values;
  };
  const level = list('level');
  const unknownLevel = level?.find(l => !isDisplayLevel(l));
  if (unknownLevel)
    throw new Error(
      `Unknown level "${unknownLevel}"; use ${DISPLAY_LEVELS.join(', ')}`,
    );
  const text = params.q;
  if (text !== undefined && typeof text !== 'string')
    throw new Error('q must be given once');
  const include = list('include');
  const unknownInclude = include?.find(i => i !== 'upstreams');
  if (unknownInclude)
    throw new Error(
      `Unknown include "${unknownInclude}"; use include=upstreams`,
    );
  return {
    kind: list('kind'),
    owner: list('owner'),
    system: list('system'),
    domain: list('domain'),
    within: list('within'),
    level: level as DisplayLevel[] | undefined,
    text: text?.trim() || undefined,
    withUpstreams: include?.includes('upstreams'),
  };
}

/**
 * Reads `offset` and `limit` of a paged route; throws an `Error` naming the
 * parameter when one is not a whole number in range.
 *
 * @public
 */
export function parsePageSearch(
  params: Record<string, unknown>,
  bounds: { defaultLimit: number; maxLimit: number },
): { offset: number; limit: number } {
  const whole = (name: string, fallback: number, max: number) => {
    const value = params[name];
    if (value === undefined) return fallback;
    const n =
      typeof value === 'string' && /^\d{1,9}$/.test(value)
        ? Number(value)
        : NaN;
    if (!Number.isInteger(n) || n > max)
      throw new Error(`${name} must be a whole number from 0 to ${max}`);
    return n;
  };
  return {
    offset: whole('offset', 0, 1_000_000),
    limit: whole('limit', bounds.defaultLimit, bounds.maxLimit),
  };
}

/** The page as a query string part (without `?`). @public */
export function toPageSearch(page: StatusPageQuery | undefined): string {
  const params = new URLSearchParams();
  if (page?.offset) params.set('offset', String(page.offset));
  if (page?.limit !== undefined) params.set('limit', String(page.limit));
  return params.toString();
}
