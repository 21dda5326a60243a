/**
 * A problem with how an entity is set up for status tracking, worded for the
 * person who has to fix the entity's `catalog-info.yaml`.
 *
 * @public
 */
export type StatusConfigurationProblem = {
  /** The annotation to fix. */
  annotation: string;
  /** What is wrong, in words. */
  message: string;
};

/**
 * The annotations that tie monitoring alerts to an entity.
 *
 * @public
 */
export type AlertMatchers = {
  /** Prometheus labels that must all match (Alertmanager, Grafana). */
  prometheusLabels?: Record<string, string>;
  /** Datadog tags that must all be present, as `key:value`. */
  datadogTags?: string[];
  newRelicEntityGuids?: string[];
  /** Lower-cased. */
  azureResourceIds?: string[];
  statusCakeTestNames?: string[];
};

/**
 * What an entity's annotations say about where its status comes from.
 *
 * @public
 */
export type EntityStatusConfiguration = {
  /** The entity, as a full entity ref (`kind:namespace/name`). */
  entityRef: string;
  /** The entity's PagerDuty services (well-formed IDs from the annotation). */
  pagerDutyServiceIds: string[];
  /** The PagerDuty account of those services (`default` unless annotated). */
  pagerDutyAccount: string;
  /** Dependencies marked critical, as full entity refs. */
  criticalDependencies: string[];
  /** How the entity's monitoring alerts are recognised beyond its name. */
  alertMatchers: AlertMatchers;
  /** Whether the entity has at least one signal source of its own. */
  monitored: boolean;
  /** Annotations that could not be read. */
  problems: StatusConfigurationProblem[];
};

/**
 * Where PagerDuty data comes from: the real PagerDuty, the demo's simulator
 * (the UI must then say that its data is simulated), or nowhere.
 *
 * @public
 */
export type PagerDutyMode = 'live' | 'simulated' | 'unconfigured';

/**
 * Readiness of the status backend, as served by `GET /api/status/health`.
 *
 * @public
 */
export type StatusBackendHealth = {
  status: 'ok' | 'degraded';
  /** Whether the plugin's database answered. */
  database: 'ok' | 'unavailable';
  /** Where PagerDuty data comes from. */
  pagerDutyMode: PagerDutyMode;
  /** Server time of the answer, ISO 8601. */
  checkedAt: string;
};
