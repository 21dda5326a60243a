import { Request, Router } from 'express';
import { z } from 'zod';
import {
  addIncidentNote,
  MAX_NOTES_PER_INCIDENT,
  MAX_UPDATE_LENGTH,
  publishStatusUpdate,
} from '../incidentUpdates';
import { AccountState } from '../state';
import { PagerDutyApiError } from './errors';
import { parseBody } from './params';
import { Shapes } from './shapes';
import { noteShape, statusUpdateShape } from './updateShapes';

const noteBody = z.object({
  note: z.object({ content: z.string().min(1).max(MAX_UPDATE_LENGTH) }),
});
/** What PagerDuty shows of a title; longer ones are refused rather than cut. */
export const MAX_INCIDENT_TITLE_LENGTH = 1_024;

const createBody = z.object({
  incident: z.object({
    title: z.string().trim().min(1).max(MAX_INCIDENT_TITLE_LENGTH),
    service: z.object({ id: z.string(), type: z.literal('service_reference') }),
    urgency: z.enum(['high', 'low']).optional(),
    body: z
      .object({
        details: z.union([z.string().max(MAX_UPDATE_LENGTH), z.object({})]),
      })
      .partial()
      .optional(),
    incident_key: z.string().max(255).optional(),
    priority: z.object({ id: z.string() }).optional(),
  }),
});

const statusUpdateBody = z.object({
  message: z.string().min(1).max(MAX_UPDATE_LENGTH),
  subject: z.string().optional(),
  html_message: z.string().optional(),
});

/**
 * The writes people make: `POST /incidents` (opening an incident by hand),
 * `GET`/`POST /incidents/{id}/notes` and `POST /incidents/{id}/status_updates`
 * (responders' notes and stakeholder updates). Writes name their author in
 * the `From` header, which must be a user of the account, as PagerDuty
 * requires; each write sends its webhook (`incident.triggered`,
 * `incident.annotated`, `incident.status_update_published`).
 */
export function createIncidentUpdatesRouter(options: {
  state: AccountState;
  shapes: Shapes;
}): Router {
  const { state, shapes } = options;
  const router = Router();

  const incidentOf = (req: Request) => {
    const incident = state.incidents.get(req.params.id);
    if (!incident)
      throw PagerDutyApiError.notFound(`Incident ${req.params.id}`);
    return incident;
  };
  const requester = (req: Request) => {
    const from = String(req.header('From') ?? '').toLowerCase();
    const user = [...state.users.values()].find(
      u => u.email.toLowerCase() === from,
    );
    if (!user)
      throw PagerDutyApiError.invalidInput(
        'The From header must be the email address of a user of this account',
      );
    return user.id;
  };

  router.post('/incidents', (req, res) => {
    const userId = requester(req);
    const { incident: input } = parseBody(createBody, req.body);
    const service = state.services.get(input.service.id);
    if (!service)
      throw PagerDutyApiError.invalidInput(
        `Service ${input.service.id} not found`,
      );
    // PagerDuty refuses a second open incident with the same key on a service
    if (
      input.incident_key &&
      [...state.incidents.values()].some(
        i =>
          i.serviceId === service.id &&
          i.incidentKey === input.incident_key &&
          i.status !== 'resolved',
      )
    )
      throw PagerDutyApiError.invalidInput(
        'Open incident with matching dedup key already exists on this service',
      );
    let details = input.body?.details;
    if (details !== undefined && typeof details !== 'string')
      details = JSON.stringify(details);
    const incident = state.trigger({
      service: service.id,
      title: input.title,
      urgency: input.urgency,
      createdBy: userId,
      details,
      incidentKey: input.incident_key,
    });
    res.status(201).json({ incident: shapes.incident(incident) });
  });

  router.get('/incidents/:id/notes', (req, res) => {
    res.json({
      notes: (incidentOf(req).notes ?? []).map(n => noteShape(shapes, n)),
    });
  });

  router.post('/incidents/:id/notes', (req, res) => {
    const incident = incidentOf(req);
    const userId = requester(req);
    const { note } = parseBody(noteBody, req.body);
    if ((incident.notes?.length ?? 0) >= MAX_NOTES_PER_INCIDENT)
      throw PagerDutyApiError.invalidInput(
        `An incident has at most ${MAX_NOTES_PER_INCIDENT} notes`,
      );
    const added = addIncidentNote(state, incident.id, {
      content: note.content,
      userId,
    });
    res.json({ note: noteShape(shapes, added) });
  });

  router.post('/incidents/:id/status_updates', (req, res) => {
    const incident = incidentOf(req);
    const userId = requester(req);
    const { message } = parseBody(statusUpdateBody, req.body);
    const update = publishStatusUpdate(state, incident.id, {
      message,
      userId,
    });
    res.json({ status_update: statusUpdateShape(shapes, update) });
  });

  return router;
}
