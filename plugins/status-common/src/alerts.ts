/**
 * How bad a monitoring alert is, in the four words every tool maps onto.
 *
 * @public
 */
export type AlertSeverity = 'critical' | 'error' | 'warning' | 'info';

/** @public */
export const ALERT_SEVERITIES: readonly AlertSeverity[] = [
  'critical',
  'error',
  'warning',
  'info',
];

/**
 * A monitoring alert as every source is turned into: Alertmanager, Grafana,
 * Datadog, New Relic, Azure Monitor, StatusCake, PagerDuty Events v2 bodies,
 * and PagerDuty's own alerts under an incident.
 *
 * @public
 */
export type NormalisedAlert = {
  /** The source's id, e.g. `alertmanager`. */
  source: string;
  /** Stable per alert within its source (Alertmanager fingerprint, Datadog cycle key, ...). */
  fingerprint: string;
  state: 'firing' | 'resolved';
  severity: AlertSeverity;
  title: string;
  description?: string;
  /** ISO 8601. */
  startedAt: string;
  endedAt?: string;
  /** The alert in its tool. */
  url?: string;
  /** Labels or tags as the tool sent them, flattened to strings. */
  labels: Record<string, string>;
  /** What else in the alert can name its entity, per tool. */
  targets?: AlertTargets;
};

/**
 * The parts of an alert, besides its labels, that can tie it to an entity.
 *
 * @public
 */
export type AlertTargets = {
  /** Azure `alertTargetIDs`, lower-cased. */
  azureResourceIds?: string[];
  /** Azure `configurationItems`, New Relic impacted entity names: entity names. */
  entityNames?: string[];
  newRelicEntityGuids?: string[];
  statusCakeTestName?: string;
  /** The Events API v2 routing key, matched against `pagerduty.com/integration-key`. */
  routingKey?: string;
  /** For PagerDuty's own alerts: the incident and service they belong to. */
  pagerDuty?: { account: string; incidentId: string; serviceId: string };
};

/**
 * An alert as the status API serves it, with the entities it maps to.
 *
 * @public
 */
export type StatusAlert = NormalisedAlert & {
  /** The tool's name for people, e.g. "Prometheus Alertmanager". */
  sourceTitle: string;
  entityRefs: string[];
  receivedAt: string;
};

/**
 * Labels and tags that name an entity without any configuration: `backstage_entity`
 * holds a full entity ref; the others an entity's name.
 *
 * @public
 */
export const ALERT_ENTITY_REF_LABEL = 'backstage_entity';

/** @public */
export const ALERT_ENTITY_NAME_LABELS: readonly string[] = [
  'service',
  'service_name',
  'app',
];
