import { Request, Response, Router } from 'express';
import { RouterParts } from './routerParts';
import { ChangeEvent } from '../changeEvents';
import { PagerDutyApiError } from './errors';
import { arrayParam, paginate, stringParam } from './params';
import { endpointFault } from './guards';
import { iso, Shapes } from './shapes';

/**
 * PagerDuty refuses a `since` or `until` that is not a UTC date-time ("Will
 * return an HTTP 400 for non-UTC datetimes"), so offsets such as +02:00 are
 * refused here too.
 */
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function utcParam(req: Request, name: string): Date | undefined {
  const raw = stringParam(req.query, name);
  if (raw === undefined) return undefined;
  const date = new Date(raw);
  if (!UTC_DATE_TIME.test(raw) || Number.isNaN(date.getTime())) {
    throw PagerDutyApiError.invalidInput(
      `${name} must be a UTC ISO 8601 date-time, not ${raw}`,
    );
  }
  return date;
}

/** One change event, as PagerDuty's `ChangeEvent` schema describes it. */
export function shapeChangeEvent(shapes: Shapes, event: ChangeEvent) {
  return {
    id: event.id,
    type: 'change_event',
    summary: event.summary,
    timestamp: iso(event.timestamp),
    source: event.source,
    integration: {
      id: event.integrationId,
      type: 'inbound_integration_reference',
    },
    services: event.serviceIds.map(shapes.serviceRef),
    custom_details: event.customDetails,
    links: event.links,
  };
}

/**
 * `GET /change_events`, `GET /change_events/{id}` and
 * `GET /services/{id}/change_events`: change events newest first, filtered by
 * `since`/`until` (UTC only), teams and integrations, with PagerDuty's
 * classic pagination.
 */
export function createChangeEventRouter(options: RouterParts): Router {
  const { state, shapes } = options;
  const router = Router();

  const answer = (req: Request, res: Response, serviceIds: string[]) => {
    const since = utcParam(req, 'since');
    const until = utcParam(req, 'until');
    if (since && until && since > until) {
      throw PagerDutyApiError.invalidInput('since must be before until');
    }
    const teamIds = arrayParam(req.query, 'team_ids');
    const teamServices = teamIds.length
      ? [...state.services.values()]
          .filter(s => teamIds.includes(s.teamId))
          .map(s => s.id)
      : [];
    const events = state.changeEvents
      .list({
        since,
        until,
        serviceIds,
        integrationIds: arrayParam(req.query, 'integration_ids'),
      })
      .filter(
        e =>
          !teamIds.length || e.serviceIds.some(id => teamServices.includes(id)),
      );
    const { page, pagination } = paginate(
      req.query,
      events,
      endpointFault(options.faults(), res),
    );
    res.json({
      change_events: page.map(e => shapeChangeEvent(shapes, e)),
      ...pagination,
    });
  };

  router.get('/change_events', (req, res) => answer(req, res, []));

  router.get('/change_events/:id', (req, res) => {
    const event = state.changeEvents.get(req.params.id);
    if (!event) {
      throw PagerDutyApiError.notFound(`Change event ${req.params.id}`);
    }
    res.json({ change_event: shapeChangeEvent(shapes, event) });
  });

  router.get('/services/:id/change_events', (req, res) => {
    if (!state.services.has(req.params.id)) {
      throw PagerDutyApiError.notFound(`Service ${req.params.id}`);
    }
    answer(req, res, [req.params.id]);
  });

  return router;
}
