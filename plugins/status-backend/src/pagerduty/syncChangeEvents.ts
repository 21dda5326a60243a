import { StoredChangeEvent } from '../database';
import { isPagerDutyId } from './mapping';
import type { SyncContext } from './syncContext';

/** The window the Status tab shows; the first read of an account covers it. */
export const CHANGE_WINDOW_MS = 24 * 3_600_000;
/**
 * Change events carry the time the emitting tool gives them and may reach
 * PagerDuty late: each read goes this far back before the last one ended.
 */
const LATE_ARRIVAL_MS = 3_600_000;
/**
 * Pages of 100 one sync reads at most: PagerDuty lists change events newest
 * first, so a busier window keeps its newest 2,000.
 */
const MAX_PAGES = 20;

const MAX_SUMMARY = 1024;
const MAX_SOURCE = 255;
const MAX_LINKS = 10;
const MAX_HREF = 2048;
const MAX_LINK_TEXT = 255;

const readUntilKey = (account: string) =>
  `pagerduty:${account}:changes.read_until`;

/** PagerDuty wants UTC date-times without milliseconds. */
const utc = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Only web links: a change's links are shown as anchors in the browser. */
function webLink(link: any): { href: string; text?: string } | undefined {
  if (typeof link?.href !== 'string' || link.href.length > MAX_HREF) {
    return undefined;
  }
  try {
    const url = new URL(link.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  } catch {
    return undefined;
  }
  return {
    href: link.href,
    text:
      typeof link.text === 'string'
        ? link.text.slice(0, MAX_LINK_TEXT)
        : undefined,
  };
}

/**
 * A change event in the store's shape, bounded; undefined when it names no
 * service or has no usable time.
 */
export function toStoredChangeEvent(
  data: any,
  account: string,
): StoredChangeEvent | undefined {
  const at = new Date(data?.timestamp);
  const serviceIds: string[] = Array.isArray(data?.services)
    ? data.services.map((s: any) => s?.id).filter(isPagerDutyId)
    : [];
  if (!isPagerDutyId(data?.id) || !serviceIds.length || isNaN(at.getTime())) {
    return undefined;
  }
  return {
    account,
    id: data.id,
    serviceIds: [...new Set(serviceIds)].slice(0, 100),
    at,
    summary:
      typeof data.summary === 'string' && data.summary.trim()
        ? data.summary.slice(0, MAX_SUMMARY)
        : 'A change without a summary',
    source:
      typeof data.source === 'string'
        ? data.source.slice(0, MAX_SOURCE)
        : undefined,
    links: (Array.isArray(data.links) ? data.links : [])
      .map(webLink)
      .filter((l: unknown) => l !== undefined)
      .slice(0, MAX_LINKS),
  };
}

/**
 * The account's change events since the last read (an hour of overlap for
 * late ones), the last 24 hours on the first read: one account-wide list, so
 * the requests grow with the number of changes, not of services.
 */
export async function syncChangeEvents(context: SyncContext): Promise<number> {
  const { account, client, store, request } = context;
  const now = context.now();
  const readUntil = await store.getMeta(readUntilKey(account));
  const since = new Date(
    Math.max(
      now.getTime() - CHANGE_WINDOW_MS,
      readUntil ? Date.parse(readUntil.value) - LATE_ARRIVAL_MS : 0,
    ),
  );
  const rows = await client.list<any>(
    '/change_events',
    // no `until`: PagerDuty's ends now, and a rounded one could miss this second's
    { since: utc(since) },
    'change_events',
    {
      ...request,
      maxPages: MAX_PAGES,
      // newest first: on a day of more changes than this, keep the newest
      onTruncated: read => {
        context.logger.warn(
          `More than ${read} PagerDuty change events since ${utc(
            since,
          )} in account ${account}; the newest ${read} are kept`,
        );
      },
    },
  );
  const events = rows
    .map(row => toStoredChangeEvent(row, account))
    .filter(e => e !== undefined);
  await store.changeEvents.upsert(events);
  await store.setMeta(readUntilKey(account), now.toISOString());
  return events.length;
}
