import { NotFoundError } from '@backstage/errors';
import {
  assembleIncidentTimeline,
  findPostmortemLink,
  HIDDEN_ENTITY_REF,
  incidentImpact,
  isMajorIncident,
  StatusIncidentImpact,
  StatusIncidentTimeline,
  StatusIncidentUpdate,
  StatusPostmortemLink,
  StatusTimelineEntry,
  StatusTimelineGap,
} from '@status-layer/plugin-status-common';
import { StatusStore, StoredIncident, StoredPostmortem } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { changesAlongPath } from './changes';

const MINUTE_MS = 60_000;
/** Changes before an incident that its timeline shows. */
const CHANGES_BEFORE_MS = 60 * MINUTE_MS;
/** Alerts that started this long before an incident still belong to it. */
const ALERTS_BEFORE_MS = 60 * MINUTE_MS;
/** Recoveries this long after an incident resolved still belong to it. */
const RECOVERY_AFTER_MS = 60 * MINUTE_MS;
/** Bounds of one timeline: each part is cut, and says so, past these. */
const MAX_LOG_ENTRIES = 1_000;
const MAX_UPDATES = 200;
const MAX_ALERTS = 2_000;
const MAX_DEPENDENTS = 5_000;
const MAX_TRANSITIONS = 10_000;
/** How late after an incident began observing may start and still see its impact. */
const OBSERVED_SLACK_MS = MINUTE_MS;

/** Whether the status layer observed levels when an incident began: levels are observed at each sync, so a start within one is in time. */
export const observed = (
  observedSince: Date | undefined,
  incident: { createdAt: Date },
) =>
  !!observedSince &&
  observedSince.getTime() <= incident.createdAt.getTime() + OBSERVED_SLACK_MS;

/**
 * The entities an incident made worse (not yet filtered for a reader), from
 * the level changes of its entities and their dependents while it lasted and
 * the hour after.
 */
export async function impactOf(options: {
  store: StatusStore;
  engine: StatusEngine;
  incident: StoredIncident;
  entityRefs: string[];
  /** When it ended (resolved, or now). */
  end: number;
}): Promise<{ impact: StatusIncidentImpact[]; truncated: boolean }> {
  const { store, engine, incident, entityRefs, end } = options;
  const refs = new Set(entityRefs);
  for (const root of entityRefs)
    for (const d of engine.dependentsOf(root, MAX_DEPENDENTS)) refs.add(d);
  const { byEntity, truncated } = await store.readHistories([...refs], {
    since: new Date(incident.createdAt.getTime() - MINUTE_MS),
    until: new Date(end + RECOVERY_AFTER_MS),
    limit: MAX_TRANSITIONS,
  });
  return {
    impact: incidentImpact({
      incidentId: incident.id,
      entityRefs,
      transitions: [...byEntity.values()].flat(),
    }),
    truncated,
  };
}

/** The incident a caller may see, with its entities they may see; a 404 otherwise. */
export async function visibleIncident(options: {
  store: StatusStore;
  engine: StatusEngine;
  view: CallerView;
  account: string;
  id: string;
}): Promise<{ incident: StoredIncident; entityRefs: string[] }> {
  const { store, engine, view, account, id } = options;
  const incident = await store.getIncident(account, id);
  const entityRefs = incident
    ? engine.entitiesOfService(account, incident.serviceId)
    : [];
  const visible = entityRefs.filter(r => view.has(r));
  // an incident on entities the caller may not read is answered as missing
  if (!incident || !visible.length)
    throw new NotFoundError(
      `No incident ${id} in PagerDuty account ${account}`,
    );
  return { incident, entityRefs };
}

/**
 * An incident's postmortem: the link set in the portal, else the first of its
 * notes (newest first: its notes, then those PagerDuty logged) that links one.
 */
export function postmortemOf(
  portal: StoredPostmortem | undefined,
  notes: Iterable<string>,
): StatusPostmortemLink | null {
  if (portal)
    return {
      url: portal.url,
      title: portal.title,
      source: 'portal',
      setBy: portal.setBy,
      setAt: portal.setAt.toISOString(),
    };
  for (const note of notes) {
    const found = findPostmortemLink(note);
    if (found) return { ...found, source: 'note' };
  }
  return null;
}

/** A path with the entities the caller may not read as `hidden`. */
const masked = (path: string[], view: CallerView) =>
  path.map(p => (view.has(p) ? p : HIDDEN_ENTITY_REF));

/**
 * One incident's timeline as a caller may see it: PagerDuty's log, notes and
 * status updates, the alerts on it or its entities, the changes on its
 * entities and their upstreams in the hour before, and the entities it made
 * worse with when each recovered. Entities the caller may not read are
 * counted, never named; a part missing or cut says so in `gaps`.
 */
