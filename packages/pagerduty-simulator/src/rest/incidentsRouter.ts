import { Request, Router } from 'express';
import { RouterParts } from './routerParts';
import { Incident } from '../model';
import { PagerDutyApiError } from './errors';
import { endpointFault } from './guards';
import { includeOf, pageLister } from './listing';
import { dateRange } from './dateRange';
import {
  arrayParam,
  booleanParam,
  oneOf,
  paginate,
  stringParam,
} from './params';

const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
const URGENCIES = ['high', 'low'] as const;
const SORT_FIELDS = [
  'incident_number',
  'created_at',
  'resolved_at',
  'urgency',
] as const;

function sortIncidents(incidents: Incident[], sortBy: string | undefined) {
  const keys = (sortBy ?? 'created_at:asc')
    .split(',')
    .slice(0, 2)
    .map(part => {
      const [field, direction = 'asc'] = part.split(':');
      return {
        field: oneOf(field, SORT_FIELDS, 'sort_by'),
        sign:
          oneOf(direction, ['asc', 'desc'] as const, 'sort_by direction') ===
          'asc'
            ? 1
            : -1,
      };
    });
  const value = (i: Incident, field: (typeof SORT_FIELDS)[number]) => {
    switch (field) {
      case 'incident_number':
        return i.number;
      case 'created_at':
        return i.createdAt.getTime();
      case 'resolved_at':
        return i.resolvedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
      default:
        return i.urgency === 'high' ? 1 : 0;
    }
  };
  return [...incidents].sort((a, b) => {
    for (const { field, sign } of keys) {
      const diff = value(a, field) - value(b, field);
      if (diff !== 0) return sign * diff;
    }
    return a.number - b.number;
  });
}

/**
 * PagerDuty's incidents: the list with its filters, date range and sort, one
 * incident, its alerts and its log entries, and the account's log entries.
 */
export function createIncidentsRouter(options: RouterParts): Router {
  const { state, shapes } = options;
  const router = Router();
  const include = includeOf;
  const list = pageLister(options.faults);

  router.get('/incidents', (req, res) => {
    const statuses = arrayParam(req.query, 'statuses').map(s =>
      oneOf(s, INCIDENT_STATUSES, 'statuses[]'),
    );
    const urgencies = arrayParam(req.query, 'urgencies').map(u =>
      oneOf(u, URGENCIES, 'urgencies[]'),
    );
    const serviceIds = arrayParam(req.query, 'service_ids');
    const teamIds = arrayParam(req.query, 'team_ids');
    const userIds = arrayParam(req.query, 'user_ids');
    const incidentKey = stringParam(req.query, 'incident_key');
    const { since, until } = dateRange(req, state.now());
    const incidents = [...state.incidents.values()].filter(
      i =>
        (!statuses.length || statuses.includes(i.status)) &&
        (!urgencies.length || urgencies.includes(i.urgency)) &&
        (!serviceIds.length || serviceIds.includes(i.serviceId)) &&
        (!teamIds.length ||
          teamIds.includes(state.services.get(i.serviceId)!.teamId)) &&
        (!userIds.length || i.assigneeIds.some(u => userIds.includes(u))) &&
        (!incidentKey || i.incidentKey === incidentKey) &&
        (!since || i.createdAt >= since) &&
        (!until || i.createdAt <= until),
    );
    const inc = include(req);
    const sorted = sortIncidents(incidents, stringParam(req.query, 'sort_by'));
    const { page, pagination } = paginate(
      req.query,
      sorted,
      endpointFault(options.faults(), res),
    );
    res.json({
      incidents: page.map(i => shapes.incident(i, inc)),
      ...pagination,
    });
  });

  const findIncident = (id: string) => {
    const incident = state.incidents.get(id);
    if (!incident) throw PagerDutyApiError.notFound(`Incident ${id}`);
    return incident;
  };

  router.get('/incidents/:id', (req, res) => {
    res.json({
      incident: shapes.incident(findIncident(req.params.id), include(req)),
    });
  });

  router.get('/incidents/:id/alerts', (req, res) => {
    const statuses = arrayParam(req.query, 'statuses').map(s =>
      oneOf(s, ['triggered', 'resolved'] as const, 'statuses[]'),
    );
    const alerts = findIncident(req.params.id).alerts.filter(
      a => !statuses.length || statuses.includes(a.status),
    );
    list(
      req,
      res,
      'alerts',
      alerts.map(a => shapes.alert(a)),
    );
  });

  const logEntriesOf = (req: Request, entries: Incident['logEntries']) => {
    const { since, until } = dateRange(req, state.now());
    const overview = booleanParam(req.query, 'is_overview');
    return entries
      .filter(
        e =>
          (!since || e.createdAt >= since) && (!until || e.createdAt <= until),
      )
      .filter(e => !overview || e.type !== 'assign_log_entry')
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map(e => shapes.logEntry(e));
  };

  router.get('/incidents/:id/log_entries', (req, res) => {
    list(
      req,
      res,
      'log_entries',
      logEntriesOf(req, findIncident(req.params.id).logEntries),
    );
  });

  router.get('/log_entries', (req, res) => {
    const all = [...state.incidents.values()].flatMap(i => i.logEntries);
    list(req, res, 'log_entries', logEntriesOf(req, all));
  });

  return router;
}
