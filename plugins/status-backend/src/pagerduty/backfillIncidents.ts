import { toDate, DAY_MS } from '@status-layer/plugin-status-common';
import { BackfillProgress, StoredIncident } from '../database';
import { PagerDutyBudgetError } from './errors';
import { isPagerDutyId } from './mapping';
import type { SyncContext } from './syncContext';

/** How far back the first start reads resolved incidents. */
export const BACKFILL_DAYS = 90;
/** Rows per request: the most PagerDuty's analytics API gives. */
const PAGE_SIZE = 1000;
/**
 * Requests one sync spends on the backfill at most, and only while the sync
 * has this many left of its budget for the next sync's parts: the backfill
 * never crowds out what keeps the page fresh.
 */
const PAGES_PER_SYNC = 5;
const BUDGET_RESERVE = 50;

/** One resolved incident from the analytics API in the store's shape. */
export function toBackfilledIncident(
  row: any,
  account: string,
): StoredIncident | undefined {
  const createdAt = toDate(row?.created_at);
  const resolvedAt = toDate(row?.resolved_at);
  if (
    !isPagerDutyId(row?.id) ||
    !isPagerDutyId(row?.service_id) ||
    row.status !== 'resolved' ||
    !createdAt ||
    !resolvedAt
  ) {
    return undefined;
  }
  const firstAck = Number(row.seconds_to_first_ack);
  return {
    account,
    id: row.id,
    number: Number(row.incident_number) || 0,
    title: String(row.description ?? row.id).slice(0, 1024),
    serviceId: row.service_id,
    status: 'resolved',
    urgency: row.urgency === 'low' ? 'low' : 'high',
    priority:
      typeof row.priority_name === 'string'
        ? row.priority_name.slice(0, 64)
        : undefined,
    createdAt,
    // the analytics' first acknowledgement, which an unacknowledge never resets
    acknowledgedAt:
      Number.isFinite(firstAck) && firstAck >= 0
        ? new Date(createdAt.getTime() + firstAck * 1000)
        : undefined,
    resolvedAt,
    resolvedBy:
      typeof row.resolved_by_user_name === 'string'
        ? row.resolved_by_user_name.slice(0, 255)
        : undefined,
    changedAt: resolvedAt,
    // true as of its resolution: anything the sync observed later wins
    observedAt: resolvedAt,
    assignees: [],
  };
}

/**
 * Reads up to {@link BACKFILL_DAYS} days of an account's resolved incidents
 * from PagerDuty's analytics API, a few pages per sync and only within the
 * sync's spare budget, resuming from the cursor it stored; the window ends
 * where observation began, so incidents seen live are not read twice.
 * Returns the progress, or undefined when the backfill has finished before.
 */
export async function backfillIncidents(
  context: SyncContext,
  options: { pageSize?: number; pagesPerSync?: number } = {},
): Promise<BackfillProgress | undefined> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const pagesPerSync = options.pagesPerSync ?? PAGES_PER_SYNC;
  const { account, client, store, request } = context;
  const stored = await store.getBackfillProgress(account);
  let progress: BackfillProgress;
  if (stored) {
    progress = stored;
    if (progress.finishedAt) return undefined;
  } else {
    const until = (await store.observedSince()) ?? context.now();
    progress = {
      from: new Date(until.getTime() - BACKFILL_DAYS * DAY_MS).toISOString(),
      until: until.toISOString(),
      incidents: 0,
    };
  }
  for (let page = 0; page < pagesPerSync; page++) {
    if (request.budget.max - request.budget.used <= BUDGET_RESERVE) break;
    let answer: any;
    try {
      answer = await client.post<any>(
        '/analytics/raw/incidents',
        {
          filters: {
            created_at_start: progress.from,
            created_at_end: progress.until,
          },
          order: 'asc',
          order_by: 'created_at',
          limit: pageSize,
          ...(progress.cursor ? { starting_after: progress.cursor } : {}),
        },
        undefined,
        request,
      );
    } catch (error) {
      if (error instanceof PagerDutyBudgetError) break;
      await store.setBackfillProgress(account, {
        ...progress,
        lastError: String((error as Error)?.message ?? error),
      });
      throw error;
    }
    const rows: any[] = Array.isArray(answer?.data) ? answer.data : [];
    const incidents = rows
      .map(row => toBackfilledIncident(row, account))
      .filter(i => i !== undefined);
    await store.upsertIncidents(incidents);
    progress = {
      ...progress,
      lastError: undefined,
      incidents: progress.incidents + incidents.length,
      cursor:
        typeof answer?.last === 'string' && answer.last
          ? answer.last
          : progress.cursor,
    };
    // a page that says more but moves nowhere would loop: finish instead
    const stuck = rows.length === 0;
    if (!answer?.more || stuck) {
      progress.finishedAt = context.now().toISOString();
    }
    await store.setBackfillProgress(account, progress);
    if (progress.finishedAt) break;
  }
  return progress;
}
