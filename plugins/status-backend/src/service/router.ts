import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AlertAnnotationCheck,
  PagerDutyMode,
  readEntityStatusConfiguration,
  StatusBackendHealth,
  parsePageSearch,
  parseSummarySearch,
} from '@status-layer/plugin-status-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { StatusStore } from '../database';
import { databaseUnavailableAs503 } from '../lib/databaseUnavailable';
import { SecretRedactor } from '../lib/redaction';
import { StatusEngine } from '../engine/StatusEngine';
import { CallerAccess } from './CallerAccess';
import { describeEntityStatus } from './entityStatus';
import { addCoverageRoutes } from './coverageRoutes';
import { addIncidentFeedRoute } from './incidentFeed';
import { addIncidentTimelineRoutes } from './incidentTimelineRoutes';
import { addReportRoutes } from './reportRoutes';
import { ReportChannels } from './problemReports';
import { ReportRules } from './readReportRules';
import { ObjectiveRules } from './objectives';
import { alertForCaller, sourceProblemForCaller } from './forCaller';
import { MAX_RECENT_DAYS, recentLevels } from './history';
import { addHistoryRoutes } from './historyRoutes';
import { addLevelRoutes } from './levelRoutes';
import { addDependencyCoverageRoutes } from './dependencyCoverageRoutes';
import { addMappingRoutes, MappingRouteOptions } from './mappingRoutes';
import { addSubscriptionRoutes } from './subscriptionRoutes';
import { PublicAccess } from './publicAccess';
import { addPublicRoutes } from './publicRoutes';
import {
  callerViewReader,
  requireRollupKind,
  StatusRouteContext,
  toFullEntityRef,
  visibleEntityReader,
} from './visibleEntity';
import { describeRollup } from './rollup';
import {
  pageProblems,
  pageSummaryRows,
  SUMMARY_PAGES,
  summariseStatus,
} from './summary';
import { parseRowsSearch, readInput } from './rowsSearch';
import { parseQuery } from './parseQuery';
import { withBudgets } from './keptBudgets';
import { statusPagesHealth } from './statusPagesHealth';

/**
 * What the status router needs.
 *
 * @internal
 */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  catalog: CatalogService;
  permissions: PermissionsService;
  store: StatusStore;
  pagerDutyMode: PagerDutyMode;
  /** The external status pages kept in step, told in `GET /health`. */
  statusPages?: { account: string; page: string }[];
  /** The health engine; absent when no PagerDuty is configured. */
  engine?: StatusEngine;
  /** What each caller may see, shared with what drops it when the catalog changes. */
  access: CallerAccess;
  /** The signals channel of an entity's status. */
  liveChannelOf: (entityRef: string) => string;
  /** `POST /webhooks/<source>` for monitoring tools, mounted before the JSON parser. */
  webhooks?: express.Router;
  /** The monitoring tools' annotations and their checks, as the alert sources' matchers declare them. */
  alertAnnotations?: readonly AlertAnnotationCheck[];
  /** The monitoring tools that can send alerts, with their names for people. */
  alertSources?: { id: string; title: string; enabled: boolean }[];
  /**
   * Resolves once the news this replica has received is in its levels
   * (bounded): reads wait for it, so a browser pushed by another replica
   * reads the change it was told about.
   */
  whenCurrent?: () => Promise<void>;
  /** Badges and feeds without signing in: which entities, and the token secret. */
  publicAccess?: PublicAccess;
  /** The portal's address (`app.baseUrl`), for links in feeds. */
  appBaseUrl?: string;
  /** Takes secrets out of what is logged, URLs included. */
  redactor?: SecretRedactor;
  /** Following entities: how many a user may follow, and whether anything is sent. */
  subscriptions?: { maxPerUser: number; notificationsEnabled: boolean };
  /** PagerDuty services mapped to entities in the portal. */
  mappings?: MappingRouteOptions;
  /** Records who changed what (postmortem links). */
  auditor: AuditorService;
  /** The teams a user belongs to; the catalog's memberships when absent. */
  userInfo?: UserInfoService;
  /** Service level objectives: defaults and how maintenance counts. */
  objectives?: ObjectiveRules;
  /** Reporting problems to PagerDuty: the rules, and where reports go. */
  reports?: {
    rules: ReportRules;
    channels: ReportChannels;
    onIncidentStored?: (entityRefs: string[]) => Promise<void>;
  };
  now?: () => Date;
};

