import { InputError } from '@backstage/errors';
import {
  responsePeriods,
  StatusResponse,
  StatusTeamResponse,
  DAY_MS,
} from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { serviceKey } from '../engine/PagerDutyFacts';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { EntityRouteContext } from './EntityRouteContext';
import { leafMembersOf } from './rollup';

/** Incidents one answer reads: 180 days of a busy team's. */
const MAX_INCIDENTS = 20_000;
/** Services one answer covers. */
const MAX_SERVICES = 1_000;

/**
 * MTTA, MTTR and incident counts over 7, 30 and 90 days (each against the
 * period before) for an entity's PagerDuty services, or for a Group's, a
 * System's or a Domain's: those of its parts the caller may see
 * ({@link leafMembersOf}).
 */
export async function describeResponse(
  options: Omit<EntityRouteContext, 'query'> & { rollup: boolean },
): Promise<StatusResponse> {
  const { entityRef, engine, store, view, now } = options;
  const members = options.rollup
    ? leafMembersOf(engine, entityRef, view)
    : [engine.entity(entityRef)].filter(e => e !== undefined);
  const services = [
    ...new Map(
      members.flatMap(m =>
        m.pagerDutyServiceIds.map(serviceId => [
          serviceKey(m.pagerDutyAccount, serviceId),
          { account: m.pagerDutyAccount, serviceId },
        ]),
      ),
    ).values(),
  ].slice(0, MAX_SERVICES);
  // two of the longest periods: the last 90 days and the 90 before
  const since = new Date(now.getTime() - 2 * 90 * DAY_MS);
  const accounts = [...new Set(services.map(s => s.account))];
  const [incidents, observedSince, backfills] = await Promise.all([
    store.listIncidentTimes(services, since, MAX_INCIDENTS + 1),
    store.observedSince(),
    Promise.all(accounts.map(a => store.getBackfillProgress(a))),
  ]);
  const progress = backfills.filter(b => b !== undefined);
  return {
    entityRef,
    services: services.length,
    periods: responsePeriods(
      incidents.slice(0, MAX_INCIDENTS).map(i => ({
        createdAt: i.createdAt.toISOString(),
        acknowledgedAt: i.acknowledgedAt?.toISOString(),
        resolvedAt: i.resolvedAt?.toISOString(),
      })),
      now,
    ),
    observedSince: observedSince?.toISOString(),
    backfill: progress.length
      ? {
          from: progress.map(p => p.from).sort()[0],
          incidents: progress.reduce((sum, p) => sum + p.incidents, 0),
          finished:
            progress.length === accounts.length &&
            progress.every(p => p.finishedAt !== undefined),
        }
      : undefined,
    truncated: incidents.length > MAX_INCIDENTS,
  };
}

/** Incidents one company-wide answer reads. */
const MAX_COMPANY_INCIDENTS = 100_000;

/**
 * Incident response per owning team over the last `days` (7, 30 or 90)
 * against the period before, from the services of the entities the caller
 * may see, for teams the caller may see.
 */
export async function describeTeamResponse(options: {
  engine: StatusEngine;
  store: StatusStore;
  view: CallerView;
  query: { days?: unknown };
  now: Date;
}): Promise<StatusTeamResponse> {
  const { engine, store, view, now } = options;
  const days = Number(options.query.days ?? 30);
  if (![7, 30, 90].includes(days)) {
    throw new InputError('days must be 7, 30 or 90');
  }
  const ownersByService = new Map<string, Set<string>>();
  for (const entity of engine.allEntities()) {
    if (!entity.owner || !view.has(entity.ref) || !view.has(entity.owner))
      continue;
    for (const serviceId of entity.pagerDutyServiceIds) {
      const key = serviceKey(entity.pagerDutyAccount, serviceId);
      const owners = ownersByService.get(key) ?? new Set<string>();
      owners.add(entity.owner);
      ownersByService.set(key, owners);
    }
  }
  const [incidents, observedSince] = await Promise.all([
    store.listAllIncidentTimes(
      new Date(now.getTime() - 2 * days * DAY_MS),
      MAX_COMPANY_INCIDENTS + 1,
    ),
    store.observedSince(),
  ]);
  const byOwner = new Map<
    string,
    { services: Set<string>; times: Parameters<typeof responsePeriods>[0] }
  >();
  for (const [key, owners] of ownersByService) {
    for (const owner of owners) {
      const team = byOwner.get(owner) ?? { services: new Set(), times: [] };
      team.services.add(key);
      byOwner.set(owner, team);
    }
  }
  for (const incident of incidents.slice(0, MAX_COMPANY_INCIDENTS)) {
    const owners = ownersByService.get(
      serviceKey(incident.account, incident.serviceId),
    );
    for (const owner of owners ?? []) {
      byOwner.get(owner)!.times.push({
        createdAt: incident.createdAt.toISOString(),
        acknowledgedAt: incident.acknowledgedAt?.toISOString(),
        resolvedAt: incident.resolvedAt?.toISOString(),
      });
    }
  }
  const teams = [...byOwner.entries()]
    .map(([owner, team]) => {
      const [period] = responsePeriods(team.times, now, [days]);
      return {
        owner,
        services: team.services.size,
        current: period.current,
        previous: period.previous,
      };
    })
    .sort(
      (a, b) =>
        b.current.incidents - a.current.incidents ||
        a.owner.localeCompare(b.owner),
    );
  return {
    days,
    teams,
    observedSince: observedSince?.toISOString(),
    truncated: incidents.length > MAX_COMPANY_INCIDENTS,
    generatedAt: now.toISOString(),
  };
}
