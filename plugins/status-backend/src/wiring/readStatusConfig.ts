import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AlertSource } from '@status-layer/plugin-status-node';
import { AlertLimits, readAlertLimits } from '../alerts/alertLimits';
import { readAlertSourceSecrets } from '../alerts/createWebhookRouter';
import { BUILT_IN_ALERT_SOURCES } from '../alerts/sources';
import { readRetention, Retention } from '../database/retention';
import { DemoMode, readDemoMode } from './demoMode';
import {
  HealthRules,
  PagerDutyDependenciesMode,
} from '@status-layer/plugin-status-common';
import { readHealthRules } from '../engine/readHealthRules';
import { readPagerDutyDependenciesMode } from '../engine/pagerDutyDependencies';
import {
  PagerDutyConnection,
  readPagerDutyConnection,
} from './pagerDutyConnection';
import {
  NotificationRules,
  readNotificationRules,
} from '../notifications/readNotificationRules';
import { PublicAccess, readPublicAccess } from '../service/publicAccess';
import { readReportRules, ReportRules } from '../service/readReportRules';
import { ObjectiveRules, readObjectiveRules } from '../service/objectives';
import {
  readStatusPageRules,
  StatusPageRule,
} from '../publishing/readStatusPageRules';
import { readConfiguredWebhookSecrets } from '../pagerduty/webhooks/webhookSecrets';

/** Everything the status backend reads from `status.*`, read and checked once at start-up. */
export type StatusConfig = {
  demo: DemoMode;
  pagerDuty: PagerDutyConnection;
  syncIntervalSeconds: number;
  staleAfterMissedSyncs?: number;
  maxRequestsPerSync?: number;
  /** Built-in tools and those modules added. */
  alertSources: AlertSource[];
  /** The secret of each source that is on. */
  alertSecrets: Map<string, string>;
  alertLimits: AlertLimits;
  rules: HealthRules;
  /** `status.graph.pagerDutyDependencies`: whether PagerDuty's service graph is read, and used. */
  pagerDutyDependencies: PagerDutyDependenciesMode;
  retention: Retention;
  notifications: NotificationRules;
  /** Reporting problems to PagerDuty from status pages. */
  reports: ReportRules;
  /** Service level objectives: defaults and how maintenance counts. */
  objectives: ObjectiveRules;
  /** PagerDuty status pages kept in step with entities. */
  statusPages: StatusPageRule[];
  /** Badges and feeds without signing in. */
  publicAccess: PublicAccess;
  encryptionKey?: string;
  /** Every secret the config holds, for the log redactor. */
  secrets: string[];
};

/** Reads the status backend's configuration; throws on a setting that cannot work. */
export function readStatusConfig(
  config: Config,
  options: {
    addedSources?: AlertSource[];
    env?: Record<string, string | undefined>;
  } = {},
): StatusConfig {
  const demo = readDemoMode(config, options.env);
  const pagerDuty = readPagerDutyConnection(config, demo);
  const alertSources = [
    ...BUILT_IN_ALERT_SOURCES,
    ...(options.addedSources ?? []),
  ];
  const alertSecrets = readAlertSourceSecrets(config, {
    demoSourceIds:
      pagerDuty.mode === 'simulated' ? alertSources.map(s => s.id) : undefined,
  });
  const encryptionKey = config.getOptionalString('status.encryptionKey');
  const publicAccess = readPublicAccess(config);
  return {
    demo,
    pagerDuty,
    syncIntervalSeconds:
      config.getOptionalNumber('status.pagerDuty.syncIntervalSeconds') ?? 60,
    staleAfterMissedSyncs: config.getOptionalNumber(
      'status.pagerDuty.staleAfterMissedSyncs',
    ),
    maxRequestsPerSync: config.getOptionalNumber(
      'status.pagerDuty.maxRequestsPerSync',
    ),
    alertSources,
    alertSecrets,
    alertLimits: readAlertLimits(config, alertSources),
    rules: readHealthRules(config),
    pagerDutyDependencies: readPagerDutyDependenciesMode(config),
    retention: readRetention(config),
    notifications: readNotificationRules(config),
    reports: readReportRules(config),
    objectives: readObjectiveRules(config),
    statusPages: readStatusPageRules(
      config,
      pagerDuty.accounts.map(a => a.name),
    ),
    publicAccess,
    encryptionKey,
    secrets: [
      ...pagerDuty.accounts.flatMap(a => [
        a.apiToken ?? '',
        a.oauth?.clientSecret ?? '',
      ]),
      ...readConfiguredWebhookSecrets(config).map(s => s.secret),
      ...alertSecrets.values(),
      ...(encryptionKey ? [encryptionKey] : []),
      ...(publicAccess.tokenSecret ? [publicAccess.tokenSecret] : []),
    ],
  };
}

/**
 * Says at start-up what runs and what is off, and why: the demo refused,
 * PagerDuty off, each monitoring tool without a secret.
 */
export function logStatusConfig(
  logger: LoggerService,
  status: StatusConfig,
  config: Config,
): void {
  const { demo, pagerDuty } = status;
  const refused = !demo.enabled && demo.refusal !== undefined;
  if (refused) logger.error(demo.refusal!);
  if (
    config.getOptional('status.demo.simulator.enabled') !== undefined &&
    config.getOptional('status.demo.enabled') === undefined
  )
    logger.warn(
      'status.demo.simulator.enabled is no longer read: the demo needs status.demo.enabled: true',
    );
  if (pagerDuty.mode === 'unconfigured') {
    const message =
      'PagerDuty is off: no status.pagerDuty.apiToken is configured and the demo is off';
    if (refused) logger.error(message);
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
  const sourcesOff = status.alertSources.filter(
    s => !status.alertSecrets.has(s.id),
  );
  if (refused) {
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
}
