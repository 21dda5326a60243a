import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseStatusStore } from './database';
import { readDemoMode } from './demoMode';
import { readPagerDutyConnection } from './pagerDutyConnection';
import { createRouter } from './service/router';
import { StatusEngine } from './engine/StatusEngine';
import { readHealthRules } from './engine/readHealthRules';
import { PagerDutySync } from './pagerduty/PagerDutySync';
import { PagerDutyRestClient } from './pagerduty/PagerDutyRestClient';
import {
  AlertSource,
  statusAlertSourcesExtensionPoint,
} from '@internal/plugin-status-node';
import { BUILT_IN_ALERT_SOURCES } from './alerts/sources';
import {
  createWebhookRouter,
  readAlertSourceSecrets,
} from './alerts/createWebhookRouter';
import { coalesce } from './alerts/coalesce';
import { readAlertLimits } from './alerts/alertLimits';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { followReplicas } from './engine/replicas';
import { pruneHistory, readRetention } from './database/retention';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import Router from 'express-promise-router';
import { LivePush } from './service/livePush';
import { createPagerDutyWebhookRouter } from './pagerduty/webhooks/createPagerDutyWebhookRouter';
import { PagerDutyWebhookProcessor } from './pagerduty/webhooks/PagerDutyWebhookProcessor';
import {
  readConfiguredWebhookSecrets,
  webhookSecretsProvider,
} from './pagerduty/webhooks/webhookSecrets';
import { SecretRedactor } from './service/redaction';
import { WebhookSecretVault } from './pagerduty/webhooks/WebhookSecretVault';
import { CallerAccess } from './service/CallerAccess';
import { createLiveChannels } from './service/liveChannels';
import { statusPermissions } from '@internal/plugin-status-common';
import { subscribeToWebhooks } from './pagerduty/webhooks/subscribeToWebhooks';

/**
 * The status backend plugin: entity health from PagerDuty and monitoring tools,
 * served at `/api/status`.
 *
 * @public
 */
