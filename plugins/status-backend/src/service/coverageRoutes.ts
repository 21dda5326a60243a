import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  COVERAGE_LIMITS,
  StatusCoverage,
  statusMappingWritePermission,
} from '@status-layer/plugin-status-common';
import express from 'express';
import { z } from 'zod';
import { describeCoverage, PortalMapping } from './coverage';
import { StatusRouteContext } from './visibleEntity';
import { parseQuery } from './parseQuery';

const { defaultLimit, maxLimit } = COVERAGE_LIMITS.components;

// every value bounded before anything reads it
const coverageQuery = z
  .object({
    q: z.string().max(200).optional(),
    domain: z.string().max(300).optional(),
    system: z.string().max(300).optional(),
    owner: z.string().max(300).optional(),
    monitored: z.enum(['yes', 'no']).optional(),
    lifecycle: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

/** What the coverage route needs besides the read routes' context. */
export type CoverageRouteOptions = StatusRouteContext & {
  permissions: PermissionsService;
  /**
   * The mapping routes' options, whose store holds the mappings made in the
   * portal; without them every mapping is taken for the YAML's.
   */
  mappings?: { mappings: { list(): Promise<PortalMapping[]> } };
};

/**
 * `GET /coverage`: which components are monitored and what would make the
 * rest so, for SREs, over the entities the caller may read (status admins
 * read everything), with whether the caller may map services in the
 * portal.
 */
export function addCoverageRoutes(
  router: express.Router,
  options: CoverageRouteOptions,
) {
  const { httpAuth, access, store, requireEngine, permissions } = options;
  router.get('/coverage', async (req, res) => {
    // who is asking first: a caller without credentials learns nothing
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const parsed = parseQuery(coverageQuery, req.query);
    const engine = requireEngine();
    const [view, [decision], services, mappings] = await Promise.all([
      access.of(credentials),
      permissions.authorize([{ permission: statusMappingWritePermission }], {
        credentials,
      }),
      store.listServices(),
      options.mappings?.mappings.list() ?? [],
    ]);
    const answer: StatusCoverage = describeCoverage({
      engine,
      services,
      view,
      mappings,
      canMap: decision.result === AuthorizeResult.ALLOW,
      query: parsed,
    });
    res.json(answer);
  });
}
