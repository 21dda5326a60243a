import {
  buildSummaryRows,
  countSummaryLevels,
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

/** The entities the filters select in the scope, worst first (as the scope is). */
function selected(
  engine: StatusEngine,
  inScope: StatusSummaryEntity[],
  filters: SummaryFilters,
): StatusSummaryEntity[] {
  let result = inScope.filter(summaryQueryMatcher(filters));
  if (filters.withUpstreams) {
    const closure = upstreamClosure(
      engine,
      result.map(e => e.entityRef),
    );
    result = inScope.filter(e => closure.has(e.entityRef));
  }
  return filters.level?.length
    ? result.filter(e => hasSummaryLevel(e, filters.level))
    : result;
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
      const impacted = known.memo(`impacted ${p.entityRef}`, () =>
        summaryIndexOf(engine).worstFirst(p.impacted, IMPACTED_LISTED),
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
  const { inScope, entities, counts, impacted } = known.memo(
    `summary ${JSON.stringify(filters)}`,
    () => {
      const scope = scoped(engine, known.entities, filters.within);
      const chosen = selected(engine, scope, filters);
      return {
        inScope: scope,
        entities: chosen,
        counts: countSummaryLevels(chosen),
        impacted: chosen.filter(e => e.inherited !== 'operational').length,
      };
    },
  );
  const problems = await problemsPage(engine, store, view, known, {
    offset: 0,
    limit: problemsLimit,
  });
  const freshness = engine.freshness();
  return {
    counts,
    total: entities.length,
    impacted,
    entities: entities.slice(page.offset, page.offset + page.limit),
    ...page,
    facets: filters.within?.length ? summaryFacets(inScope) : known.facets,
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
  const { entities, rows } = known.memo(
    `rows ${JSON.stringify([filters, grouping, [...collapsed].sort()])}`,
    () => {
      const chosen = selected(
        engine,
        scoped(engine, known.entities, filters.within),
        filters,
      );
      return {
        entities: chosen,
        rows: buildSummaryRows(chosen, grouping, collapsed),
      };
    },
  );
  return {
    rows: rows.slice(page.offset, page.offset + page.limit),
    total: rows.length,
    entities: entities.length,
    ...page,
  };
}
