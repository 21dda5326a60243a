import {
  buildSummaryRows,
  countSummaryLevels,
  compareLevels,
  hasSummaryLevel,
  matchesSummaryQuery,
  StatusPageQuery,
  StatusSummary,
  StatusSummaryQuery,
  summaryFacets,
} from '@status-layer/plugin-status-common';
import { StatusApi, StatusSummaryRowsQuery } from '../api';
import { aSummary } from './summary';

/**
 * The summary routes of a status backend over a fixed summary, in memory:
 * the same filters, grouping and paging as the backend (from `-common`), with
 * `within` read as "owned by these groups, or the root cause of what they
 * own" (the fixture has no graph). Each method is a jest mock, to assert on
 * what the views ask.
 */
export function pagedStatusApi(whole: StatusSummary = aSummary()): Pick<
  StatusApi,
  'getSummary' | 'getSummaryRows' | 'getProblems'
> & {
  getSummary: jest.Mock;
  getSummaryRows: jest.Mock;
  getProblems: jest.Mock;
} {
  const select = (query: StatusSummaryQuery = {}) => {
    let scope = whole.entities;
    if (query.within?.length) {
      const owned = scope.filter(e => query.within!.includes(e.owner ?? ''));
      const causes = new Set(owned.map(e => e.rootCause));
      scope = scope.filter(e => owned.includes(e) || causes.has(e.entityRef));
    }
    const selected = scope
      .filter(e => matchesSummaryQuery(e, query))
      .filter(e => hasSummaryLevel(e, query.level))
      .sort(
        (a, b) =>
          compareLevels(b.effective, a.effective) ||
          a.entityRef.localeCompare(b.entityRef),
      );
    return { scope, selected };
  };
  const page = (p: StatusPageQuery | undefined, defaultLimit: number) => ({
    offset: p?.offset ?? 0,
    limit: p?.limit ?? defaultLimit,
  });
  return {
    getSummary: jest.fn(
      async (query?: StatusSummaryQuery, p?: StatusPageQuery) => {
        const { scope, selected } = select(query);
        const { offset, limit } = page(p, 50);
        return {
          ...whole,
          counts: countSummaryLevels(selected),
          total: selected.length,
          impacted: selected.filter(e => e.inherited !== 'operational').length,
          entities: selected.slice(offset, offset + limit),
          offset,
          limit,
          facets: summaryFacets(scope),
          problems: whole.problems.slice(0, 20),
          problemsTotal: whole.problems.length,
        };
      },
    ),
    getSummaryRows: jest.fn(
      async (query: StatusSummaryRowsQuery, p?: StatusPageQuery) => {
        const { grouping, collapsed, ...filters } = query;
        const { selected } = select(filters);
        const rows = buildSummaryRows(selected, grouping, new Set(collapsed));
        const { offset, limit } = page(p, 200);
        return {
          rows: rows.slice(offset, offset + limit),
          total: rows.length,
          entities: selected.length,
          offset,
          limit,
        };
      },
    ),
    getProblems: jest.fn(async (p?: StatusPageQuery) => {
      const { offset, limit } = page(p, 20);
      return {
        problems: whole.problems.slice(offset, offset + limit),
        total: whole.problems.length,
        offset,
        limit,
      };
    }),
  };
}
