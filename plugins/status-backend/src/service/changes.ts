import {
  changeFollowUp,
  HIDDEN_ENTITY_REF,
  OpenedIncident,
  StatusChange,
  StatusChanges,
} from '@status-layer/plugin-status-common';
import { z } from 'zod';
import { StatusStore, StatusTransition } from '../database';
import { serviceKey } from '../engine/PagerDutyFacts';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { EntityRouteContext } from './EntityRouteContext';
import { partForCaller } from './forCaller';
import { parseQuery } from './parseQuery';
import { servicesOf, upstreamPaths } from './upstreamPaths';

const HOUR_MS = 3_600_000;
/** Changes one answer lists. */
export const CHANGES_MAX = 200;
/** Transitions read to tell what followed the changes. */
const MAX_TRANSITIONS = 5_000;
/** Incidents read to tell what followed the changes. */
const MAX_INCIDENTS = 2_000;

const changesQuery = z.object({
  hours: z.coerce.number().int().min(1).max(168).default(24),
});

/**
 * The recent changes (PagerDuty change events) of an entity and of its
 * upstreams, newest first, each with its path and what followed it. Changes
 * on upstreams the caller may not see are counted, never shown; entities the
 * caller may not see are masked in paths.
 */
export async function describeChanges(
  options: EntityRouteContext,
): Promise<StatusChanges> {
  const { engine, view, now } = options;
  const { hours } = parseQuery(changesQuery, options.query);
  const since = new Date(now.getTime() - hours * HOUR_MS);
  const found = await changesAlongPath({ ...options, since });
  return {
    entityRef: options.entityRef,
    hours,
    changes: found.changes,
    hiddenChanges: found.hiddenChanges,
    truncated: found.truncated,
    freshness: found.accounts.map(account => ({
      account,
      ...partForCaller(engine.partFreshness(account, 'changes'), view),
    })),
    generatedAt: now.toISOString(),
  };
}

/**
 * The changes of an entity and of its upstreams from `since` (to `until`),
 * newest first, with their paths and what followed each; hidden upstreams'
 * changes counted only. Also names the PagerDuty accounts involved.
 */
export async function changesAlongPath(options: {
  entityRef: string;
  engine: StatusEngine;
  store: StatusStore;
  view: CallerView;
  since: Date;
  until?: Date;
  /** What followed each change (`followedBy`), which costs two reads; true by default. */
  followUps?: boolean;
}) {
  const { entityRef, engine, store, view, since, until } = options;
  const paths = upstreamPaths(engine, entityRef);
  const { services, refsByService } = servicesOf(engine, paths.keys());

  const rows = await store.changeEvents.listForServices(
    services,
    since,
    CHANGES_MAX + 1,
    until,
  );
  const seen = new Set<string>();
  const found: { row: (typeof rows)[number]; ref: string }[] = [];
  let hiddenChanges = 0;
  for (const row of rows.slice(0, CHANGES_MAX)) {
    for (const ref of refsByService.get(
      serviceKey(row.account, row.serviceId),
    ) ?? []) {
      const key = `${row.account}/${row.id}/${ref}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (view.has(ref)) found.push({ row, ref });
      else hiddenChanges += 1;
    }
  }

  const followUp =
    options.followUps === false
      ? () => undefined
      : await followUpsOf({
          entityRef,
          engine,
          store,
          since,
          found,
          refsByService,
        });

  const changes: StatusChange[] = found.map(({ row, ref }) => {
    const followedBy = followUp(row, ref);
    return {
      id: row.id,
      at: row.at.toISOString(),
      summary: row.summary,
      source: row.source,
      links: row.links,
      entityRef: ref,
      path: paths
        .get(ref)!
        .map(p => (p === ref || view.has(p) ? p : HIDDEN_ENTITY_REF)),
      followedBy,
    };
  });

  return {
    changes,
    hiddenChanges,
    truncated: rows.length > CHANGES_MAX,
    accounts: [...new Set(services.map(s => s.account))].sort(),
  };
}

/**
 * What followed each of the changes found: the first worsening of the
 * changed entity or of the listed one, from their levels and the incidents
 * opened on the changed services since.
 */
async function followUpsOf(options: {
  entityRef: string;
  engine: StatusEngine;
  store: StatusStore;
  since: Date;
  found: {
    row: { account: string; serviceId: string; at: Date };
    ref: string;
  }[];
  refsByService: Map<string, string[]>;
}): Promise<(row: { at: Date }, ref: string) => StatusChange['followedBy']> {
  const { entityRef, engine, store, since, found, refsByService } = options;
  // what followed each change: the changed entities' and this one's levels since
  const { byEntity } = await store.readHistories(
    [...new Set([entityRef, ...found.map(f => f.ref)])],
    { since, limit: MAX_TRANSITIONS },
  );
  const transitionsOf = (ref: string): StatusTransition[] =>
    byEntity.get(ref) ?? [];

  // and the incidents opened on the changed entities' services since
  const changedServices = new Map<
    string,
    { account: string; serviceId: string }
  >();
  for (const { row } of found)
    changedServices.set(serviceKey(row.account, row.serviceId), {
      account: row.account,
      serviceId: row.serviceId,
    });
  const incidents = await store.listIncidents([...changedServices.values()], {
    since,
    limit: MAX_INCIDENTS,
  });
  const incidentsByRef = new Map<string, OpenedIncident[]>();
  for (const incident of incidents) {
    const opened: OpenedIncident = {
      at: incident.createdAt,
      title: incident.title,
      level: engine.incidentLevel(incident),
    };
    for (const ref of refsByService.get(
      serviceKey(incident.account, incident.serviceId),
    ) ?? [])
      incidentsByRef.set(ref, [...(incidentsByRef.get(ref) ?? []), opened]);
  }

  return (row, ref) =>
    changeFollowUp({
      at: row.at,
      changed: {
        entityRef: ref,
        transitions: transitionsOf(ref),
        incidents: incidentsByRef.get(ref) ?? [],
      },
      listed: { entityRef, transitions: transitionsOf(entityRef) },
    });
}
