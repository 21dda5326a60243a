import { StoredIncident, StoredLogEntry } from '../database';
import { nonBlank } from '../lib/boundedText';
import { isPagerDutyId } from './mapping';
import type { SyncContext } from './syncContext';

/** Incidents whose log one sync reads at most; the others wait their turn. */
export const MAX_LOG_READS = 20;
/** An open incident's log is read again after this long. */
export const REREAD_OPEN_AFTER_MS = 5 * 60_000;
/** Major incidents created this long ago or less have their log read. */
export const LOG_LOOKBACK_MS = 14 * 86_400_000;
/** Pages of one incident's log read at most: an incident this busy is cut, oldest kept. */
const MAX_LOG_PAGES = 5;
/** Candidates read from the store per sync. */
const CANDIDATES = 500;

/** A log entry as `GET /incidents/{id}/log_entries` lists it, in the store's shape. */
export function toStoredLogEntry(
  row: any,
  account: string,
  incidentId: string,
): StoredLogEntry | undefined {
  const at = new Date(row?.created_at);
  const type = nonBlank(row?.type);
  if (!isPagerDutyId(row?.id) || !type || Number.isNaN(at.getTime()))
    return undefined;
  // an annotate entry's note: `note`, or older accounts' `channel.summary`
  const note =
    type === 'annotate_log_entry'
      ? nonBlank(row.note) ?? nonBlank(row.channel?.summary)
      : nonBlank(row.note);
  return {
    account,
    incidentId,
    id: row.id,
    type,
    at,
    agent: nonBlank(row.agent?.summary),
    summary: nonBlank(row.summary) ?? type,
    note,
  };
}

/**
 * Which incidents to read, most needed first: open ones never read, then
 * those resolved since their last read (the read that completes them), then
 * open ones read longest ago, then resolved ones never read (the backlog of
 * past incidents the backfill brought); within each, higher priority and
 * newer first.
 */
export function logReadOrder(
  candidates: {
    incident: StoredIncident;
    read?: { readAt?: Date; complete: boolean };
  }[],
  now: number,
): StoredIncident[] {
  const rank = ({
    incident,
    read,
  }: (typeof candidates)[number]): number | undefined => {
    const open = incident.status !== 'resolved';
    if (!read?.readAt) return open ? 0 : 3;
    if (!open) return 1;
    if (now - read.readAt.getTime() >= REREAD_OPEN_AFTER_MS) return 2;
    return undefined;
  };
  return candidates
    .map(c => ({ c, rank: rank(c) }))
    .filter(
      (x): x is { c: (typeof candidates)[number]; rank: number } =>
        x.rank !== undefined,
    )
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.c.incident.priority ?? '~').localeCompare(
          b.c.incident.priority ?? '~',
        ) ||
        b.c.incident.createdAt.getTime() - a.c.incident.createdAt.getTime(),
    )
    .map(x => x.c.incident);
}

/**
 * Reads PagerDuty's log of major incidents (P1/P2, or high urgency without a
 * priority) created in the last 14 days, for their timelines: at most
 * {@link MAX_LOG_READS} per sync, in {@link logReadOrder}. A log read after
 * its incident resolved is complete and never read again; a failed read is
 * recorded on the incident and retried first at the next sync. Returns how
 * many logs were read.
 */
export async function syncIncidentTimelines(
  context: SyncContext,
): Promise<number> {
  const { account, client, store, request } = context;
  const now = context.now();
  const candidates = await store.timelines.incompleteMajorIncidents(
    account,
    new Date(now.getTime() - LOG_LOOKBACK_MS),
    CANDIDATES,
  );
  const due = logReadOrder(candidates, now.getTime()).slice(0, MAX_LOG_READS);
  const failures: string[] = [];
  let read = 0;
  for (const incident of due) {
    try {
      const rows = await client.list<any>(
        `/incidents/${incident.id}/log_entries`,
        {},
        'log_entries',
        { ...request, maxPages: MAX_LOG_PAGES, onTruncated: () => {} },
      );
      const entries = rows
        .map(row => toStoredLogEntry(row, account, incident.id))
        .filter((e): e is StoredLogEntry => e !== undefined);
      if (entries.length) await store.timelines.upsertLogEntries(entries);
      const resolved =
        incident.status === 'resolved' ||
        entries.some(e => e.type === 'resolve_log_entry');
      await store.timelines.recordRead(account, incident.id, {
        at: context.now(),
        complete: resolved,
      });
      read += 1;
    } catch (error) {
      const message = String((error as Error)?.message ?? error);
      failures.push(message);
      await store.timelines.recordFailure(account, incident.id, {
        at: context.now(),
        error: message,
      });
    }
  }
  if (failures.length)
    throw new Error(
      `the log of ${failures.length} incident(s) could not be read (${failures[0]}); they are read first at the next sync`,
    );
  return read;
}