export async function describeIncidentTimeline(options: {
  store: StatusStore;
  engine: StatusEngine;
  view: CallerView;
  account: string;
  id: string;
  now: Date;
}): Promise<StatusIncidentTimeline> {
  const { store, engine, view, account, id, now } = options;
  const { incident, entityRefs } = await visibleIncident(options);
  const visibleRefs = entityRefs.filter(r => view.has(r));
  const gaps: StatusTimelineGap[] = [];
  const created = incident.createdAt.getTime();
  const end = incident.resolvedAt?.getTime() ?? now.getTime();

  const [logEntries, readState, storedUpdates, portal] = await Promise.all([
    store.timelines.logEntriesOf(account, id, MAX_LOG_ENTRIES),
    store.timelines.readStateOf(account, id),
    store.incidentUpdates.listFor([{ account, incidentId: id }], MAX_UPDATES),
    store.timelines.postmortemsOf([{ account, incidentId: id }]),
  ]);
  const updates: StatusIncidentUpdate[] = storedUpdates.map(u => ({
    id: u.id,
    kind: u.kind,
    at: u.at.toISOString(),
    author: u.author ?? null,
    message: u.message,
  }));

  if (!readState?.readAt) gaps.push({ code: 'log-not-read' });
  else if (!readState.complete && incident.status === 'resolved')
    gaps.push({
      code: 'log-read-while-open',
      at: readState.readAt.toISOString(),
    });
  if (
    readState?.error &&
    (!readState.readAt ||
      (readState.failedAt && readState.failedAt > readState.readAt))
  )
    gaps.push({ code: 'log-failed', error: readState.error });

  // alerts on the incident, or on its entities while it was on
  const roots = new Set(entityRefs);
  const storedAlerts = await store.alerts.listStartedBetween(
    new Date(created - ALERTS_BEFORE_MS),
    new Date(end),
    MAX_ALERTS + 1,
  );
  if (storedAlerts.length > MAX_ALERTS) gaps.push({ code: 'alerts-truncated' });
  const alerts: StatusTimelineEntry[] = [];
  for (const alert of storedAlerts.slice(0, MAX_ALERTS)) {
    const target = alert.targets?.pagerDuty;
    const onIncident = target?.account === account && target.incidentId === id;
    const mapped = onIncident
      ? visibleRefs
      : engine.matchAlert(alert).entityRefs.filter(r => roots.has(r));
    if (!onIncident && !mapped.length) continue;
    const shown = mapped.find(r => view.has(r));
    if (!shown && !onIncident) continue;
    alerts.push({
      at: alert.startedAt,
      kind: 'alert',
      source: 'alerts',
      by: alert.source,
      text: alert.title,
      entityRef: shown,
      links: alert.url ? [{ href: alert.url }] : undefined,
    });
  }

  // changes on its entities and their upstreams in the hour before
  const changes: StatusTimelineEntry[] = [];
  const seenChanges = new Set<string>();
  for (const entityRef of visibleRefs) {
    const found = await changesAlongPath({
      entityRef,
      engine,
      store,
      view,
      since: new Date(created - CHANGES_BEFORE_MS),
      until: incident.createdAt,
      // a timeline shows what followed each change itself
      followUps: false,
    });
    if (found.truncated) gaps.push({ code: 'changes-truncated' });
    for (const change of found.changes) {
      if (seenChanges.has(change.id)) continue;
      seenChanges.add(change.id);
      changes.push({
        at: change.at,
        kind: 'change',
        source: 'changes',
        by: change.source ?? null,
        text: change.summary,
        entityRef: change.entityRef,
        path: change.path,
        links: change.links,
      });
    }
  }

  // what the status layer observed: its entities and their dependents
  if (!observed(await store.observedSince(), incident))
    gaps.push({ code: 'not-observed' });
  const { impact: allImpact, truncated } = await impactOf({
    store,
    engine,
    incident,
    entityRefs,
    end,
  });
  if (truncated) gaps.push({ code: 'levels-truncated' });
  const owners = new Set<string>();
  const impact: StatusIncidentImpact[] = [];
  let hiddenImpact = 0;
  for (const i of allImpact) {
    const owner = engine.entity(i.entityRef)?.owner;
    if (owner) owners.add(owner);
    if (!view.has(i.entityRef)) {
      hiddenImpact += 1;
      continue;
    }
    impact.push({
      ...i,
      path: masked(i.path, view),
      owner: owner && view.has(owner) ? owner : undefined,
    });
  }

  const entries = assembleIncidentTimeline({
    incident,
    // PagerDuty logs at least the trigger: an empty log was not read yet
    logEntries: logEntries.length ? logEntries : undefined,
    updates,
    alerts,
    changes,
    impact,
  });

  return {
    incident: {
      account,
      id,
      number: incident.number,
      title: incident.title,
      status: incident.status,
      urgency: incident.urgency,
      priority: incident.priority ?? null,
      createdAt: incident.createdAt.toISOString(),
      acknowledgedAt: incident.acknowledgedAt?.toISOString() ?? null,
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      resolvedBy: incident.resolvedBy ?? null,
      htmlUrl: incident.htmlUrl ?? null,
      serviceName: engine.service(account, incident.serviceId)?.name ?? null,
      entityRefs: visibleRefs,
      major: isMajorIncident(incident),
    },
    entries,
    impact,
    hiddenImpact,
    teams: owners.size,
    gaps,
    postmortem: postmortemOf(portal[0], [
      ...updates.filter(u => u.kind === 'note').map(u => u.message),
      ...[...logEntries]
        .reverse()
        .map(e => e.note)
        .filter((n): n is string => !!n),
    ]),
    generatedAt: now.toISOString(),
  };
}
