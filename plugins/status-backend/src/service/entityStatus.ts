import {
  compareLevels,
  DEFAULT_PAGERDUTY_ACCOUNT,
  EntityStatus,
  StatusIncident,
  StatusOwner,
  HIDDEN_ENTITY_REF,
  OutageLevel,
  StatusRootCause,
  UpstreamNode,
  explainStatus,
  formatExplanation,
  isMonitored,
} from '@status-layer/plugin-status-common';
import { isOngoingWindow, StatusStore, StoredIncident } from '../database';
import { escalationPoliciesOf } from '../engine/escalationPolicies';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import {
  accountFreshnessForCaller,
  alertForCaller,
  pathForCaller,
} from './forCaller';
import { incidentKey, UpdatesByIncident, updatesOf } from './incidentUpdates';
import { symptomOf } from './symptoms';
import { summaryIndexOf } from './summaryIndex';
import { visibleDependentCount } from './dependentCounts';

/** How many of an entity's impacted dependents its status lists (the page shows them, the count says the rest). */
const IMPACTED_LISTED = 50;

/** The owner of an entity with its contacts, when the caller may read it. */
export function describeOwner(
  engine: StatusEngine,
  entityRef: string,
  view: CallerView,
): StatusOwner | null {
  const owner = engine.entity(entityRef)?.owner;
  if (!owner || !view.has(owner)) return null;
  return { entityRef: owner, ...engine.entity(owner)?.contact };
}

/** An incident as the HTTP API shows it to a caller. */
export const incidentView = (
  i: StoredIncident,
  engine: StatusEngine,
  view: CallerView,
  updates?: UpdatesByIncident,
): StatusIncident => ({
  id: i.id,
  account: i.account,
  number: i.number,
  title: i.title,
  status: i.status,
  urgency: i.urgency,
  priority: i.priority ?? null,
  createdAt: i.createdAt.toISOString(),
  acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
  assignees: i.assignees,
  htmlUrl: i.htmlUrl ?? null,
  conferenceUrl: i.conferenceUrl ?? null,
  conferenceNumber: i.conferenceNumber ?? null,
  alerts: engine.pagerDutyAlertsOf(i).map(a => alertForCaller(a, view)),
  updates: updates
    ? updates.get(incidentKey(i.account, i.id)) ?? []
    : undefined,
  symptomOf: symptomOf(i, engine, view),
});

/** An entity's firing alerts as a caller may see them. */
export const alertsView = (
  engine: StatusEngine,
  ref: string,
  view: CallerView,
) => engine.alertsOf(ref).map(a => alertForCaller(a, view));

function pruneTree(nodes: UpstreamNode[], view: CallerView): UpstreamNode[] {
  return nodes
    .filter(n => view.has(n.ref))
    .map(n => ({ ...n, upstreams: pruneTree(n.upstreams, view) }));
}

type RootCause = {
  root: string;
  level: OutageLevel;
  path: string[];
  /** Hops known only from PagerDuty (see `RootCause` in `-common`). */
  pagerDutyHops?: number[];
};

/**
 * Root causes as a caller may see them: those they may not read become one
 * {@link HIDDEN_ENTITY_REF} cause (the worst level, the shortest path), so
 * that an inherited outage is always explained without naming what is hidden;
 * every path, a visible root's too, has its hidden hops masked.
 */
export function rootCausesForCaller<T extends RootCause>(
  causes: T[],
  view: CallerView,
): { visible: T[]; hidden?: RootCause } {
  const visible = causes
    .filter(c => view.has(c.root))
    .map(c => ({ ...c, path: pathForCaller(c.path, view) }));
  let hidden: RootCause | undefined;
  for (const c of causes) {
    if (view.has(c.root)) continue;
    if (
      !hidden ||
      compareLevels(c.level, hidden.level) > 0 ||
      (c.level === hidden.level && c.path.length < hidden.path.length)
    )
      hidden = c;
  }
  return {
    visible,
    hidden: hidden && {
      root: HIDDEN_ENTITY_REF,
      level: hidden.level,
      path: pathForCaller(hidden.path, view),
      ...(hidden.pagerDutyHops ? { pagerDutyHops: hidden.pagerDutyHops } : {}),
    },
  };
}

/**
 * The status of one entity as `GET /entities/{kind}/{namespace}/{name}`
 * answers it, with every related entity the caller may not read left out (or
 * masked in dependency paths).
 */
