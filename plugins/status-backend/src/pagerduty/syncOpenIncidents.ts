import { StoredIncident } from '../database';
import { PagerDutyRequestError } from './errors';
import { listOpenIncidents } from './listOpenIncidents';
import { toStoredIncident } from './mapping';
import type { SyncContext, SyncResult } from './syncContext';

/** Incidents gone from the open list that are looked up one by one per sync. */
const MAX_INDIVIDUAL_LOOKUPS = 50;

/** What a page shows of open incidents, to tell whether a sync changed any. */
function incidentsSignature(incidents: StoredIncident[]): string {
  return JSON.stringify(
    incidents
      .map(i => [
        i.id,
        i.status,
        i.urgency,
        i.priority ?? '',
        i.title,
        i.assignees.map(a => a.id).join(','),
      ])
      .sort((a, b) => a[0].localeCompare(b[0])),
  );
}

const messageOf = (error: unknown) =>
  String((error as Error)?.message ?? error);

/**
 * Open incidents (see {@link listOpenIncidents}: account-wide, or in slices
 * when there are more than offset pagination reaches), and the incidents
 * that left the open list since the last sync. Returns the open incidents as
 * PagerDuty sent them, and gives them to `onOpenRead` as soon as they are
 * stored, so the parts read per open incident go on when only a lookup of a
 * closed one failed.
 */
export async function syncOpenIncidents(
  context: SyncContext,
  result: SyncResult,
  onOpenRead?: (open: any[]) => void,
): Promise<any[]> {
  const { account, client, store, request, now } = context;
  const previouslyOpen = (await store.listOpenIncidents()).filter(
    i => i.account === account,
  );
  // asked now: a webhook that occurs after this moment wins over what the answer says
  const observedAt = now();
  const open = await listOpenIncidents(context, result, previouslyOpen.length);
  const byId = new Map(previouslyOpen.map(i => [i.id, i]));
  const openIncidents = open
    .map(i =>
      toStoredIncident(i, { account, observedAt, known: byId.get(i.id) }),
    )
    .filter(i => i !== undefined);
  const openIds = new Set(openIncidents.map(i => i.id));
  result.openIncidents = openIncidents.length;
  result.incidentsChanged =
    incidentsSignature(previouslyOpen) !== incidentsSignature(openIncidents);

  // Incidents that left the open list: only PagerDuty's 404 means one is gone;
  // any other failure keeps it as last known, and the part reports it.
  const closed = previouslyOpen.filter(i => !openIds.has(i.id));
  const settled: StoredIncident[] = [];
  const unconfirmed: string[] = [];
  for (const incident of closed.slice(0, MAX_INDIVIDUAL_LOOKUPS)) {
    const lookedUpAt = now();
    try {
      const current = await client.get<any>(
        `/incidents/${incident.id}`,
        {},
        'incident',
        request,
      );
      const latest = toStoredIncident(current, {
        account,
        observedAt: lookedUpAt,
        known: incident,
      });
      if (latest) settled.push(latest);
    } catch (error) {
      if (error instanceof PagerDutyRequestError && error.status === 404) {
        // merged or deleted: no longer open
        settled.push({
          ...incident,
          status: 'resolved',
          resolvedAt: lookedUpAt,
          changedAt: lookedUpAt,
          observedAt: lookedUpAt,
          assignees: [],
        });
      } else {
        unconfirmed.push(messageOf(error));
      }
    }
  }
  result.resolvedSinceLastSync = settled.filter(
    i => i.status === 'resolved',
  ).length;
  await store.upsertIncidents([...openIncidents, ...settled]);
  onOpenRead?.(open);
  const waiting = closed.length - MAX_INDIVIDUAL_LOOKUPS;
  if (unconfirmed.length || waiting > 0) {
    const reasons = [
      unconfirmed.length
        ? `${unconfirmed.length} incident(s) that left the open list could not be looked up (${unconfirmed[0]})`
        : '',
      waiting > 0
        ? `${waiting} incident(s) that left the open list wait for the next sync`
        : '',
    ].filter(Boolean);
    throw new Error(`${reasons.join('; ')}; they are shown as last known`);
  }
  return open;
}
