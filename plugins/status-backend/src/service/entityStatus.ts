import {
  compareLevels,
  DEFAULT_PAGERDUTY_ACCOUNT,
  EntityLevels,
  EntityStatus,
  StatusEscalationPolicy,
  StatusIncident,
  StatusOwner,
  HealthLevel,
  LEVEL_LABELS,
  UpstreamNode,
} from '@internal/plugin-status-common';
import { StatusStore, StoredIncident } from '../database';
import { StatusEngine } from '../engine/StatusEngine';

/** "1 active incident", "2 firing alerts", or nothing for none. */
const plural = (n: number, words: string) =>
  n > 0 ? `${n} ${words}${n === 1 ? '' : 's'}` : '';

/**
 * One line saying why an entity is at its level, e.g. "Degraded — impacted by
 * auth-service (Major outage), 3 hops upstream".
 */
export function explain(input: {
  levels: EntityLevels;
  /** Its own signals that raise its level, by kind. */
  own: { incidents: number; alerts: number };
  top?: { name: string; level: HealthLevel; hops: number };
  /** Whether its PagerDuty account was never read yet. */
  waitingForPagerDuty?: boolean;
}): string {
  const { levels, own: signals, top } = input;
  const own = levels.own ?? 'operational';
  const parts: string[] = [];
  const inheritedWins = top && compareLevels(levels.inherited, own) > 0;
  if (inheritedWins) {
    parts.push(
      `impacted by ${top.name} (${LEVEL_LABELS[top.level]}), ${top.hops} hop${
        top.hops === 1 ? '' : 's'
      } upstream`,
    );
  }
  const counted = [
    plural(signals.incidents, 'active incident'),
    plural(signals.alerts, 'firing alert'),
  ].filter(Boolean);
  if (counted.length) {
    parts.push(
      `${inheritedWins ? 'and ' : ''}${counted.join(', ')} of its own`,
    );
  } else if (
    !inheritedWins &&
    levels.own === undefined &&
    levels.effective === 'operational'
  ) {
    parts.push('not monitored');
  } else if (!inheritedWins && levels.own === 'unknown') {
    parts.push(
      input.waitingForPagerDuty
        ? 'waiting for PagerDuty'
        : 'PagerDuty cannot be read; its data is stale',
    );
  }
  return [LEVEL_LABELS[levels.effective], parts.join(' ')]
    .filter(Boolean)
    .join(' — ');
}

/** Refs the caller may not see are shown as this in dependency paths. */
export const HIDDEN_ENTITY = 'hidden';

/** The owner of an entity with its contacts, when the caller may read it. */
export function describeOwner(
  engine: StatusEngine,
  entityRef: string,
  visible: { has(ref: string): boolean },
): StatusOwner | null {
  const owner = engine.entity(entityRef)?.owner;
  if (!owner || !visible.has(owner)) return null;
  return { entityRef: owner, ...engine.entity(owner)?.contact };
}

/** The escalation policies of an entity's PagerDuty services, with who is on call now. */
export async function escalationPoliciesOf(
  engine: StatusEngine,
  store: StatusStore,
  entityRef: string,
): Promise<StatusEscalationPolicy[]> {
  const policies = new Map<string, string | undefined>();
  const entity = engine.entity(entityRef);
  const account = entity?.pagerDutyAccount ?? DEFAULT_PAGERDUTY_ACCOUNT;
  for (const id of entity?.pagerDutyServiceIds ?? []) {
    const service = engine.service(account, id);
    if (service?.escalationPolicyId) {
      policies.set(service.escalationPolicyId, service.escalationPolicyName);
    }
  }
  const onCalls = policies.size
    ? await store.listOnCalls(account, [...policies.keys()])
    : [];
  return [...policies].map(([id, name]) => ({
    id,
    name: name ?? id,
    onCall: onCalls
      .filter(o => o.escalationPolicyId === id)
      .map(o => ({
        level: o.level,
        user: o.user,
        start: o.start?.toISOString() ?? null,
        end: o.end?.toISOString() ?? null,
      })),
  }));
}

/** An incident as the HTTP API shows it. */
export const incidentView = (
  i: StoredIncident,
  engine?: StatusEngine,
): StatusIncident => ({
  id: i.id,
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
  ...(engine ? { alerts: engine.pagerDutyAlertsOf(i) } : {}),
});

function pruneTree(
  nodes: UpstreamNode[],
  visible: { has(ref: string): boolean },
): UpstreamNode[] {
  return nodes
    .filter(n => visible.has(n.ref))
    .map(n => ({ ...n, upstreams: pruneTree(n.upstreams, visible) }));
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
  /** The entity refs the caller may read. */
  visible: Set<string>;
}): Promise<EntityStatus> {
  const { ref, engine, store } = options;
  const d = engine.describe(ref, { upstreamDepth: 4 });
  const visible = {
    has: (r: string) => r === ref || options.visible.has(r),
  };

  const onCallFor = (entityRef: string) =>
    escalationPoliciesOf(engine, store, entityRef);
  const ownerOf = (entityRef: string) =>
    describeOwner(engine, entityRef, visible);

  const rootCauses = await Promise.all(
    d.rootCauses
      .filter(c => visible.has(c.root))
      .map(async c => ({
        entityRef: c.root,
        level: c.level,
        rootLevel: engine.levels(c.root).own ?? null,
        path: c.path.map(p => (visible.has(p) ? p : HIDDEN_ENTITY)),
        incidents: engine.incidentsOf(c.root).map(i => incidentView(i, engine)),
        alerts: engine.alertsOf(c.root),
        owner: ownerOf(c.root),
        escalationPolicies: await onCallFor(c.root),
      })),
  );

  const freshness = engine.freshness();
  const account = engine.accountFreshness(
    engine.entity(ref)?.pagerDutyAccount ?? DEFAULT_PAGERDUTY_ACCOUNT,
  );
  const explanation = explain({
    levels: d.levels,
    own: {
      incidents: d.reasons.filter(r => r.signal.kind === 'incident').length,
      alerts: d.reasons.filter(r => r.signal.kind === 'alert').length,
    },
    top: rootCauses[0] && {
      name:
        engine.entity(rootCauses[0].entityRef)?.title ??
        engine.entity(rootCauses[0].entityRef)?.name ??
        rootCauses[0].entityRef,
      level: rootCauses[0].rootLevel ?? rootCauses[0].level,
      hops: rootCauses[0].path.length - 1,
    },
    waitingForPagerDuty: account.waiting,
  });

  return {
    entityRef: ref,
    monitored: d.levels.own !== undefined,
    levels: d.levels,
    explanation,
    reasons: d.reasons.map(r => ({ ...r.signal, level: r.level })),
    rootCauses,
    incidents: engine.incidentsOf(ref).map(i => incidentView(i, engine)),
    alerts: engine.alertsOf(ref),
    owner: ownerOf(ref),
    escalationPolicies: await onCallFor(ref),
    upstreams: pruneTree(d.upstreams, visible),
    impacted: d.impacted
      .filter(i => visible.has(i.ref))
      .map(i => ({ entityRef: i.ref, level: i.levels.effective })),
    dependentCount: engine.dependentsOf(ref).filter(r => visible.has(r)).length,
    freshness: {
      pagerDuty: account,
      catalogLoadedAt: freshness.catalogLoadedAt?.toISOString() ?? null,
    },
    problems: d.problems,
  };
}
