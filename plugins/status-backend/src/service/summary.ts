import {
  buildSummaryRows,
  StatusGrouping,
  StatusProblem,
  StatusProblemsPage,
  StatusSummary,
  StatusSummaryEntity,
  StatusSummaryQuery,
  StatusSummaryRows,
  hasSummaryLevel,
  summaryQueryMatcher,
  summaryFacets,
} from '@status-layer/plugin-status-common';
import { StatusStore } from '../database';
import { escalationPoliciesOf } from '../engine/escalationPolicies';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerView } from './CallerAccess';
import { alertsView, describeOwner, incidentView } from './entityStatus';
import { accountFreshnessForCaller } from './forCaller';
import { summaryIndexOf, ViewSummary } from './summaryIndex';

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

/**
 * The entities a query selects (scope, filters, levels), kept by the view
 * and followed through each change: the scope and the upstream closures
 * rest on the catalog, so one test per entity tells what a change moved.
 *
 * @internal
 */
export function selectionOf(
  engine: StatusEngine,
  known: ViewSummary,
  filters: SummaryFilters,
) {
  return known.selection(`select ${JSON.stringify(filters)}`, entities => {
    const inScope = scoped(engine, entities, filters.within);
    const scope = filters.within?.length
      ? new Set(inScope.map(e => e.entityRef))
      : undefined;
    const matches = summaryQueryMatcher(filters);
    let admitted = matches;
    if (filters.withUpstreams) {
      const closure = upstreamClosure(
        engine,
        inScope.filter(matches).map(e => e.entityRef),
      );
      admitted = e => closure.has(e.entityRef);
    }
    return {
      accepts: (e: StatusSummaryEntity) =>
        (!scope || scope.has(e.entityRef)) &&
        admitted(e) &&
        hasSummaryLevel(e, filters.level),
      // the filters' values within the scope: the catalog's, as the scope
      extra: scope ? summaryFacets(inScope) : undefined,
    };
  });
}

/**
 * The company's problems — visible entities in an outage of their own, worst
 * first, then by blast radius — with the details of one page of them.
 */
async function problemsPage(
  engine: StatusEngine,
  store: StatusStore,
  view: CallerView,
  known: ViewSummary,
  page: SummaryPage,
): Promise<StatusProblemsPage> {
  const ranked = known.problems;
  const problems: StatusProblem[] = await Promise.all(
    ranked.slice(page.offset, page.offset + page.limit).map(async p => {
      // the same for every page of this state and view
      // kept until the problem or one of those it impacts changes
      const impacted = known.keptFor(
        `impacted ${p.entityRef}`,
        () => [p.entityRef, ...p.impacted],
        () => summaryIndexOf(engine).worstFirst(p.impacted, IMPACTED_LISTED),
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
        impactedCount: p.impacted.length,
        impacted,
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
  const known = summaryIndexOf(engine).forView(view);
  const chosen = selectionOf(engine, known, filters);
  const problems = await problemsPage(engine, store, view, known, {
    offset: 0,
    limit: problemsLimit,
  });
  const freshness = engine.freshness();
  return {
    counts: chosen.counts,
    total: chosen.entities.length,
    impacted: chosen.impacted,
    entities: chosen.entities.slice(page.offset, page.offset + page.limit),
    ...page,
    facets: chosen.extra ?? known.facets,
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
  return problemsPage(
    engine,
    store,
    view,
    summaryIndexOf(engine).forView(view),
    page,
  );
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
  const known = summaryIndexOf(engine).forView(view);
  const chosen = selectionOf(engine, known, filters);
  const { entities } = chosen;
  if (grouping === 'flat') {
    // a row per entity: only the page's are made
    return {
      rows: buildSummaryRows(
        entities.slice(page.offset, page.offset + page.limit),
        grouping,
        collapsed,
      ),
      total: entities.length,
      entities: entities.length,
      ...page,
    };
  }
  const rows = known.memo(
    `rows ${JSON.stringify([filters, grouping, [...collapsed].sort()])}`,
    () => buildSummaryRows(entities, grouping, collapsed),
  );
  return {
    rows: rows.slice(page.offset, page.offset + page.limit),
    total: rows.length,
    entities: entities.length,
    ...page,
  };
}
