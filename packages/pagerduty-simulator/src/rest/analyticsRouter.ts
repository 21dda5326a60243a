import { Router } from 'express';
import { z } from 'zod';
import { Incident } from '../model';
import { AccountState } from '../state';
import { PagerDutyApiError } from './errors';
import { iso } from './shapes';

/**
 * The body of `POST /analytics/raw/incidents` beyond what the contract's
 * schema checks: dates must be dates, the range must run forwards, and a
 * cursor must be one this endpoint issued.
 */
const analyticsBody = z.object({
  filters: z
    .object({
      created_at_start: z.string().optional(),
      created_at_end: z.string().optional(),
      urgency: z.enum(['high', 'low']).optional(),
      service_ids: z.array(z.string()).optional(),
      team_ids: z.array(z.string()).optional(),
    })
    .passthrough()
    .optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  order: z.enum(['asc', 'desc']).optional(),
  order_by: z.enum(['created_at', 'seconds_to_resolve']).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  time_zone: z.string().optional(),
});

const DEFAULT_LIMIT = 20;

const cursorOf = (incident: Incident) =>
  Buffer.from(`${incident.createdAt.getTime()}:${incident.id}`).toString(
    'base64url',
  );

function dateFilter(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw PagerDutyApiError.invalidInput(
      `${name} is not a valid date: ${value}`,
    );
  }
  return date;
}

/** The contract marks few of these fields nullable: what is unknown is left out. */
const withoutNulls = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));

const seconds = (from: Date, to: Date | undefined) =>
  to ? Math.round((to.getTime() - from.getTime()) / 1000) : null;

/**
 * `POST /analytics/raw/incidents`: one row of enriched metrics per incident
 * (time to first acknowledgement and to resolve, who resolved it), filtered
 * by creation time, service, team and urgency, in cursor pages of at most
 * 1,000.
 */
export function createAnalyticsRouter(options: {
  state: AccountState;
}): Router {
  const { state } = options;
  const router = Router();

  const row = (incident: Incident) => {
    const service = state.services.get(incident.serviceId)!;
    const team = state.teams.get(service.teamId);
    const policy = state.escalationPolicies.get(service.escalationPolicyId);
    const acks = incident.logEntries.filter(
      e => e.type === 'acknowledge_log_entry',
    );
    const resolution = incident.logEntries.find(
      e => e.type === 'resolve_log_entry',
    );
    const resolver =
      resolution?.agent.type === 'user'
        ? state.users.get(resolution.agent.id)
        : undefined;
    const acknowledgers = [
      ...new Set(
        acks.filter(a => a.agent.type === 'user').map(a => a.agent.id),
      ),
    ];
    const priority = state.priorities.find(p => p.id === incident.priorityId);
    // "one of the two highest priorities"
    const topTwo = [...state.priorities]
      .sort((a, b) => b.order - a.order)
      .slice(0, 2)
      .map(p => p.id);
    return withoutNulls({
      id: incident.id,
      incident_number: incident.number,
      description: incident.title,
      status: incident.status,
      urgency: incident.urgency,
      major: priority ? topTwo.includes(priority.id) : false,
      priority_id: priority?.id ?? null,
      priority_name: priority?.name ?? null,
      priority_order: priority?.order ?? null,
      created_at: iso(incident.createdAt),
      updated_at: iso(incident.updatedAt),
      resolved_at: iso(incident.resolvedAt),
      service_id: service.id,
      service_name: service.name,
      team_id: team?.id ?? null,
      team_name: team?.name ?? null,
      escalation_policy_id: policy?.id ?? null,
      escalation_policy_name: policy?.name ?? null,
      seconds_to_first_ack: acks.length
        ? seconds(incident.createdAt, acks[0].createdAt)
        : null,
      seconds_to_resolve: seconds(incident.createdAt, incident.resolvedAt),
      acknowledgement_count: acks.length,
      acknowledged_user_ids: acknowledgers,
      acknowledged_user_names: acknowledgers.map(
        id => state.users.get(id)?.name ?? id,
      ),
      assigned_user_ids: incident.assigneeIds,
      resolved_by_user_id: resolver?.id ?? null,
      resolved_by_user_name: resolver?.name ?? null,
      auto_resolved: resolution ? resolution.agent.type !== 'user' : false,
    });
  };

  router.post('/analytics/raw/incidents', (req, res) => {
    const parsed = analyticsBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      throw PagerDutyApiError.invalidInput(
        parsed.error.issues
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      );
    }
    const body = parsed.data;
    const filters = body.filters ?? {};
    const start = dateFilter(filters.created_at_start, 'created_at_start');
    const end = dateFilter(filters.created_at_end, 'created_at_end');
    if (start && end && start >= end) {
      throw PagerDutyApiError.invalidInput(
        'created_at_start must be before created_at_end',
      );
    }
    if (body.starting_after && body.ending_before) {
      throw PagerDutyApiError.invalidInput(
        'starting_after and ending_before cannot both be given',
      );
    }
    const order = body.order ?? 'desc';
    const orderBy = body.order_by ?? 'created_at';
    const value = (i: Incident) =>
      orderBy === 'created_at'
        ? i.createdAt.getTime()
        : seconds(i.createdAt, i.resolvedAt) ?? Number.MAX_SAFE_INTEGER;
    const sign = order === 'asc' ? 1 : -1;
    const teamIds = filters.team_ids ?? [];
    const serviceIds = filters.service_ids ?? [];
    const matching = [...state.incidents.values()]
      .filter(
        i =>
          (!start || i.createdAt >= start) &&
          (!end || i.createdAt < end) &&
          (!filters.urgency || i.urgency === filters.urgency) &&
          (!serviceIds.length || serviceIds.includes(i.serviceId)) &&
          (!teamIds.length ||
            teamIds.includes(state.services.get(i.serviceId)!.teamId)),
      )
      .sort((a, b) => sign * (value(a) - value(b)) || a.id.localeCompare(b.id));

    const cursor = body.starting_after ?? body.ending_before;
    let from = 0;
    let to = matching.length;
    if (cursor) {
      const at = matching.findIndex(i => cursorOf(i) === cursor);
      if (at < 0) {
        throw PagerDutyApiError.invalidInput(`Unknown cursor ${cursor}`);
      }
      if (body.starting_after) from = at + 1;
      else to = at;
    }
    const limit = body.limit ?? DEFAULT_LIMIT;
    const page = body.ending_before
      ? matching.slice(Math.max(from, to - limit), to)
      : matching.slice(from, from + limit);
    const more = body.ending_before
      ? to - limit > from
      : from + limit < matching.length;
    res.json({
      first: page.length ? cursorOf(page[0]) : '',
      last: page.length ? cursorOf(page[page.length - 1]) : '',
      limit,
      more,
      order,
      order_by: orderBy,
      filters: {
        ...(filters.created_at_start
          ? { created_at_start: filters.created_at_start }
          : {}),
        ...(filters.created_at_end
          ? { created_at_end: filters.created_at_end }
          : {}),
        ...(filters.urgency ? { urgency: filters.urgency } : {}),
        ...(serviceIds.length ? { service_ids: serviceIds } : {}),
        ...(teamIds.length ? { team_ids: teamIds } : {}),
      },
      time_zone: body.time_zone ?? 'Etc/UTC',
      data: page.map(row),
    });
  });

  return router;
}
