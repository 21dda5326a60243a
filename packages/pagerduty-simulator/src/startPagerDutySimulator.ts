import express, { Response } from 'express';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { createControlRouter } from './control/controlRouter';
import { ScenarioRunner } from './control/scenarios';
import { Random } from './random';
import {
  Faults,
  injectFaults,
  noFaults,
  rateLimit,
  requireScope,
  requireToken,
} from './rest/guards';
import { OAuthApps, SimulatedOAuthOptions } from './oauth/OAuthApps';
import { createOAuthRouter } from './oauth/oauthRouter';
import { answerErrors, createRestRouter } from './rest/restRouter';
import { createAnalyticsRouter } from './rest/analyticsRouter';
import { createChangeEventRouter } from './rest/changeEventRouter';
import { createIncidentUpdatesRouter } from './rest/incidentUpdatesRouter';
import { createEventsV2Router } from './events/eventsV2Router';
import { enforceContract, RefusedRequest } from './openapi/enforceContract';
import { StatusPageDefinition } from './statusPages';
import { PagerDutyOpenApi } from './openapi/PagerDutyOpenApi';
import { Shapes } from './rest/shapes';
import { CatalogSeed, readCatalogSeed } from './seed/readCatalog';
import { seedAccount } from './seed/seedAccount';
import { AccountState } from './state';
import { createWebPages } from './webPages';
import { createTeamsControlRouter } from './teams/teamsControlRouter';
import { createTeamsRouter } from './teams/teamsRouter';
import { createTeamsWebPage } from './teams/teamsWebPage';
import { TeamsWorkflows } from './teams/TeamsWorkflows';
import {
  WebhookDeliveryOptions,
  WebhookDispatcher,
  defaultDeliveryOptions,
} from './webhooks/WebhookDispatcher';

/**
 * Options of {@link startPagerDutySimulator}.
 *
 * @public
 */
export type PagerDutySimulatorOptions = {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** Seed of everything generated: IDs, teams' rotations, incident history. */
  seed?: number;
  /** A catalog Location or entity file to seed from (default: examples/catalog.yaml above the working directory). */
  catalogFile?: string;
  /** Or the catalog content itself. */
  catalog?: CatalogSeed;
  /** Service IDs the catalog names that the account must not have (to demo a misconfigured entity). */
  missingServiceIds?: string[];
  /** Accepted REST API keys (`Authorization: Token token=<key>`) and OAuth tokens (`Authorization: Bearer <token>`). */
  apiTokens?: string[];
  /** Requests per token per minute before 429 (PagerDuty's default is 960). */
  rateLimitPerMinute?: number;
  /**
   * Scoped OAuth apps: the token endpoint (`POST /oauth/token`) issues their
   * tokens, and each REST operation asks for its scope.
   */
  oauth?: SimulatedOAuthOptions;
  /** Days of resolved incident history (90 by default). */
  historyDays?: number;
  /** Status pages of the account (none by default), their IDs derived from their names. */
  statusPages?: StatusPageDefinition[];
  /**
   * Simulated Microsoft Teams workflow webhooks: any workflow name takes
   * posts at `/teams/workflows/{name}/invoke?sig=<signature>` (default
   * signature `simulator-signature`).
   */
  teams?: { signature?: string };
  /** A scenario to start with, optionally held in its worst state and backdated. */
  scenario?: { name: string; hold?: boolean; startedSecondsAgo?: number };
  /** Speeds up scenario timelines in tests (0.01 runs them 100 times faster). */
  timeScale?: number;
  /** How webhook deliveries are retried. */
  webhookDelivery?: Partial<WebhookDeliveryOptions>;
  /** The simulator's own URL as clients see it, for `self` links (default: where it listens). */
  publicUrl?: string;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** Where the simulator's own messages go. */
  log?: (message: string) => void;
};

/**
 * A running simulator.
 *
 * @public
 */
export type PagerDutySimulator = {
  /** Base URL of the REST API, e.g. `http://127.0.0.1:7008`. */
  url: string;
  port: number;
  state: AccountState;
  webhooks: WebhookDispatcher;
  scenarios: ScenarioRunner;
  faults: Faults;
  /** The account's Scoped OAuth apps and their tokens (revoke, change scopes, expire). */
  oauth: OAuthApps;
  /** The simulated Teams workflows and the cards they took. */
  teams: TeamsWorkflows;
  /** REST API requests received (all answers, 429 and faults included), for tests and benchmarks. */
  readonly requestCount: number;
  /** The last 100 requests refused for breaking PagerDuty's contract or lacking an OAuth scope, with why. */
  readonly refusedRequests: RefusedRequest[];
  /** Every operation requests reached, e.g. `GET /incidents/{id}`. */
  readonly operationsRequested: Set<string>;
  close(): Promise<void>;
};

/** The demo catalog: examples/catalog.yaml in the nearest folder above the working directory that has one. */
function findDemoCatalog(): string {
  let dir = process.cwd();
  for (;;) {
    const candidate = path.join(dir, 'examples', 'catalog.yaml');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `No examples/catalog.yaml above ${process.cwd()}; pass catalogFile or catalog`,
      );
    }
    dir = parent;
  }
}

