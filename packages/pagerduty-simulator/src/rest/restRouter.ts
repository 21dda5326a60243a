import { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { Incident, WebhookSubscription } from '../model';
import { AccountState } from '../state';
import { ErrorCodes, PagerDutyApiError, sendError } from './errors';
import {
  arrayParam,
  booleanParam,
  dateParam,
  oneOf,
  paginate,
  stringParam,
} from './params';
import { iso, Shapes } from './shapes';
import { endpointFault, Faults } from './guards';
import { createServiceDependenciesRouter } from './serviceDependenciesRouter';

const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
const URGENCIES = ['high', 'low'] as const;
const SORT_FIELDS = [
  'incident_number',
  'created_at',
  'resolved_at',
  'urgency',
] as const;
/** The longest since/until range, in days, whatever the months (see {@link sixMonthsAfter}). */
const SIX_MONTHS_MAX_DAYS = 183;

/** The events a v3 webhook subscription can ask for that the simulator sends. */
export const WEBHOOK_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.reassigned',
  'incident.priority_updated',
  'incident.resolved',
  'incident.reopened',
  'incident.annotated',
  'incident.status_update_published',
  'service.created',
  'service.updated',
  'service.deleted',
] as const;

const webhookSubscriptionBody = z.object({
  webhook_subscription: z.object({
    type: z.literal('webhook_subscription'),
    delivery_method: z.object({
      type: z.literal('http_delivery_method'),
      url: z.string().url(),
      custom_headers: z
        .array(z.object({ name: z.string().min(1), value: z.string() }))
        .optional(),
    }),
    description: z.string().optional(),
    events: z.array(z.string()).min(1),
    filter: z.object({
      type: z.enum([
        'account_reference',
        'service_reference',
        'team_reference',
      ]),
      id: z.string().optional(),
    }),
    active: z.boolean().optional(),
  }),
});

/** Filters by `team_ids[]` and the `query` name prefix, sorted by name, as PagerDuty lists services and policies. */
function byTeamAndName<T extends { teamId: string; name: string }>(
  req: Request,
  items: Iterable<T>,
): T[] {
  const teamIds = arrayParam(req.query, 'team_ids');
  const query = stringParam(req.query, 'query')?.toLowerCase();
  return [...items]
    .filter(item => !teamIds.length || teamIds.includes(item.teamId))
    .filter(item => !query || item.name.toLowerCase().includes(query))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function oneMonthBefore(date: Date): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d;
}

/**
 * The end of the longest since/until range PagerDuty documents ("Maximum
 * range is 6 months"): six calendar months on (UTC), and never more than 183
 * days, so whichever reading of "6 months" PagerDuty applies, the simulator
 * is at least as strict.
 */
function sixMonthsAfter(since: Date): Date {
  const months = new Date(since);
  months.setUTCMonth(months.getUTCMonth() + 6);
  // 31 August + 6 months rolls over to 3 March: the month's end, then
  if (months.getUTCDate() !== since.getUTCDate()) months.setUTCDate(0);
  return new Date(
    Math.min(
      months.getTime(),
      since.getTime() + SIX_MONTHS_MAX_DAYS * 86_400_000,
    ),
  );
}

/** since/until as PagerDuty reads them: one month by default, at most six months, or everything with date_range=all. */
function dateRange(req: Request, now: Date): { since?: Date; until?: Date } {
  if (stringParam(req.query, 'date_range') !== undefined) {
    oneOf(stringParam(req.query, 'date_range')!, ['all'], 'date_range');
    return {};
  }
  const until = dateParam(req.query, 'until') ?? now;
  const since = dateParam(req.query, 'since') ?? oneMonthBefore(until);
  if (since > until)
    throw PagerDutyApiError.invalidInput('since must be before until');
  if (until > sixMonthsAfter(since)) {
    throw PagerDutyApiError.invalidInput(
      'The date range must not exceed 6 months',
    );
  }
  return { since, until };
}

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
 * PagerDuty's REST API v2, for the endpoints the status backend uses.
 * https://developer.pagerduty.com/api-reference/
 */
