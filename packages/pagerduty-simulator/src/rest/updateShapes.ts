import { Incident, IncidentNote, IncidentStatusUpdate } from '../model';
import { iso, Shapes } from './shapes';

/** A note as `GET /incidents/{id}/notes` answers it. */
export function noteShape(shapes: Shapes, note: IncidentNote) {
  return {
    id: note.id,
    user: shapes.userRef(note.userId),
    channel: { summary: 'The PagerDuty website or APIs' },
    content: note.content,
    created_at: iso(note.createdAt),
    updated_at: iso(note.createdAt),
  };
}

/** A status update as `POST /incidents/{id}/status_updates` answers it. */
export function statusUpdateShape(
  shapes: Shapes,
  update: IncidentStatusUpdate,
) {
  return {
    id: update.id,
    message: update.message,
    created_at: iso(update.createdAt),
    sender: shapes.userRef(update.senderId),
  };
}

/** The `data` of an `incident.annotated` webhook: the note and its incident. */
export function webhookNote(
  shapes: Shapes,
  incident: Incident,
  note: IncidentNote,
) {
  return {
    id: note.id,
    type: 'incident_note',
    content: note.content,
    incident: shapes.ref('incident', incident.id, incident.title),
  };
}

/** The `data` of an `incident.status_update_published` webhook. */
export function webhookStatusUpdate(
  shapes: Shapes,
  incident: Incident,
  update: IncidentStatusUpdate,
) {
  return {
    id: update.id,
    type: 'status_update',
    message: update.message,
    sender: shapes.userRef(update.senderId),
    created_at: iso(update.createdAt),
    incident: shapes.ref('incident', incident.id, incident.title),
  };
}
