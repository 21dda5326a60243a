import {
  DAY_MS,
  matchesTitleSearch,
  StatusMajorIncident,
  StatusMajorIncidents,
  StatusPostmortemLink,
} from '@status-layer/plugin-status-common';
import { StatusStore, StoredIncident } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { addTo } from '../lib/addTo';
import { impactOf, observed, postmortemOf } from './incidentTimeline';
import { leafMembersOf } from './rollup';
import { servicesOf } from './upstreamPaths';

/** Major incidents read at most per answer: a busy company's quarter. */
const MAX_READ = 2_000;

const keyOf = (i: { account: string; id?: string; incidentId?: string }) =>
  `${i.account}/${i.id ?? i.incidentId}`;

/** Each incident's postmortem ({@link postmortemOf}), read for all of them at once. */
async function postmortemsOf(
  store: StatusStore,
  incidents: StoredIncident[],
): Promise<Map<string, StatusPostmortemLink>> {
  const keys = incidents.map(i => ({ account: i.account, incidentId: i.id }));
  const [portal, notes, logged] = await Promise.all([
    store.timelines.postmortemsOf(keys),
    store.incidentUpdates.listFor(keys, 50),
    store.timelines.loggedNotesOf(keys),
  ]);
  const portalOf = new Map(portal.map(p => [keyOf(p), p]));
  // newest first: the notes, then those PagerDuty logged
  const notesOf = new Map<string, string[]>();
  for (const n of notes.filter(u => u.kind === 'note'))
    addTo(notesOf, keyOf(n), n.message);
  for (const n of logged) addTo(notesOf, keyOf(n), n.note);
  const found = new Map<string, StatusPostmortemLink>();
  for (const incident of incidents) {
    const key = keyOf(incident);
    const link = postmortemOf(portalOf.get(key), notesOf.get(key) ?? []);
    if (link) found.set(key, link);
  }
  return found;
}

/**
 * The major incidents of the last `days` (and the backfilled past within
 * them) of an entity, of a System's, Domain's or Group's members, or of the
 * company, as a caller may see them: an incident shows when the caller may
 * read one of its entities. A page of them, newest first, each with how long
 * it lasted, how far it reached (hidden entities and teams counted, never
 * named) and its postmortem; and each owning team's share with a postmortem.
 */
export async function describeMajorIncidents(options: {
  store: StatusStore;
  engine: StatusEngine;
  view: CallerView;
  /** A visible entity, System, Domain or Group; the company's without. */
  entityRef?: string;
  rollup?: boolean;
  query: string;
  days: number;
  offset: number;
  limit: number;
  now: Date;
}): Promise<StatusMajorIncidents> {
  const { store, engine, view, entityRef, now } = options;
  let scope: string[] | undefined;
  if (entityRef)
    scope = options.rollup
      ? leafMembersOf(engine, entityRef, view).map(m => m.ref)
      : [entityRef];
  const read = await store.timelines.listMajorIncidents({
    since: new Date(now.getTime() - options.days * DAY_MS),
    limit: MAX_READ + 1,
    services: scope ? servicesOf(engine, scope).services : undefined,
  });
  const inScope = scope ? new Set(scope) : undefined;
  const matched = read
    .slice(0, MAX_READ)
    .map(incident => ({
      incident,
      entityRefs: engine.entitiesOfService(
        incident.account,
        incident.serviceId,
      ),
    }))
    .map(m => ({
      ...m,
      shown: m.entityRefs.filter(
        r => view.has(r) && (!inScope || inScope.has(r)),
      ),
    }))
    .filter(m => m.shown.length > 0)
    .filter(m => matchesTitleSearch(m.incident.title, options.query));

  const postmortems = await postmortemsOf(
    store,
    matched.map(m => m.incident),
  );
  const teams = new Map<
    string,
    { incidents: number; withPostmortem: number }
  >();
  for (const m of matched) {
    const owner = engine.entity(m.shown[0])?.owner;
    if (!owner || !view.has(owner)) continue;
    const team = teams.get(owner) ?? { incidents: 0, withPostmortem: 0 };
    team.incidents += 1;
    if (postmortems.has(keyOf(m.incident))) team.withPostmortem += 1;
    teams.set(owner, team);
  }

  const observedSince = await store.observedSince();
  const page = matched.slice(options.offset, options.offset + options.limit);
  const incidents: StatusMajorIncident[] = [];
  for (const { incident, entityRefs, shown } of page) {
    const end = incident.resolvedAt?.getTime() ?? now.getTime();
    let blastRadius: StatusMajorIncident['blastRadius'] = null;
    if (observed(observedSince, incident)) {
      const { impact } = await impactOf({
        store,
        engine,
        incident,
        entityRefs,
        end,
      });
      blastRadius = {
        entities: impact.length,
        teams: new Set(
          impact
            .map(i => engine.entity(i.entityRef)?.owner)
            .filter((o): o is string => !!o),
        ).size,
      };
    }
    incidents.push({
      account: incident.account,
      id: incident.id,
      number: incident.number,
      title: incident.title,
      priority: incident.priority ?? null,
      urgency: incident.urgency,
      status: incident.status,
      createdAt: incident.createdAt.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      durationMs: end - incident.createdAt.getTime(),
      entityRef: shown[0],
      blastRadius,
      postmortem: postmortems.get(keyOf(incident)) ?? null,
    });
  }
  return {
    entityRef: entityRef ?? null,
    days: options.days,
    query: options.query,
    incidents,
    total: matched.length,
    offset: options.offset,
    teams: [...teams]
      .map(([team, counts]) => ({ team, ...counts }))
      .sort(
        (a, b) => b.incidents - a.incidents || a.team.localeCompare(b.team),
      ),
    truncated: read.length > MAX_READ,
    generatedAt: now.toISOString(),
  };
}
