import {
  compareLevels,
  HealthLevel,
  isOutage,
  LEVEL_PRECEDENCE,
  rollUp,
  StatusGroupRollup,
  StatusProblem,
  StatusSummary,
  StatusSummaryEntity,
  StatusSummaryQuery,
  hasSummaryLevel,
  matchesSummaryQuery,
} from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { addTo } from '../lib/addTo';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import {
  alertsView,
  describeOwner,
  escalationPoliciesOf,
  incidentView,
  rootCausesForCaller,
} from './entityStatus';
import { accountFreshnessForCaller } from './forCaller';

/** Filters of `GET /summary` (the one definition, in `-common`). */
export type SummaryFilters = StatusSummaryQuery;

/** Impacted dependents listed per problem; the count covers them all. */
const IMPACTED_LISTED = 100;

/** Every entity the given ones depend on, transitively. */
function upstreamClosure(engine: StatusEngine, refs: string[]): Set<string> {
  const seen = new Set<string>(refs);
  const queue = [...refs];
  while (queue.length) {
    for (const u of engine.upstreamsOf(queue.pop()!)) {
      if (seen.has(u)) continue;
      seen.add(u);
      queue.push(u);
    }
  }
  return seen;
}

/**
 * The company-wide summary: every visible entity's level, counts, roll-ups
 * per owner, system and domain, and the problems — entities in an outage of
 * their own, each with what it impacts, who owns it and who is on call.
 * The filters narrow the entities and counts; the problems are always the
 * company's.
 */
export async function summariseStatus(
  engine: StatusEngine,
  store: StatusStore,
  view: CallerView,
  filters: SummaryFilters,
): Promise<StatusSummary> {
  const domainOfSystem = new Map<string, string | undefined>();
  for (const e of engine.allEntities())
    if (e.kind === 'System') domainOfSystem.set(e.ref, e.domain);
  // owners, systems and domains the caller may not read are not named
  const shown = (ref?: string) => (ref && view.has(ref) ? ref : undefined);

  const all: StatusSummaryEntity[] = [];
  for (const e of engine.allEntities()) {
    if (!view.has(e.ref)) continue;
    const levels = engine.levels(e.ref);
    let rootCause: string | undefined;
    if (levels.inherited !== 'operational') {
      const causes = rootCausesForCaller(engine.rootCausesOf(e.ref), view);
      // the worst cause, named when the caller may read it
      rootCause = [...causes.visible, ...(causes.hidden ? [causes.hidden] : [])]
        .sort((a, b) => compareLevels(b.level, a.level))
        .at(0)?.root;
    }
    all.push({
      entityRef: e.ref,
      kind: e.kind,
      name: e.name,
      title: e.title,
      owner: shown(e.owner),
      system: shown(e.system),
      domain: shown(
        e.kind === 'System' ? e.domain : domainOfSystem.get(e.system ?? ''),
      ),
      own: levels.own,
      inherited: levels.inherited,
      effective: levels.effective,
      rootCause,
    });
  }

  let selected = all.filter(e => matchesSummaryQuery(e, filters));
  if (filters.withUpstreams) {
    const closure = upstreamClosure(
      engine,
      selected.map(e => e.entityRef),
    );
    selected = all.filter(e => closure.has(e.entityRef));
  }
  selected = selected.filter(e => hasSummaryLevel(e, filters.level));
  selected.sort(
    (a, b) =>
      compareLevels(b.effective, a.effective) ||
      a.entityRef.localeCompare(b.entityRef),
  );

  const counts = Object.fromEntries(
    LEVEL_PRECEDENCE.map(level => [level, 0]),
  ) as Record<HealthLevel, number>;
  for (const e of selected) counts[e.effective] += 1;

  const rollUpBy = (key: 'owner' | 'system' | 'domain') => {
    const groups = new Map<string, { ref: string; level: HealthLevel }[]>();
    for (const e of selected) {
      const group = e[key];
      if (group) addTo(groups, group, { ref: e.entityRef, level: e.effective });
    }
    const result: Record<string, StatusGroupRollup> = {};
    for (const [group, members] of groups) {
      const { level, contributors } = rollUp(members);
      result[group] = {
        level,
        members: members.length,
        contributors: contributors.slice(0, 20),
      };
    }
    return result;
  };

  // Own outages are the problems; what they impact is grouped under them.
  const problems: StatusProblem[] = await Promise.all(
    all
      .filter(e => isOutage(e.own))
      .map(async e => {
        const impacted = engine
          .impactedBy(e.entityRef)
          .filter(r => view.has(r))
          .map(r => ({ entityRef: r, level: engine.levels(r).effective }))
          .sort(
            (a, b) =>
              compareLevels(b.level, a.level) ||
              a.entityRef.localeCompare(b.entityRef),
          );
        const incidents = engine
          .incidentsOf(e.entityRef)
          .map(i => incidentView(i, engine, view));
        const alerts = alertsView(engine, e.entityRef, view);
        const since = [
          ...incidents.map(i => i.createdAt),
          ...alerts.map(a => a.startedAt),
        ]
          .sort()
          .at(0);
        return {
          entityRef: e.entityRef,
          level: e.own as HealthLevel,
          owner: describeOwner(engine, e.entityRef, view),
          incidents,
          alerts,
          escalationPolicies: await escalationPoliciesOf(
            engine,
            store,
            e.entityRef,
          ),
          since: since ?? null,
          impactedCount: impacted.length,
          impacted: impacted.slice(0, IMPACTED_LISTED),
        };
      }),
  );
  problems.sort(
    (a, b) =>
      compareLevels(b.level, a.level) ||
      b.impactedCount - a.impactedCount ||
      a.entityRef.localeCompare(b.entityRef),
  );

  const freshness = engine.freshness();
  return {
    counts,
    total: selected.length,
    entities: selected,
    byOwner: rollUpBy('owner'),
    bySystem: rollUpBy('system'),
    byDomain: rollUpBy('domain'),
    problems,
    freshness: {
      stale: freshness.stale,
      lastSuccessAt: freshness.lastSuccessAt,
      accounts: freshness.accounts.map(a => accountFreshnessForCaller(a, view)),
    },
  };
}