export async function describeEntityStatus(options: {
  ref: string;
  engine: StatusEngine;
  store: StatusStore;
  /** What the caller may see. */
  view: CallerView;
  /** The entity's signals channel. */
  liveChannel: string;
}): Promise<EntityStatus> {
  const { ref, engine, store, view } = options;
  const d = engine.describe(ref, { upstreamDepth: 4 });
  const impacted = [...engine.impactedSetOf(ref)].filter(r => view.has(r));
  const dependents = visibleDependentCount(engine, ref, view);

  const onCallFor = (entityRef: string) =>
    escalationPoliciesOf(engine, store, entityRef);
  const ownerOf = (entityRef: string) => describeOwner(engine, entityRef, view);

  const causes = rootCausesForCaller(d.rootCauses, view);
  const updates = await updatesOf(store, [
    ...d.incidents,
    ...causes.visible.flatMap(c => engine.incidentsOf(c.root)),
  ]);
  const rootCauses: StatusRootCause[] = await Promise.all(
    causes.visible.map(async c => ({
      entityRef: c.root,
      level: c.level,
      rootLevel: engine.levels(c.root).own ?? null,
      path: c.path,
      ...(c.pagerDutyHops ? { pagerDutyHops: c.pagerDutyHops } : {}),
      incidents: engine
        .incidentsOf(c.root)
        .map(i => incidentView(i, engine, view, updates)),
      alerts: alertsView(engine, c.root, view),
      owner: ownerOf(c.root),
      escalationPolicies: await onCallFor(c.root),
    })),
  );
  if (causes.hidden) {
    rootCauses.push({
      entityRef: HIDDEN_ENTITY_REF,
      level: causes.hidden.level,
      rootLevel: null,
      path: causes.hidden.path,
      ...(causes.hidden.pagerDutyHops
        ? { pagerDutyHops: causes.hidden.pagerDutyHops }
        : {}),
      incidents: [],
      alerts: [],
      owner: null,
      escalationPolicies: [],
    });
    rootCauses.sort((a, b) => compareLevels(b.level, a.level));
  }

  const freshness = engine.freshness();
  const account = engine.accountFreshness(
    engine.entity(ref)?.pagerDutyAccount ?? DEFAULT_PAGERDUTY_ACCOUNT,
  );
  const explanationParts = explainStatus({
    levels: d.levels,
    own: {
      incidents: d.reasons.filter(r => r.signal.kind === 'incident').length,
      alerts: d.reasons.filter(r => r.signal.kind === 'alert').length,
    },
    top: rootCauses[0] && {
      entityRef: rootCauses[0].entityRef,
      name:
        rootCauses[0].entityRef === HIDDEN_ENTITY_REF
          ? undefined
          : engine.titleOf(rootCauses[0].entityRef) ?? rootCauses[0].entityRef,
      level: rootCauses[0].rootLevel ?? rootCauses[0].level,
      hops: rootCauses[0].path.length - 1,
    },
    waitingForPagerDuty: account.waiting,
  });

  return {
    entityRef: ref,
    monitored: isMonitored(d.levels),
    levels: d.levels,
    explanation: formatExplanation(explanationParts),
    explanationParts,
    reasons: d.reasons.map(r => ({ ...r.signal, level: r.level })),
    rootCauses,
    incidents: engine
      .incidentsOf(ref)
      .map(i => incidentView(i, engine, view, updates)),
    alerts: alertsView(engine, ref, view),
    owner: ownerOf(ref),
    escalationPolicies: await onCallFor(ref),
    upstreams: pruneTree(d.upstreams, view),
    impacted: summaryIndexOf(engine).worstOf(impacted, IMPACTED_LISTED),
    impactedCount: impacted.length,
    dependentCount: dependents.count,
    ...(dependents.atLeast ? { dependentCountAtLeast: true } : {}),
    freshness: {
      pagerDuty: accountFreshnessForCaller(account, view),
      catalogLoadedAt: freshness.catalogLoadedAt?.toISOString() ?? null,
    },
    problems: d.problems,
    maintenance: engine.maintenanceOf(ref).map(w => ({
      id: w.id,
      description: w.description,
      startTime: w.startTime,
      endTime: w.endTime,
      createdBy: w.createdBy,
      ongoing: isOngoingWindow(w, Date.now()),
    })),
    liveChannel: options.liveChannel,
  };
}
