import {
  buildSummaryRows,
  countSummaryLevels,
  compareLevels,
  HealthLevel,
  isOutage,
  StatusGrouping,
  StatusProblem,
  StatusProblemsPage,
  StatusSummary,
  StatusSummaryEntity,
  StatusSummaryQuery,
  StatusSummaryRows,
  hasSummaryLevel,
  matchesSummaryQuery,
  summaryFacets,
} from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { escalationPoliciesOf } from '../engine/escalationPolicies';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import {
  alertsView,
  describeOwner,
  incidentView,
  rootCausesForCaller,
} from './entityStatus';
import { accountFreshnessForCaller } from './forCaller';

/** Filters of `GET /summary` (the one definition, in `-common`). */
export type SummaryFilters = StatusSummaryQuery;

/** A page: how many to skip, how many at most. */
export type SummaryPage = { offset: number; limit: number };

/** Page sizes of the summary's lists: default and most a caller may ask for. */
export const SUMMARY_PAGES = {
  entities: { defaultLimit: 50, maxLimit: 5000 },
  rows: { defaultLimit: 200, maxLimit: 1000 },
  problems: { defaultLimit: 20, maxLimit: 200 },
};

/** Impacted dependents listed per problem; the count covers them all. */
const IMPACTED_LISTED = 10;

/** Every entity the given ones depend on, transitively, and themselves. */
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

/** Every entity the caller may read, with its levels and worst root cause. */
function visibleEntities(
  engine: StatusEngine,
  view: CallerView,
): StatusSummaryEntity[] {
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
      ...(engine.isMisconfigured(e.ref) ? { misconfigured: true } : {}),
      rootCause,
    });
  }
  return all;
}

/** The entities of the `within` scope (all when there is none). */
function scoped(
  engine: StatusEngine,
  all: StatusSummaryEntity[],
  within: string[] | undefined,
): StatusSummaryEntity[] {
  if (!within?.length) return all;
  const owners = new Set(within);
  const closure = upstreamClosure(
    engine,
    all.filter(e => e.owner && owners.has(e.owner)).map(e => e.entityRef),
  );
  return all.filter(e => closure.has(e.entityRef));
}

/** The entities the filters select in the scope, worst first. */
function selected(
  engine: StatusEngine,
  inScope: StatusSummaryEntity[],
  filters: SummaryFilters,
): StatusSummaryEntity[] {
  let result = inScope.filter(e => matchesSummaryQuery(e, filters));
  if (filters.withUpstreams) {
    const closure = upstreamClosure(
      engine,
      result.map(e => e.entityRef),
    );
    result = inScope.filter(e => closure.has(e.entityRef));
  }
  result = result.filter(e => hasSummaryLevel(e, filters.level));
  return result.sort(
    (a, b) =>
      compareLevels(b.effective, a.effective) ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

/**
 * The company's problems — visible entities in an outage of their own, worst
 * first, then by blast radius — with the details of one page of them.
 */
async function problemsPage(
  engine: StatusEngine,
  store: StatusStore,
  view: CallerView,
  all: StatusSummaryEntity[],
  page: SummaryPage,
): Promise<StatusProblemsPage> {
  const ranked = all
    .filter(e => isOutage(e.own))
    .map(e => ({
      entityRef: e.entityRef,
      level: e.own as HealthLevel,
      impacted: engine.impactedBy(e.entityRef).filter(r => view.has(r)),
    }))
    .sort(
      (a, b) =>
        compareLevels(b.level, a.level) ||
        b.impacted.length - a.impacted.length ||
        a.entityRef.localeCompare(b.entityRef),
    );
  const problems: StatusProblem[] = await Promise.all(
    ranked.slice(page.offset, page.offset + page.limit).map(async p => {
      const impacted = p.impacted
        .map(r => ({ entityRef: r, level: engine.levels(r).effective }))
        .sort(
          (a, b) =>
            compareLevels(b.level, a.level) ||
            a.entityRef.localeCompare(b.entityRef),
        );
      const incidents = engine
        .incidentsOf(p.entityRef)
        .map(i => incidentView(i, engine, view));
      const alerts = alertsView(engine, p.entityRef, view);
      const since = [
        ...incidents.map(i => i.createdAt),
        ...alerts.map(a => a.startedAt),
      ]
        .sort()
        .at(0);
      return {
        entityRef: p.entityRef,
        level: p.level,
        owner: describeOwner(engine, p.entityRef, view),
        incidents,
        alerts,
        escalationPolicies: await escalationPoliciesOf(
          engine,
          store,
          p.entityRef,
        ),
        since: since ?? null,
        impactedCount: impacted.length,
        impacted: impacted.slice(0, IMPACTED_LISTED),
      };
    }),
  );
  return { problems, total: ranked.length, ...page };
}

/**
 * The company-wide summary: counts over every visible entity the filters
 * select, the first page of those entities (worst first), the values the
 * filters can take, and the first page of the problems — entities in an
 * outage of their own, each with what it impacts, who owns it and who is on
 * call. The filters narrow the entities and counts; the problems are always
 * the company's.
 */
export async function summariseStatus(
  engine: StatusEngine,
  store: StatusStore,
  view: CallerView,
  filters: SummaryFilters,
  page: SummaryPage = { offset: 0, limit: SUMMARY_PAGES.entities.defaultLimit },
  problemsLimit: number = SUMMARY_PAGES.problems.defaultLimit,
): Promise<StatusSummary> {
  const all = visibleEntities(engine, view);
  const inScope = scoped(engine, all, filters.within);
  const entities = selected(engine, inScope, filters);

  const impacted = entities.filter(e => e.inherited !== 'operational').length;
  const problems = await problemsPage(engine, store, view, all, {
    offset: 0,
    limit: problemsLimit,
  });
  const freshness = engine.freshness();
  return {
    counts: countSummaryLevels(entities),
    total: entities.length,
    impacted,
    entities: entities.slice(page.offset, page.offset + page.limit),
    ...page,
    facets: summaryFacets(inScope),
    problems: problems.problems,
    problemsTotal: problems.total,
    freshness: {
      stale: freshness.stale,
      lastSuccessAt: freshness.lastSuccessAt,
      accounts: freshness.accounts.map(a => accountFreshnessForCaller(a, view)),
    },
  };
}

/** A page of the company's problems (`GET /summary/problems`). */
export async function pageProblems(
  engine: StatusEngine,
  store: StatusStore,
  view: CallerView,
  page: SummaryPage,
): Promise<StatusProblemsPage> {
  return problemsPage(engine, store, view, visibleEntities(engine, view), page);
}

/**
 * A page of the "everything" list, grouped as asked, with the entities of
 * the collapsed groups left out (`GET /summary/rows`).
 */
export function pageSummaryRows(
  engine: StatusEngine,
  view: CallerView,
  filters: SummaryFilters,
  grouping: StatusGrouping,
  collapsed: ReadonlySet<string>,
  page: SummaryPage,
): StatusSummaryRows {
  const all = visibleEntities(engine, view);
  const entities = selected(
    engine,
    scoped(engine, all, filters.within),
    filters,
  );
  const rows = buildSummaryRows(entities, grouping, collapsed);
  return {
    rows: rows.slice(page.offset, page.offset + page.limit),
    total: rows.length,
    entities: entities.length,
    ...page,
  };
}
