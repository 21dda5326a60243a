import { StoredIncidentUpdate } from '../database';
import { boundedText, nonBlank } from '../lib/boundedText';
import { isPagerDutyId } from './mapping';
import type { SyncContext } from './syncContext';

/** Longer notes and updates are cut: a page shows the start, PagerDuty the rest. */
export const MAX_UPDATE_MESSAGE = 4_000;
const MAX_AUTHOR = 255;
/** Open incidents whose notes one sync reads at most; the others wait their turn. */
const MAX_NOTE_READS = 25;
/** An open incident's notes are read again after this long (webhooks bring them sooner). */
const REREAD_AFTER_MS = 10 * 60_000;

const notesReadKey = (account: string) =>
  `pagerduty:${account}:incident-notes-read`;

/**
 * Webhook events whose data is what was added to an incident, not the
 * incident: the kind stored, and the `data.type` PagerDuty sends with it.
 */
export const INCIDENT_UPDATE_EVENTS: Record<
  string,
  { kind: StoredIncidentUpdate['kind']; dataType: string } | undefined
> = {
  'incident.annotated': { kind: 'note', dataType: 'incident_note' },
  'incident.status_update_published': {
    kind: 'status_update',
    dataType: 'status_update',
  },
};

/**
 * The note of an `incident.annotated` webhook or the update of an
 * `incident.status_update_published` one, in the store's shape; undefined
 * for other events, or when it names no incident or says nothing.
 */
export function toStoredIncidentUpdate(
  eventType: string,
  data: any,
  options: { account: string; at: Date; agent?: string },
): StoredIncidentUpdate | undefined {
  const kind = INCIDENT_UPDATE_EVENTS[eventType]?.kind;
  if (!kind || !isPagerDutyId(data?.id) || !isPagerDutyId(data?.incident?.id))
    return undefined;
  const message = nonBlank(kind === 'note' ? data.content : data.message);
  if (!message) return undefined;
  const created = new Date(data.created_at);
  const author = nonBlank(data.sender?.summary) ?? nonBlank(options.agent);
  return {
    account: options.account,
    incidentId: data.incident.id,
    kind,
    id: data.id,
    at: Number.isNaN(created.getTime()) ? options.at : created,
    author: author ? boundedText(author, MAX_AUTHOR) : undefined,
    message: boundedText(message, MAX_UPDATE_MESSAGE),
  };
}

/** A note as `GET /incidents/{id}/notes` lists it, in the store's shape. */
function toStoredNote(
  note: any,
  account: string,
  incidentId: string,
): StoredIncidentUpdate | undefined {
  const content = nonBlank(note?.content);
  const at = new Date(note?.created_at);
  if (!isPagerDutyId(note?.id) || !content || Number.isNaN(at.getTime()))
    return undefined;
  const author = nonBlank(note.user?.summary);
  return {
    account,
    incidentId,
    kind: 'note',
    id: note.id,
    at,
    author: author ? boundedText(author, MAX_AUTHOR) : undefined,
    message: boundedText(content, MAX_UPDATE_MESSAGE),
  };
}

/**
 * Reads the notes of open incidents: new incidents first, then those read
 * longest ago, at most {@link MAX_NOTE_READS} per sync and each at most once
 * per ten minutes. Status updates have no list in PagerDuty's REST API (only
 * `POST /incidents/{id}/status_updates`): they arrive by webhook only.
 */
export async function syncIncidentNotes(
  context: SyncContext,
  open: any[],
): Promise<number> {
  const { account, client, store, request } = context;
  const now = context.now().getTime();
  const stored = await store.getMeta(notesReadKey(account));
  const readAt: Record<string, number> = stored ? JSON.parse(stored.value) : {};
  const due = open
    .filter(i => isPagerDutyId(i?.id))
    .filter(i => !(now - (readAt[i.id] ?? 0) < REREAD_AFTER_MS))
    .sort((a, b) => (readAt[a.id] ?? 0) - (readAt[b.id] ?? 0))
    .slice(0, MAX_NOTE_READS);
  const notes: StoredIncidentUpdate[] = [];
  const failures: string[] = [];
  for (const incident of due) {
    try {
      const rows = await client.get<any[]>(
        `/incidents/${incident.id}/notes`,
        {},
        'notes',
        request,
      );
      for (const row of Array.isArray(rows) ? rows : []) {
        const note = toStoredNote(row, account, incident.id);
        if (note) notes.push(note);
      }
      readAt[incident.id] = now;
    } catch (error) {
      failures.push(String((error as Error)?.message ?? error));
    }
  }
  if (notes.length) await store.incidentUpdates.upsert(notes);
  // only open incidents are remembered: the record stays small
  const openIds = new Set(open.map(i => i.id));
  await store.setMeta(
    notesReadKey(account),
    JSON.stringify(
      Object.fromEntries(
        Object.entries(readAt).filter(([id]) => openIds.has(id)),
      ),
    ),
  );
  if (failures.length)
    throw new Error(
      `the notes of ${failures.length} incident(s) could not be read (${failures[0]})`,
    );
  return due.length - failures.length;
}
