import {
  AuditorService,
  AuthService,
  DatabaseService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import express from 'express';
import Router from 'express-promise-router';
import { createWebhookRouter } from '../alerts/createWebhookRouter';
import { alertMatchersOf } from '../alerts/sources';
import { DatabaseServiceMappingStore, DatabaseStatusStore } from '../database';
import { DatabaseServiceDependencyStore } from '../database/DatabaseServiceDependencyStore';
import { PagerDutyDependencies } from '../engine/pagerDutyDependencies';
import { followReplicas } from '../engine/replicas';
import { StatusEngine } from '../engine/StatusEngine';
import {
  PagerDutyRestClient,
  PagerDutyRestClientOptions,
} from '../pagerduty/PagerDutyRestClient';
import { PagerDutySync } from '../pagerduty/PagerDutySync';
import { ClientCredentialsAuthorization } from '../pagerduty/auth/ClientCredentialsAuthorization';
import { PAGERDUTY_OAUTH_SCOPES } from '../pagerduty/auth/scopes';
import { EventsV2Sender } from '../pagerduty/EventsV2Sender';
import { createPagerDutyWebhookRouter } from '../pagerduty/webhooks/createPagerDutyWebhookRouter';
import { PagerDutyWebhookProcessor } from '../pagerduty/webhooks/PagerDutyWebhookProcessor';
import { subscribeToWebhooks } from '../pagerduty/webhooks/subscribeToWebhooks';
import { webhookSecretsProvider } from '../pagerduty/webhooks/webhookSecrets';
import { WebhookSecretVault } from '../pagerduty/webhooks/WebhookSecretVault';
import { CallerAccess } from '../service/CallerAccess';
import { createLiveChannels } from '../service/liveChannels';
import { LivePush } from '../service/livePush';
import { SecretRedactor } from '../lib/redaction';
import { createRouter } from '../service/router';
import { UpstreamNotifier } from '../notifications/UpstreamNotifier';
import { BudgetNotifier } from '../notifications/BudgetNotifier';
import { BudgetRefresher } from '../service/BudgetRefresher';
import { StatusPagePublisher } from '../publishing/StatusPagePublisher';
import { UserViews } from '../notifications/UserViews';
import { LiveRefresh } from './LiveRefresh';
import { followCatalogChange } from './followCatalogChange';
import { loggingAuditor } from './loggingAuditor';
import { StatusConfig } from './readStatusConfig';

/** What the parts are built from: the plugin's services. */
export type StatusDependencies = {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  discovery: DiscoveryService;
  catalog: CatalogService;
  signals: SignalsService;
  events: EventsService;
  notifications: NotificationService;
  /** Records who changed what (service mappings); the logger when absent. */
  auditor?: AuditorService;
  /** The teams a user belongs to (who may link a postmortem); the catalog's memberships when absent. */
  userInfo?: UserInfoService;
};

/**
 * Builds every part of the status backend from its services and config: the
 * store, PagerDuty's clients and syncs, the engine (when anything can send
 * signals), the webhook receivers, live pushing and the API router. The
 * plugin schedules the parts' tasks and mounts the router; tests build the
 * same parts, so they run the wiring production runs.
 */
export async function createStatusParts(
  deps: StatusDependencies,
  status: StatusConfig,
  options: {
    now?: () => Date;
    /** Client settings config does not expose (retries, backoff), for tests. */
    clientOptions?: Partial<PagerDutyRestClientOptions>;
  } = {},
) {
  const { config, catalog, permissions } = deps;
  // every line the plugin logs goes through the redactor, which learns each
  // secret as soon as it is read
  const redactor = new SecretRedactor();
  redactor.add(...status.secrets);
  const logger = redactor.logger(deps.logger);

  const store = await DatabaseStatusStore.create({ database: deps.database });
  // PagerDuty's service graph: read unless off, used in levels only with `use`
  const dependencyGraph =
    status.pagerDutyDependencies === 'off'
      ? undefined
      : {
          store: await DatabaseServiceDependencyStore.create({
            database: deps.database,
          }),
        };
  const mappings = await DatabaseServiceMappingStore.create({
    database: deps.database,
  });
  let engine: StatusEngine | undefined;
  const userViews = new UserViews({
    store,
    catalog: () =>
      engine?.ready
        ? {
            refs: [...engine.allEntities()].map(e => e.ref),
            generation: engine.catalogGeneration,
          }
        : undefined,
    logger,
    now: options.now,
  });
  const access = new CallerAccess(catalog, permissions, {
    catalogRefs: () =>
      engine?.ready
        ? { has: ref => engine!.entity(ref) !== undefined }
        : undefined,
    onUserRead: (user, readable) => userViews.seen(user, readable),
  });
  const liveChannelOf = await createLiveChannels(store);
  const livePush = new LivePush(deps.signals, logger, {
    channelOf: liveChannelOf,
    shownBy: ref => engine?.impactedSetOf(ref) ?? [],
  });
  const liveRefresh = new LiveRefresh({
    engine: () => engine,
    livePush,
    logger,
  });
  const { pagerDuty, alertSources, alertSecrets, alertLimits } = status;
  const alertMatchers = alertMatchersOf(alertSources);

  const vault = new WebhookSecretVault(
    store,
    logger,
    status.encryptionKey,
    secret => redactor.add(secret),
  );
  await vault.migratePlainText(pagerDuty.accounts.map(a => a.name));
  // other replicas' level changes are pushed by their own engines
  const replicas = await followReplicas({
    events: deps.events,
    logger,
    onSignalsChanged: () => liveRefresh.refreshOnly(),
  });
  const webhookProcessor = new PagerDutyWebhookProcessor({
    store,
    logger: logger.child({ task: 'pagerduty-webhooks' }),
    onChanged: async services => {
      // incident changes that move no level still change what the pages of
      // their service's entities (and of the dependents they impact) show
      liveRefresh.changed(
        engine && services.every(s => s.serviceId)
          ? services.flatMap(s =>
              engine!.entitiesOfService(s.account, s.serviceId!),
            )
          : undefined,
      );
      replicas.announce();
    },
  });

  // each account has its own token, rate limit and so its own budget
  const clients = new Map(
    pagerDuty.accounts.map(account => [
      account.name,
      new PagerDutyRestClient({
        apiBaseUrl: account.apiBaseUrl,
        apiToken: account.apiToken,
        tokenType: account.tokenType,
        authorization: account.oauth
          ? new ClientCredentialsAuthorization({
              app: account.oauth,
              scopes: PAGERDUTY_OAUTH_SCOPES,
              logger: logger.child({ pagerDutyAccount: account.name }),
              onSecret: secret => redactor.add(secret),
            })
          : undefined,
        logger: logger.child({ pagerDutyAccount: account.name }),
        requestsPerMinute: account.requestsPerMinute,
        ...options.clientOptions,
      }),
    ]),
  );
  const syncs = [...clients].map(
    ([account, client]) =>
      new PagerDutySync({
        account,
        client,
        store,
        logger,
        maxRequestsPerSync: status.maxRequestsPerSync,
        dependencies: dependencyGraph,
      }),
  );
  // the engine runs when anything can send signals: PagerDuty, or a monitoring tool
  if (pagerDuty.mode !== 'unconfigured' || alertSecrets.size > 0) {
    if (pagerDuty.mode !== 'unconfigured')
      await subscribeToWebhooks({
        config,
        mode: pagerDuty.mode,
        clients,
        store,
        vault,
        logger,
        discovery: deps.discovery,
        scheduler: deps.scheduler,
      });
    engine = new StatusEngine({
      catalog,
      auth: deps.auth,
      store,
      logger,
      accounts: pagerDuty.accounts.map(a => a.name),
      rules: status.rules,
      syncIntervalMs: status.syncIntervalSeconds * 1000,
      staleAfterMissedSyncs: status.staleAfterMissedSyncs,
      pagerDutyDependencies: new PagerDutyDependencies(
        status.pagerDutyDependencies,
        dependencyGraph?.store,
      ),
      alertSourceTitles: new Map(alertSources.map(a => [a.id, a.title])),
      alertMatchers,
      alertStaleAfterMs: alertLimits.staleAfterMs,
      onChanges: changes => livePush.changed(changes.map(c => c.ref)),
      // who may read what can change with the catalog
      onCatalogChange: () => access.clear(),
      now: options.now,
    });
  }

  const followMapping = followCatalogChange({
    catalog,
    auth: deps.auth,
    logger,
    refreshCatalog: () => engine?.refreshCatalog(),
  });
  const notifier = engine
    ? new UpstreamNotifier({
        engine,
        store,
        notifications: deps.notifications,
        logger: logger.child({ task: 'status-notifications' }),
        rules: status.notifications,
        userViews,
        now: options.now,
      })
    : undefined;
  const statusPages =
    engine && status.statusPages.length
      ? new StatusPagePublisher({
          engine,
          store,
          clients,
          rules: status.statusPages,
          logger: logger.child({ task: 'status-pages' }),
          now: options.now,
        })
      : undefined;
  const budgets =
    engine && notifier
      ? {
          refresher: new BudgetRefresher({
            engine,
            store,
            rules: status.objectives,
            logger: logger.child({ task: 'status-budgets' }),
            now: options.now,
          }),
          notifier: new BudgetNotifier({
            engine,
            store,
            notifications: deps.notifications,
            logger: logger.child({ task: 'status-budgets' }),
            rules: status.notifications,
            userViews,
            firstSeen: notifier.firstSeen,
            now: options.now,
          }),
        }
      : undefined;

  const webhooks = Router();
  webhooks.use(
    '/pagerduty',
    createPagerDutyWebhookRouter({
      secrets: webhookSecretsProvider(
        config,
        vault,
        pagerDuty.accounts.map(a => a.name),
      ),
      events: store.webhookEvents,
      redactor,
      logger: logger.child({ task: 'pagerduty-webhooks' }),
      onEvent: () =>
        setImmediate(() => {
          webhookProcessor
            .processPending()
            .catch(error =>
              logger.warn(`Processing PagerDuty webhooks failed: ${error}`),
            );
        }),
    }),
  );
  webhooks.use(
    createWebhookRouter({
      sources: () => alertSources,
      secrets: alertSecrets,
      alerts: store.alerts,
      maxFiring: alertLimits.maxFiring,
      maxRequestsPerMinute: alertLimits.maxRequestsPerMinute,
      redactor,
      recordAttempt: (source, attempt) =>
        store.recordSourceAttempt(
          source,
          attempt.ok ? { ...attempt, via: 'webhook' } : attempt,
        ),
      logger: logger.child({ task: 'alert-webhooks' }),
      onAlerts: alerts => {
        liveRefresh.changed(
          engine
            ? alerts.flatMap(a => engine!.matchAlert(a).entityRefs)
            : undefined,
        );
        replicas.announce();
      },
    }),
  );
  const router: express.Router = await createRouter({
    webhooks,
    engine,
    httpAuth: deps.httpAuth,
    logger,
    catalog,
    permissions,
    access,
    liveChannelOf,
    store,
    pagerDutyMode: pagerDuty.mode,
    alertAnnotations: [...alertMatchers.values()],
    alertSources: alertSources.map(source => ({
      id: source.id,
      title: source.title,
      enabled: alertSecrets.has(source.id),
    })),
    whenCurrent: () => liveRefresh.current(),
    publicAccess: status.publicAccess,
    redactor,
    appBaseUrl: config.getOptionalString('app.baseUrl'),
    subscriptions: {
      maxPerUser: status.notifications.maxSubscriptionsPerUser,
      notificationsEnabled: status.notifications.enabled,
    },
    auditor: deps.auditor ?? loggingAuditor(logger),
    userInfo: deps.userInfo,
    now: options.now,
    objectives: status.objectives,
    statusPages: status.statusPages.map(r => ({
      account: r.account,
      page: r.page,
    })),
    reports: {
      rules: status.reports,
      channels: {
        clients,
        events: new Map(
          pagerDuty.accounts.map(account => [
            account.name,
            new EventsV2Sender({ eventsBaseUrl: account.eventsBaseUrl }),
          ]),
        ),
      },
      onIncidentStored: async entityRefs => {
        liveRefresh.changed(entityRefs);
        replicas.announce();
        await liveRefresh.current();
      },
    },
    mappings: {
      httpAuth: deps.httpAuth,
      auth: deps.auth,
      permissions,
      catalog,
      auditor: deps.auditor ?? loggingAuditor(logger),
      events: deps.events,
      logger,
      mappings,
      accounts: pagerDuty.accounts.map(a => a.name),
      // this replica shows a new mapping as soon as the catalog applied it
      onRequested: (entityRef, serviceId) =>
        void followMapping(entityRef, serviceId),
      now: options.now,
    },
  });
  return {
    logger,
    store,
    mappings,
    engine,
    clients,
    syncs,
    webhookProcessor,
    livePush,
    liveRefresh,
    replicas,
    notifier,
    budgets,
    statusPages,
    userViews,
    router,
  };
}

/** The parts {@link createStatusParts} builds. */
export type StatusParts = Awaited<ReturnType<typeof createStatusParts>>;
