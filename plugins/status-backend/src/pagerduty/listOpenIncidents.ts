import { DAY_MS } from '@status-layer/plugin-status-common';
import { PagerDutyQuery } from './PagerDutyClient';
import { PagerDutyTooManyResultsError } from './errors';
import type { SyncContext, SyncResult } from './syncContext';

/** The most results offset pagination reaches (offset + limit ≤ 10,000). */
const MAX_RESULTS = 10_000;
/** Services per query once the account-wide one has too many. */
const SERVICES_PER_QUERY = 100;
/**
 * PagerDuty takes a since/until range of at most 6 months; 180 days is within
 * any 6 months, however long the months.
 */
const MAX_WINDOW_MS = 180 * DAY_MS;
/**
 * With this many open at the last sync, the read counts before it lists:
 * an account-wide list that turns out too long costs 100 pages for nothing.
 */
const COUNT_FIRST_FROM = 5_000;
/** Windows end this far past the sync's clock: PagerDuty's may be ahead. */
const CLOCK_MARGIN_MS = 5 * 60_000;

const OPEN_STATUSES = ['triggered', 'acknowledged'] as const;
const URGENCIES = ['high', 'low'] as const;

/**
 * Part of the open incidents, narrower at each step: a group of services,
 * then one service, one status, one urgency, and a window of creation times.
 */
type Slice = {
  serviceIds?: string[];
  status?: (typeof OPEN_STATUSES)[number];
  urgency?: (typeof URGENCIES)[number];
  window?: { since: number; until: number };
};

/** PagerDuty wants UTC date-times; windows fall on whole seconds. */
const utc = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function queryOf(slice: Slice, forList: boolean): PagerDutyQuery {
  return {
    'statuses[]': slice.status ? [slice.status] : [...OPEN_STATUSES],
    ...(slice.urgency ? { 'urgencies[]': [slice.urgency] } : {}),
    ...(slice.serviceIds ? { 'service_ids[]': slice.serviceIds } : {}),
    // date_range=all makes PagerDuty ignore since/until, and without it or
    // them PagerDuty silently reads the last month only
    ...(slice.window
      ? { since: utc(slice.window.since), until: utc(slice.window.until) }
      : { date_range: 'all' }),
    ...(forList ? { 'include[]': ['assignees', 'conference_bridge'] } : {}),
  };
}

/** The slice in words, for the one error no split can help. */
const describe = (slice: Slice) =>
  `PagerDuty service ${slice.serviceIds?.[0]} has more than ${MAX_RESULTS} open incidents (${slice.status}, ${slice.urgency} urgency) created within one second, more than offset pagination reaches`;

/**
 * Every open incident of the account, as PagerDuty sends them: one
 * account-wide list when it fits in what offset pagination reaches; otherwise
 * counted and read in slices, split until each fits: groups of services
 * (halved down to one service), then by status, by urgency, and by windows
 * of creation time (halved down to a second). `previouslyOpen` (how many
 * were open at the last sync) decides whether to count before listing.
 */
export async function listOpenIncidents(
  context: SyncContext,
  result: SyncResult,
  previouslyOpen: number,
): Promise<any[]> {
  const until =
    Math.ceil((context.now().getTime() + CLOCK_MARGIN_MS) / 1000) * 1000;
  if (previouslyOpen >= COUNT_FIRST_FROM) {
    result.incidentQueries = 0;
    return readSlices(context, result, [{}], until);
  }
  result.incidentQueries = 1;
  try {
    return await context.client.list<any>(
      '/incidents',
      queryOf({}, true),
      'incidents',
      context.request,
    );
  } catch (error) {
    if (!(error instanceof PagerDutyTooManyResultsError)) throw error;
    context.logger.info(
      `More than ${error.received} incidents are open in PagerDuty account ${context.account}; reading them in parts`,
    );
    return readSlices(context, result, await split(context, {}, until), until);
  }
}

/** Counts each slice, lists it when it fits, splits it further when not. */
async function readSlices(
  context: SyncContext,
  result: SyncResult,
  slices: Slice[],
  until: number,
): Promise<any[]> {
  const { client, request } = context;
  // an incident may show in two slices when it changes between their reads
  const byId = new Map<string, any>();
  const queue = [...slices];
  while (queue.length) {
    const slice = queue.shift()!;
    result.incidentQueries += 1;
    const total = await client.get<unknown>(
      '/incidents',
      { ...queryOf(slice, false), total: 'true', limit: '1' },
      'total',
      request,
    );
    if (total === 0) continue;
    // an unknown total is listed, and split only if the list is too long
    if (typeof total !== 'number' || total <= MAX_RESULTS) {
      result.incidentQueries += 1;
      try {
        const rows = await client.list<any>(
          '/incidents',
          queryOf(slice, true),
          'incidents',
          request,
        );
        for (const row of rows) byId.set(row?.id ?? JSON.stringify(row), row);
        continue;
      } catch (error) {
        // more were opened since the count: narrower, then
        if (!(error instanceof PagerDutyTooManyResultsError)) throw error;
      }
    }
    queue.unshift(...(await split(context, slice, until)));
  }
  return [...byId.values()];
}

/** The narrower slices a slice with too many open incidents is read as. */
async function split(
  context: SyncContext,
  slice: Slice,
  until: number,
): Promise<Slice[]> {
  const ids = slice.serviceIds;
  if (!ids) {
    const all = (await context.store.listServices(context.account)).map(
      s => s.id,
    );
    if (!all.length) {
      throw new Error(
        `More than ${MAX_RESULTS} incidents are open; they are read per service, and the services have not been read yet`,
      );
    }
    const groups: Slice[] = [];
    for (let i = 0; i < all.length; i += SERVICES_PER_QUERY)
      groups.push({ serviceIds: all.slice(i, i + SERVICES_PER_QUERY) });
    return groups;
  }
  if (ids.length > 1) {
    const half = Math.ceil(ids.length / 2);
    return [
      { serviceIds: ids.slice(0, half) },
      { serviceIds: ids.slice(half) },
    ];
  }
  if (!slice.status) return OPEN_STATUSES.map(status => ({ ...slice, status }));
  if (!slice.urgency) return URGENCIES.map(urgency => ({ ...slice, urgency }));
  if (!slice.window) return windowsFrom(context, slice, until);
  const { since, until: end } = slice.window;
  const middle = Math.floor((since + end) / 2000) * 1000;
  if (middle <= since) throw new Error(describe(slice));
  return [
    { ...slice, window: { since, until: middle } },
    { ...slice, window: { since: middle, until: end } },
  ];
}

/**
 * Windows of at most {@link MAX_WINDOW_MS} from the slice's oldest open
 * incident (one request asks PagerDuty which) to `until`.
 */
async function windowsFrom(
  context: SyncContext,
  slice: Slice,
  until: number,
): Promise<Slice[]> {
  const [oldest] =
    (await context.client.get<any[] | undefined>(
      '/incidents',
      {
        ...queryOf(slice, false),
        sort_by: 'created_at:asc',
        limit: '1',
      },
      'incidents',
      context.request,
    )) ?? [];
  const createdAt = Date.parse(oldest?.created_at);
  // none left open: nothing to read
  if (Number.isNaN(createdAt)) return [];
  const windows: Slice[] = [];
  for (
    let since = Math.floor(createdAt / 1000) * 1000;
    since < until;
    since += MAX_WINDOW_MS
  ) {
    windows.push({
      ...slice,
      window: { since, until: Math.min(since + MAX_WINDOW_MS, until) },
    });
  }
  return windows;
}