/**
 * Starts a PagerDuty simulator: PagerDuty's REST API v2 for the endpoints the
 * status backend uses, the Events API v2 under `/v2`, v3 webhooks, fault injection, and a control API under
 * `/_control` for scenarios.
 *
 * @public
 */
export async function startPagerDutySimulator(
  options: PagerDutySimulatorOptions = {},
): Promise<PagerDutySimulator> {
  const seed = options.seed ?? 42;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const state = new AccountState(new Random(seed ^ 0x5bd1e995), now);
  const catalog =
    options.catalog ??
    readCatalogSeed(options.catalogFile ?? findDemoCatalog());
  seedAccount(state, catalog, {
    seed,
    historyDays: options.historyDays,
    missingServiceIds: options.missingServiceIds,
  });
  for (const page of options.statusPages ?? []) state.statusPages.add(page);

  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () =>
      resolve(),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const url =
    options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${port}`;
  const shapes = new Shapes(state, { api: url, web: `${url}/web` });

  let faults = noFaults();
  const hanging = new Set<Response>();
  const webhooks = new WebhookDispatcher(state, shapes, {
    delivery: { ...defaultDeliveryOptions, ...options.webhookDelivery },
    delayMs: () => faults.webhookDelayMs,
    log,
  });
  const scenarios = new ScenarioRunner(state, {
    timeScale: options.timeScale ?? 1,
    log,
  });
  const faultRandom = new Random(seed + 1);

  const teams = new TeamsWorkflows(
    options.teams?.signature ?? 'simulator-signature',
  );
  app.use('/_control/teams', createTeamsControlRouter(teams));
  app.use(
    '/_control',
    createControlRouter({
      state,
      shapes,
      faults: { get: () => faults, set: next => (faults = next) },
      scenarios,
      webhooks,
    }),
  );
  app.use('/web/teams', createTeamsWebPage(teams));
  app.use('/web', createWebPages(state));
  app.use('/teams', createTeamsRouter({ workflows: teams, now, log }));
  const oauth = new OAuthApps(options.oauth, now);
  app.use(createOAuthRouter({ apps: oauth, log }));
  let requestCount = 0;
  const refusedRequests: RefusedRequest[] = [];
  const operationsRequested = new Set<string>();
  const refuse = (refusal: RefusedRequest) => {
    refusedRequests.push(refusal);
    if (refusedRequests.length > 100) refusedRequests.shift();
    log(
      `refused ${refusal.method} ${refusal.path}: ${refusal.problems.join(
        '; ',
      )}`,
    );
  };
  // the Events API v2, as events.pagerduty.com/v2 serves it: no API key
  app.use(
    '/v2',
    createEventsV2Router({
      state,
      now,
      onRefused: refuse,
      onOperation: operation => operationsRequested.add(operation),
    }),
  );
  const contract = enforceContract({
    contract: PagerDutyOpenApi.rest(),
    log,
    onRefused: refusal => refuse(refusal),
    onOperation: operation => operationsRequested.add(operation),
  });
  app.use(
    (_req, _res, next) => {
      requestCount += 1;
      next();
    },
    contract.checkResponses,
    express.json({ limit: '1mb', type: () => true }),
    requireToken(new Set(options.apiTokens ?? ['simulator-token']), token =>
      oauth.scopesOf(token),
    ),
    requireScope(
      res =>
        res.locals.operation
          ? PagerDutyOpenApi.rest().requiredScope(res.locals.operation)
          : undefined,
      (req, scope) =>
        refuse({
          method: req.method,
          path: req.originalUrl,
          problems: [`the OAuth token lacks the scope ${scope}`],
        }),
    ),
    rateLimit({
      perMinute: () =>
        faults.rateLimitPerMinute ?? options.rateLimitPerMinute ?? 960,
      now: () => now().getTime(),
    }),
    contract.checkRequests,
    injectFaults({
      faults: () => faults,
      random: faultRandom,
      now,
      onHang: res => {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
      },
    }),
    createRestRouter({
      state,
      shapes,
      faults: () => faults,
      createWebhookSubscription: input => {
        const subscription = webhooks.subscribe({
          url: input.delivery_method.url,
          events: input.events,
          filter: input.filter,
          description: input.description,
          customHeaders: input.delivery_method.custom_headers,
          active: input.active,
        });
        return shapes.webhookSubscription(subscription, true);
      },
      enableWebhookSubscription: id => webhooks.enable(id),
    }),
    createChangeEventRouter({ state, shapes, faults: () => faults }),
    createAnalyticsRouter({ state }),
    createIncidentUpdatesRouter({ state, shapes }),
  );
  app.use(answerErrors);

  if (options.scenario) {
    scenarios.start(options.scenario.name, options.scenario);
  }
  log(
    `PagerDuty simulator on ${url}: ${state.services.size} services, ${state.incidents.size} incidents`,
  );

  return {
    url,
    port,
    state,
    webhooks,
    scenarios,
    oauth,
    teams,
    get faults() {
      return faults;
    },
    get requestCount() {
      return requestCount;
    },
    refusedRequests,
    operationsRequested,
    async close() {
      scenarios.cancel();
      webhooks.close();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
