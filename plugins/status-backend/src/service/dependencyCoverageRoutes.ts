import {
  DependencyPair,
  StatusDependencyCoverage,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { z } from 'zod';
import { CallerView } from './CallerAccess';
import { getForCaller, StatusRouteContext } from './visibleEntity';
import { parseQuery } from './parseQuery';

/** Gaps of each list one answer holds at most, and by default. */
const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

const query = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  })
  .strict();

/**
 * The gaps a caller may see: only edges whose both ends they may read (an
 * edge with a hidden end is left out, not counted, so the answer never
 * tells that something hidden depends or is depended on), at most `limit`.
 */
function visibleGaps(pairs: DependencyPair[], view: CallerView, limit: number) {
  const visible = pairs.filter(
    p => view.has(p.dependent) && view.has(p.upstream),
  );
  return {
    gaps: visible
      .slice(0, limit)
      .map(p => ({ dependent: p.dependent, upstream: p.upstream })),
    cut: visible.length > limit,
  };
}

/**
 * `GET /coverage/dependencies`: where PagerDuty's service graph and the
 * catalog's dependencies disagree (see `engine/pagerDutyDependencies.ts`),
 * as far as the caller may read both ends of each edge.
 */
export function addDependencyCoverageRoutes(
  router: express.Router,
  options: StatusRouteContext,
) {
  getForCaller(
    router,
    options,
    '/coverage/dependencies',
    async (view, req, res) => {
      const { limit } = parseQuery(query, req.query);
      const differences = await options.requireEngine().dependencyDifferences();
      const pagerDutyOnly = visibleGaps(differences.pagerDutyOnly, view, limit);
      const catalogOnly = visibleGaps(differences.catalogOnly, view, limit);
      const body: StatusDependencyCoverage = {
        mode: differences.mode,
        pagerDutyOnly: pagerDutyOnly.gaps,
        catalogOnly: catalogOnly.gaps,
        truncated: pagerDutyOnly.cut || catalogOnly.cut,
      };
      res.json(body);
    },
  );
}
