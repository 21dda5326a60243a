import { NextFunction, Request, Response, Router } from 'express';
import { ErrorCodes, PagerDutyApiError, sendError } from './errors';
import { arrayParam, booleanParam, oneOf, stringParam } from './params';
import { iso } from './shapes';
import { byTeamAndName, includeOf, pageLister } from './listing';
import { createIncidentsRouter } from './incidentsRouter';
import { createServiceDependenciesRouter } from './serviceDependenciesRouter';
import { createStatusPagesRouter } from './statusPagesRouter';
import {
  createWebhookSubscriptionsRouter,
  WebhookRouterParts,
} from './webhookSubscriptionsRouter';

export { WEBHOOK_EVENT_TYPES } from './webhookSubscriptionsRouter';
export type { WebhookSubscriptionInput } from './webhookSubscriptionsRouter';

/**
 * PagerDuty's REST API v2, for the endpoints the status backend uses.
 * https://developer.pagerduty.com/api-reference/
 */
export function createRestRouter(options: WebhookRouterParts): Router {
  const { state, shapes } = options;
  const router = Router();
  const include = includeOf;
  const list = pageLister(options.faults);

  router.use(createServiceDependenciesRouter(options));
  router.use(createStatusPagesRouter(options));

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

  router.use(createIncidentsRouter(options));

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

  // PagerDuty matches `query` against names and e-mail addresses alike, which
  // is how integrations find the user behind an address
  router.get('/users', (req, res) => {
    const teamIds = arrayParam(req.query, 'team_ids');
    const query = stringParam(req.query, 'query')?.toLowerCase();
    const users = [...state.users.values()]
      .filter(u => !teamIds.length || u.teamIds.some(t => teamIds.includes(t)))
      .filter(
        u =>
          !query ||
          u.name.toLowerCase().includes(query) ||
          u.email.toLowerCase().includes(query),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    list(req, res, 'users', users, u => shapes.user(u));
  });

  router.get('/users/:id', (req, res) => {
    const user = state.users.get(req.params.id);
    if (!user) throw PagerDutyApiError.notFound(`User ${req.params.id}`);
    res.json({ user: shapes.user(user) });
  });

  router.use(createWebhookSubscriptionsRouter(options));

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
