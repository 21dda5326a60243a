import { IncidentNote, IncidentStatusUpdate } from './model';
import { AccountState, UnknownObjectError } from './state';

/**
 * The longest note or status update the simulator takes. PagerDuty documents
 * no length; the simulator bounds it (no client of ours writes one).
 */
export const MAX_UPDATE_LENGTH = 25_000;
/** PagerDuty's documented limit: "A maximum of 2000 notes can be added to an incident." */
export const MAX_NOTES_PER_INCIDENT = 2_000;

function author(state: AccountState, userId?: string) {
  const id = userId ?? [...state.users.keys()][0];
  if (!state.users.has(id)) throw new UnknownObjectError('user', id);
  return id;
}

/** Adds a note to an incident, as a responder does, and sends `incident.annotated`. */
export function addIncidentNote(
  state: AccountState,
  incidentId: string,
  options: { content: string; userId?: string; at?: Date; silent?: boolean },
): IncidentNote {
  const incident = state.incident(incidentId);
  const note: IncidentNote = {
    id: state.random.pagerDutyId(),
    content: options.content,
    userId: author(state, options.userId),
    createdAt: options.at ?? state.now(),
  };
  (incident.notes ??= []).push(note);
  // PagerDuty logs every note on the incident's log too
  incident.logEntries.push({
    id: state.random.pagerDutyId(),
    type: 'annotate_log_entry',
    createdAt: note.createdAt,
    incidentId: incident.id,
    serviceId: incident.serviceId,
    agent: { type: 'user', id: note.userId },
    summary: 'Note added',
    note: note.content,
  });
  if (options.silent) return note;
  state.announce({
    eventType: 'incident.annotated',
    resourceType: 'incident',
    resourceId: incident.id,
    occurredAt: note.createdAt,
    agent: { type: 'user', id: note.userId },
    detail: { kind: 'note', id: note.id },
  });
  return note;
}

/** Publishes a status update on an incident and sends `incident.status_update_published`. */
export function publishStatusUpdate(
  state: AccountState,
  incidentId: string,
  options: { message: string; userId?: string; at?: Date },
): IncidentStatusUpdate {
  const incident = state.incident(incidentId);
  const update: IncidentStatusUpdate = {
    id: state.random.pagerDutyId(),
    message: options.message,
    senderId: author(state, options.userId),
    createdAt: options.at ?? state.now(),
  };
  (incident.statusUpdates ??= []).push(update);
  state.announce({
    eventType: 'incident.status_update_published',
    resourceType: 'incident',
    resourceId: incident.id,
    occurredAt: update.createdAt,
    agent: { type: 'user', id: update.senderId },
    detail: { kind: 'status_update', id: update.id },
  });
  return update;
}