export function createRestRouter(options: {
  state: AccountState;
  shapes: Shapes;
  faults: () => Faults;
  createWebhookSubscription: (
    input: z.infer<typeof webhookSubscriptionBody>['webhook_subscription'],
  ) => ReturnType<Shapes['webhookSubscription']>;
  /** Clears a subscription's temporary disablement; undefined when there is none. */
  enableWebhookSubscription: (id: string) => WebhookSubscription | undefined;
}): Router {
  const { state, shapes } = options;
  const router = Router();

  const include = (req: Request) => new Set(arrayParam(req.query, 'include'));
  /** Answers one page of `items`, each shaped only once it is on the page. */
  const list = <T>(
    req: Request,
    res: Response,
    key: string,
    items: T[],
    shape: (item: T) => unknown = item => item,
  ) => {
    const { page, pagination } = paginate(
      req.query,
      items,
      endpointFault(options.faults(), res),
    );
    res.json({ [key]: page.map(shape), ...pagination });
  };

  router.use(createServiceDependenciesRouter(options));

  router.get('/services', (req, res) => {
    const services = byTeamAndName(req, state.services.values());
    const inc = include(req);
    const context = shapes.servicesContext();
    list(req, res, 'services', services, s => shapes.service(s, inc, context));
  });

  router.get('/services/:id', (req, res) => {
    const service = state.services.get(req.params.id);
    if (!service) throw PagerDutyApiError.notFound(`Service ${req.params.id}`);
    res.json({ service: shapes.service(service, include(req)) });
  });

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

  router.get('/oncalls', (req, res) => {
    const policyIds = arrayParam(req.query, 'escalation_policy_ids');
    const scheduleIds = arrayParam(req.query, 'schedule_ids');
    const userIds = arrayParam(req.query, 'user_ids');
    const inc = include(req);
    const earliest = booleanParam(req.query, 'earliest');
    const seen = new Set<string>();
    const oncalls = [...state.escalationPolicies.values()]
      .filter(p => !policyIds.length || policyIds.includes(p.id))
      .flatMap(policy =>
        state.onCallNow(policy).map(level => ({ policy, ...level })),
      )
      .filter(
        o =>
          !scheduleIds.length ||
          (o.schedule && scheduleIds.includes(o.schedule.id)),
      )
      .filter(o => !userIds.length || userIds.includes(o.userId))
      .filter(o => {
        // earliest=true: one entry per policy, level and user
        const key = `${o.policy.id}:${o.level}:${o.userId}`;
        if (!earliest) return true;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      // Level 2 pages a user directly: no schedule, and on call without end.
      // PagerDuty sends nulls there; the specification allows only values, so they are left out.
      // Expanded objects keep the reference types the specification gives them.
      .map(o => ({
        escalation_policy: inc.has('escalation_policies')
          ? {
              ...shapes.escalationPolicy(o.policy, new Set()),
              type: 'escalation_policy_reference',
            }
          : shapes.policyRef(o.policy.id),
        escalation_level: o.level,
        ...(o.schedule ? { schedule: shapes.scheduleRef(o.schedule.id) } : {}),
        user: inc.has('users')
          ? {
              ...shapes.user(state.users.get(o.userId)!),
              type: 'user_reference',
            }
          : shapes.userRef(o.userId),
        ...(o.start && o.end ? { start: iso(o.start), end: iso(o.end) } : {}),
      }));
    list(req, res, 'oncalls', oncalls);
  });

  router.get('/escalation_policies', (req, res) => {
    const inc = include(req);
    const policies = byTeamAndName(req, state.escalationPolicies.values());
    list(req, res, 'escalation_policies', policies, p =>
      shapes.escalationPolicy(p, inc),
    );
  });

  router.get('/maintenance_windows', (req, res) => {
    const filter = oneOf(
      stringParam(req.query, 'filter') ?? 'all',
      ['past', 'future', 'ongoing', 'open', 'all'] as const,
      'filter',
    );
    const serviceIds = arrayParam(req.query, 'service_ids');
    const now = state.now();
    const windows = [...state.maintenanceWindows.values()]
      .filter(
        w =>
          !serviceIds.length ||
          w.serviceIds.some(id => serviceIds.includes(id)),
      )
      .filter(w => {
        switch (filter) {
          case 'past':
            return w.endTime <= now;
          case 'future':
            return w.startTime > now;
          case 'ongoing':
            return w.startTime <= now && w.endTime > now;
          case 'open':
            return w.endTime > now;
          default:
            return true;
        }
      })
      .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    list(req, res, 'maintenance_windows', windows, w =>
      shapes.maintenanceWindow(w),
    );
  });

  router.get('/priorities', (req, res) => {
    list(
      req,
      res,
      'priorities',
      state.priorities.map(p => shapes.priority(p)),
    );
  });

  router.get('/users/:id', (req, res) => {
    const user = state.users.get(req.params.id);
    if (!user) throw PagerDutyApiError.notFound(`User ${req.params.id}`);
    res.json({ user: shapes.user(user) });
  });

  router.post('/webhook_subscriptions', (req, res) => {
    const parsed = webhookSubscriptionBody.safeParse(req.body);
    if (!parsed.success) {
      throw PagerDutyApiError.invalidInput(
        ...parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`),
      );
    }
    const unknown = parsed.data.webhook_subscription.events.filter(
      e => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    );
    if (unknown.length) {
      throw PagerDutyApiError.invalidInput(
        `Unknown event types: ${unknown.join(', ')}`,
      );
    }
    res.status(201).json({
      webhook_subscription: options.createWebhookSubscription(
        parsed.data.webhook_subscription,
      ),
    });
  });

  router.get('/webhook_subscriptions', (req, res) => {
    list(
      req,
      res,
      'webhook_subscriptions',
      [...state.webhookSubscriptions.values()].map(s =>
        shapes.webhookSubscription(s, false),
      ),
    );
  });

  router.get('/webhook_subscriptions/:id', (req, res) => {
    const subscription = state.webhookSubscriptions.get(req.params.id);
    if (!subscription)
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    res.json({
      webhook_subscription: shapes.webhookSubscription(subscription, false),
    });
  });

  router.put('/webhook_subscriptions/:id', (req, res) => {
    const subscription = state.webhookSubscriptions.get(req.params.id);
    if (!subscription)
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    const update = req.body?.webhook_subscription ?? {};
    const unknown = (update.events ?? []).filter(
      (e: string) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    );
    if (unknown.length) {
      throw PagerDutyApiError.invalidInput(
        `Unknown event types: ${unknown.join(', ')}`,
      );
    }
    if (update.events) subscription.events = update.events;
    if (update.description !== undefined)
      subscription.description = update.description;
    if (update.filter) subscription.filter = update.filter;
    if (update.active !== undefined) subscription.active = update.active;
    res.json({
      webhook_subscription: shapes.webhookSubscription(subscription, false),
    });
  });

  router.post('/webhook_subscriptions/:id/enable', (req, res) => {
    const subscription = options.enableWebhookSubscription(req.params.id);
    if (!subscription)
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    res.json({
      webhook_subscription: shapes.webhookSubscription(subscription, false),
    });
  });

  router.delete('/webhook_subscriptions/:id', (req, res) => {
    if (!state.webhookSubscriptions.delete(req.params.id)) {
      throw PagerDutyApiError.notFound(`Webhook subscription ${req.params.id}`);
    }
    res.status(204).end();
  });

  return router;
}

/** Answers an error raised on the way (a route's, or a body that is not JSON) in PagerDuty's shape. */
export function answerErrors(
  error: Error,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  if (error instanceof PagerDutyApiError) {
    sendError(res, error);
  } else if ((error as { type?: string }).type === 'entity.parse.failed') {
    sendError(
      res,
      PagerDutyApiError.invalidInput('The request body is not valid JSON'),
    );
  } else if ((error as { type?: string }).type === 'entity.too.large') {
    sendError(
      res,
      new PagerDutyApiError(
        413,
        ErrorCodes.invalidInput,
        'Request Entity Too Large',
      ),
    );
  } else {
    sendError(
      res,
      new PagerDutyApiError(500, ErrorCodes.internal, 'Internal Server Error', [
        String(error),
      ]),
    );
  }
}

export type WebhookSubscriptionInput = z.infer<
  typeof webhookSubscriptionBody
>['webhook_subscription'];