const unmatchedQuery = z.object({
  source: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const entityQuerySchema = z.object({
  entityRef: z.string().min(1, 'entityRef is required'),
});

/** `history=<days>` of the rows route: absent, or 1 to MAX_RECENT_DAYS. */
function parseHistoryDays(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const days = Number(raw);
  if (
    typeof raw !== 'string' ||
    !Number.isInteger(days) ||
    days < 1 ||
    days > MAX_RECENT_DAYS
  )
    throw new InputError(
      `history must be a number of days from 1 to ${MAX_RECENT_DAYS}`,
    );
  return days;
}

/**
 * Creates the HTTP API of the status plugin, mounted at `/api/status`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger, catalog, store, pagerDutyMode, access } = options;
  const router = Router();
  const whenCurrent = options.whenCurrent ?? (async () => {});
  const visibleEntity = visibleEntityReader(httpAuth, access);
  // webhooks read their raw body themselves (signatures, forms, a 1 MiB limit)
  if (options.webhooks) router.use('/webhooks', options.webhooks);
  router.use(express.json({ limit: '16kb' }));

  // Readiness of this plugin: its database and whether PagerDuty is set up.
  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req);
    let database: StatusBackendHealth['database'] = 'ok';
    try {
      await store.ping();
    } catch (error) {
      logger.warn('Status database did not answer the health check', {
        error: String(error),
      });
      database = 'unavailable';
    }
    const body: StatusBackendHealth = {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      pagerDutyMode,
      checkedAt: new Date().toISOString(),
    };
    if (database === 'ok' && options.statusPages?.length)
      body.statusPages = statusPagesHealth(
        options.statusPages,
        await store.listSources(),
      );
    res.status(database === 'ok' ? 200 : 503).json(body);
  });

  // How an entity is set up for status tracking; read with the caller's own
  // credentials so nobody learns about an entity they may not see.
  router.get('/entity-configuration', async (req, res) => {
    const parsed = entityQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(parsed.error.issues.map(i => i.message).join('; '));
    }
    const entityRef = toFullEntityRef(parsed.data.entityRef);
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    res.json(
      readEntityStatusConfiguration(entity, {
        alertAnnotations: options.alertAnnotations,
      }),
    );
  });

  const requireEngine = () => {
    const { engine } = options;
    if (!engine) {
      throw new ServiceUnavailableError(
        'No signal source is configured: set status.pagerDuty.apiToken or status.alerts.sources.<tool>.secret, or set status.demo.enabled for the demo',
      );
    }
    if (!engine.ready) {
      throw new ServiceUnavailableError(
        'The status engine is still reading the catalog; try again in a few seconds',
      );
    }
    return engine;
  };
  const context: StatusRouteContext = {
    httpAuth,
    access,
    store,
    requireEngine,
  };
  const viewOf = callerViewReader(httpAuth, access);

  // Counts over the selected entities, their first page, and what is broken.
  router.get('/summary', async (req, res) => {
    await whenCurrent();
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const params = req.query as Record<string, unknown>;
    const query = readInput(() => parseSummarySearch(params));
    const page = readInput(() =>
      parsePageSearch(params, SUMMARY_PAGES.entities),
    );
    const engine = requireEngine();
    const view = await access.of(credentials);
    res.json(await summariseStatus(engine, store, view, query, page));
  });

  // The "everything" list, grouped and paged here so a browser never holds
  // the whole company.
  router.get('/summary/rows', async (req, res) => {
    await whenCurrent();
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const params = req.query as Record<string, unknown>;
    const query = readInput(() => parseSummarySearch(params));
    const page = readInput(() => parsePageSearch(params, SUMMARY_PAGES.rows));
    const { grouping, collapsed } = readInput(() => parseRowsSearch(params));
    const historyDays = readInput(() => parseHistoryDays(params.history));
    const engine = requireEngine();
    const view = await access.of(credentials);
    const answer = pageSummaryRows(
      engine,
      view,
      query,
      grouping,
      collapsed,
      page,
    );
    // the budget column: the page's entities only, as last kept
    answer.rows = await withBudgets(store, view, answer.rows);
    if (historyDays) {
      // the compact history column: the page's entities only
      const recent = await recentLevels({
        entityRefs: answer.rows.flatMap(r =>
          r.type === 'entity' ? [r.entity.entityRef] : [],
        ),
        days: historyDays,
        store,
        now: new Date(),
      });
      answer.rows = answer.rows.map(r =>
        r.type === 'entity'
          ? {
              ...r,
              entity: { ...r.entity, recent: recent.get(r.entity.entityRef) },
            }
          : r,
      );
    }
    res.json(answer);
  });

  // The rest of the problems, a page at a time.
  router.get('/summary/problems', async (req, res) => {
    await whenCurrent();
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const page = readInput(() =>
      parsePageSearch(
        req.query as Record<string, unknown>,
        SUMMARY_PAGES.problems,
      ),
    );
    const engine = requireEngine();
    const view = await access.of(credentials);
    res.json(await pageProblems(engine, store, view, page));
  });

  addIncidentFeedRoute(router, context);
  addIncidentTimelineRoutes(router, {
    ...context,
    auditor: options.auditor,
    userInfo: options.userInfo,
    now: options.now,
  });
  if (options.reports)
    addReportRoutes(router, {
      ...context,
      permissions: options.permissions,
      auditor: options.auditor,
      userInfo: options.userInfo,
      ...options.reports,
      now: options.now,
    });

  // The status of one entity: levels, why, who to call, what it depends on.
  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    await whenCurrent();
    const { entityRef, view } = await visibleEntity(req);
    const engine = requireEngine();
    res.json(
      await describeEntityStatus({
        ref: entityRef,
        engine,
        store,
        view,
        liveChannel: options.liveChannelOf(entityRef),
      }),
    );
  });

  // Each monitoring tool: whether it may send, when it last did, and what is wrong.
  router.get('/alerts/sources', async (req, res) => {
    const view = await viewOf(req);
    const states = new Map(
      (await store.listSources())
        .filter(s => s.source.startsWith('alerts:'))
        .map(s => [s.source.slice('alerts:'.length), s]),
    );
    res.json({
      sources: (options.alertSources ?? []).map(source => {
        const state = states.get(source.id);
        return {
          id: source.id,
          title: source.title,
          enabled: source.enabled,
          lastReceivedAt: state?.lastSuccessAt?.toISOString() ?? null,
          // a refusal still going on (e.g. over its cap), in plain words
          problem: sourceProblemForCaller(state?.lastError ?? null, view),
          problemSince: state?.failingSince?.toISOString() ?? null,
        };
      }),
    });
  });

  // A page of the firing alerts that match no entity, with the labels they
  // carried and who they might belong to, for SREs (status.admin) to map.
  router.get('/alerts/unmatched', async (req, res) => {
    const view = await viewOf(req);
    if (!view.admin) {
      throw new NotAllowedError(
        'Unmatched alerts can name any service and team: reading them needs the status.admin permission',
      );
    }
    const parsed = parseQuery(unmatchedQuery, req.query);
    const engine = requireEngine();
    const page = engine.unmatched(parsed);
    res.json({
      ...page,
      limit: parsed.limit,
      offset: parsed.offset,
      // candidates the caller may not read are left out
      alerts: page.alerts.map(alert => alertForCaller(alert, view)),
    });
  });

  // A System's parts, a Domain's Systems or a Group's entities, worst first.
  router.get('/rollups/:kind/:namespace/:name', async (req, res) => {
    await whenCurrent();
    requireRollupKind(req);
    const { entityRef, view } = await visibleEntity(req);
    const engine = requireEngine();
    res.json(describeRollup({ ref: entityRef, engine, view }));
  });

  addHistoryRoutes(router, {
    ...context,
    objectives: options.objectives ?? {
      defaults: [],
      maintenance: 'excluded',
      burnNotifications: true,
    },
  });
  addCoverageRoutes(router, { ...context, ...options });
  addLevelRoutes(router, { ...context, whenCurrent });
  addDependencyCoverageRoutes(router, context);
  addPublicRoutes(router, {
    ...context,
    publicAccess: options.publicAccess ?? { entities: new Set() },
    appBaseUrl: options.appBaseUrl,
    redactor: options.redactor,
  });
  addSubscriptionRoutes(router, {
    ...context,
    maxPerUser: options.subscriptions?.maxPerUser ?? 200,
    notificationsEnabled: options.subscriptions?.notificationsEnabled ?? false,
  });

  if (options.mappings) addMappingRoutes(router, options.mappings);

  router.use(databaseUnavailableAs503);
  return router;
}