export const statusPlugin = createBackendPlugin({
  pluginId: 'status',
  register(env) {
    const addedSources: AlertSource[] = [];
    env.registerExtensionPoint(statusAlertSourcesExtensionPoint, {
      addAlertSource(...sources) {
        addedSources.push(...sources);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        httpRouter: coreServices.httpRouter,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        events: eventsServiceRef,
      },
      async init({
        config,
        logger: pluginLogger,
        database,
        scheduler,
        auth,
        httpAuth,
        permissions,
        permissionsRegistry,
        httpRouter,
        discovery,
        catalog,
        signals,
        events,
      }) {
        // every line this plugin logs goes through the redactor, which
        // learns each secret as soon as it is read
        const redactor = new SecretRedactor();
        const logger = redactor.logger(pluginLogger);
        redactor.add(
          config.getOptionalString('status.encryptionKey'),
          config.getOptionalString('status.demo.simulator.apiToken'),
          ...readConfiguredWebhookSecrets(config).map(s => s.secret),
        );
        const store = await DatabaseStatusStore.create({ database });
        permissionsRegistry.addPermissions(statusPermissions);
        const access = new CallerAccess(catalog, permissions);
        const liveChannelOf = await createLiveChannels(store);
        let engine: StatusEngine | undefined;
        const livePush = new LivePush(signals, logger, {
          channelOf: liveChannelOf,
          shownBy: ref => engine?.impactedBy(ref) ?? [],
        });
        const demo = readDemoMode(config);
        if (!demo.enabled && demo.refusal) logger.error(demo.refusal);
        if (
          config.getOptional('status.demo.simulator.enabled') !== undefined &&
          config.getOptional('status.demo.enabled') === undefined
        )
          logger.warn(
            'status.demo.simulator.enabled is no longer read: the demo needs status.demo.enabled: true',
          );
        const pagerDuty = readPagerDutyConnection(config, demo);
        redactor.add(...pagerDuty.accounts.map(a => a.apiToken));
        if (pagerDuty.mode === 'unconfigured') {
          const message =
            'PagerDuty is off: no status.pagerDuty.apiToken is configured and the demo is off';
          if (demo.enabled === false && demo.refusal) logger.error(message);
          else logger.info(message);
        } else if (pagerDuty.mode === 'simulated') {
          logger.info(
            `No status.pagerDuty.apiToken configured: reading the demo's PagerDuty simulator at ${pagerDuty.accounts[0].apiBaseUrl}`,
          );
        } else {
          logger.info(
            `Reading PagerDuty account(s): ${pagerDuty.accounts
              .map(a => `${a.name} (${a.apiBaseUrl})`)
              .join(', ')}`,
          );
        }
        const vault = new WebhookSecretVault(
          store,
          logger,
          config.getOptionalString('status.encryptionKey'),
          secret => redactor.add(secret),
        );
        await vault.migratePlainText(pagerDuty.accounts.map(a => a.name));
        const alertSources = [...BUILT_IN_ALERT_SOURCES, ...addedSources];
        const alertLimits = readAlertLimits(config, alertSources);
        // new signals: refresh the engine, then tell open pages, so that what
        // they read again is already current
        let toPush: Set<string> | 'everything' = new Set();
        const refreshThenPush = coalesce(async () => {
          const refs = toPush;
          toPush = new Set();
          if (engine?.ready)
            await engine
              .refreshSignals()
              .catch(error =>
                logger.warn(
                  `Refreshing levels after new signals failed: ${error}`,
                ),
              );
          if (refs === 'everything') livePush.changed();
          else if (refs.size) livePush.changed(refs);
        }, 100);
        const pushAfterRefresh = (refs?: Iterable<string>) => {
          if (!refs) toPush = 'everything';
          else if (toPush !== 'everything') for (const r of refs) toPush.add(r);
          refreshThenPush();
        };
        // other replicas' level changes are pushed by their own engines
        const replicas = await followReplicas({
          events,
          logger,
          onSignalsChanged: () => pushAfterRefresh([]),
        });
        const webhookProcessor = new PagerDutyWebhookProcessor({
          store,
          logger: logger.child({ task: 'pagerduty-webhooks' }),
          onChanged: async () => {
            // incident changes that move no level still change what pages show
            pushAfterRefresh();
            replicas.announce();
          },
        });
        const alertSecrets = readAlertSourceSecrets(config, {
          demoSourceIds:
            pagerDuty.mode === 'simulated'
              ? alertSources.map(s => s.id)
              : undefined,
        });
        redactor.add(...alertSecrets.values());
        const sourcesOff = alertSources.filter(s => !alertSecrets.has(s.id));
        if (!demo.enabled && demo.refusal) {
          for (const source of sourcesOff)
            logger.error(
              `Alerts from ${source.title} are off: status.alerts.sources.${source.id}.secret is not set and the demo secret is refused`,
            );
        } else if (sourcesOff.length) {
          logger.info(
            `Alert sources without a secret, so off: ${sourcesOff
              .map(s => s.id)
              .join(', ')} (set status.alerts.sources.<id>.secret)`,
          );
        }
        // the engine runs when anything can send signals: PagerDuty, or a monitoring tool
        if (pagerDuty.mode !== 'unconfigured' || alertSecrets.size > 0) {
          // each account has its own token, rate limit and so its own budget
          const clients = new Map(
            pagerDuty.accounts.map(account => [
              account.name,
              new PagerDutyRestClient({
                apiBaseUrl: account.apiBaseUrl,
                apiToken: account.apiToken,
                tokenType: account.tokenType,
                logger: logger.child({ pagerDutyAccount: account.name }),
                requestsPerMinute: account.requestsPerMinute,
              }),
            ]),
          );
          const syncIntervalSeconds =
            config.getOptionalNumber('status.pagerDuty.syncIntervalSeconds') ??
            60;
          const syncs = [...clients].map(
            ([account, client]) =>
              new PagerDutySync({
                account,
                client,
                store,
                logger,
                maxRequestsPerSync: config.getOptionalNumber(
                  'status.pagerDuty.maxRequestsPerSync',
                ),
              }),
          );
          if (pagerDuty.mode !== 'unconfigured')
            await subscribeToWebhooks({
              config,
              mode: pagerDuty.mode,
              clients,
              store,
              vault,
              logger,
              discovery,
              scheduler,
            });
          const statusEngine = new StatusEngine({
            catalog,
            auth,
            store,
            logger,
            accounts: pagerDuty.accounts.map(a => a.name),
            rules: readHealthRules(config),
            syncIntervalMs: syncIntervalSeconds * 1000,
            staleAfterMissedSyncs: config.getOptionalNumber(
              'status.pagerDuty.staleAfterMissedSyncs',
            ),
            alertSourceTitles: new Map(alertSources.map(a => [a.id, a.title])),
            alertStaleAfterMs: alertLimits.staleAfterMs,
            onChanges: changes => livePush.changed(changes.map(c => c.ref)),
            // who may read what can change with the catalog
            onCatalogRead: () => access.clear(),
          });
          engine = statusEngine;
          // One replica reads PagerDuty; every replica keeps its graph current from the store.
          if (syncs.length)
            await scheduler.scheduleTask({
              id: 'status-pagerduty-sync',
              scope: 'global',
              frequency: { seconds: syncIntervalSeconds },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 3 },
              fn: async abortSignal => {
                // one failing account (logged and marked stale by its sync) never holds up the others
                const results = await Promise.allSettled(
                  syncs.map(sync => sync.syncOnce(abortSignal)),
                );
                if (statusEngine.ready) await statusEngine.refreshSignals();
                // incident changes a webhook missed still reach open pages
                if (
                  results.some(
                    r => r.status === 'fulfilled' && r.value.incidentsChanged,
                  )
                )
                  livePush.changed();
                if (results.every(r => r.status === 'rejected')) {
                  throw new Error('No PagerDuty account could be synchronised');
                }
              },
            });
          await scheduler.scheduleTask({
            id: 'status-catalog',
            scope: 'local',
            // the catalog may still be ingesting at start-up: re-read it every minute
            frequency: { minutes: 1 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 5 },
            fn: () => statusEngine.refreshCatalog(),
          });
          await scheduler.scheduleTask({
            id: 'status-signals',
            scope: 'local',
            frequency: { seconds: 15 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 5 },
            fn: async () => {
              // webhook events a crash or restart left unprocessed
              await webhookProcessor.processPending();
              // right after start-up the catalog is still ingesting: follow it closely
              if (statusEngine.catalogSettling)
                await statusEngine.refreshCatalog();
              else await statusEngine.refreshSignals();
            },
          });
        }
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
                    logger.warn(
                      `Processing PagerDuty webhooks failed: ${error}`,
                    ),
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
              pushAfterRefresh(
                engine
                  ? alerts.flatMap(a => engine!.matchAlert(a).entityRefs)
                  : undefined,
              );
              replicas.announce();
            },
          }),
        );
        // firing alerts their tool stopped re-sending have ended, unseen
        await scheduler.scheduleTask({
          id: 'status-alert-expiry',
          scope: 'global',
          frequency: { minutes: 5 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const now = new Date();
            for (const source of alertSources) {
              const after = alertLimits.expireAfterMs(source.id);
              if (after === undefined) continue;
              const expired = await store.alerts.expireFiring(
                source.id,
                new Date(now.getTime() - after),
                now,
              );
              if (expired) {
                logger.info(
                  `Resolved ${expired} firing ${
                    source.title
                  } alerts not sent again for ${Math.round(
                    after / 60_000,
                  )} minutes`,
                );
                pushAfterRefresh();
                replicas.announce();
              }
            }
          },
        });
        const retention = readRetention(config);
        await scheduler.scheduleTask({
          id: 'status-retention',
          scope: 'global',
          frequency: { hours: 6 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 5 },
          fn: async () => {
            const pruned = await pruneHistory(store, retention);
            if (pruned.alerts || pruned.webhookEvents)
              logger.info(
                `Pruned ${pruned.alerts} resolved alerts and ${pruned.webhookEvents} processed PagerDuty webhook events`,
              );
          },
        });
        // monitoring tools cannot sign in to Backstage; each source authenticates itself
        httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
        httpRouter.use(
          await createRouter({
            webhooks,
            engine,
            httpAuth,
            logger,
            catalog,
            permissions,
            access,
            liveChannelOf,
            store,
            pagerDutyMode: pagerDuty.mode,
            alertSources: alertSources.map(source => ({
              id: source.id,
              title: source.title,
              enabled: alertSecrets.has(source.id),
            })),
          }),
        );
      },
    });
  },
});
