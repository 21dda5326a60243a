/**
 * A problem with how an entity is set up for status tracking, worded for the
 * person who has to fix the entity's `catalog-info.yaml`.
 *
 * @public
 */
export type StatusConfigurationProblem = {
  /** The annotation to fix. */
  annotation: string;
  /** What is wrong, in English words, for API readers. */
  message: string;
  /**
   * What is wrong, for a page to word in its reader's language with
   * `params`; absent for the problems an alert source's module words itself.
   */
  code?: StatusConfigurationProblemCode;
  /** The values the words name (the offending item, the accounts...). */
  params?: Record<string, string>;
};

/**
 * The kinds of annotation problem the status layer itself finds.
 *
 * @public
 */
export type StatusConfigurationProblemCode =
  | 'notServiceId'
  | 'notAccountName'
  | 'notEntityRef'
  | 'criticalNotDependency'
  | 'unknownAccount'
  | 'unknownService'
  | 'unreadable';

/**
 * A monitoring tool's entity annotation and how to check a value of it, as
 * the tool's alert source declares them in its matcher.
 *
 * @public
 */
export type AlertAnnotationCheck = {
  /** The entity annotation, e.g. `prometheus.io/alert-selector`. */
  readonly annotation: string;
  /**
   * What is wrong with a value, each a sentence the team that wrote it can
   * act on; none when it is fine.
   */
  check?(value: string): string[];
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
  /**
   * The monitoring tools' annotations the entity carries (those of the
   * alert sources the reader was given), which tie the tools' alerts to it.
   */
  alertAnnotations: string[];
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
  /**
   * The external status pages kept in step, and whether their last update
   * went: `failing` pages show what was last published.
   */
  statusPages?: StatusPageHealth[];
};

/**
 * Whether one external status page is kept in step.
 *
 * @public
 */
export type StatusPageHealth = {
  page: string;
  account: string;
  /** `pending` before the first attempt. */
  state: 'ok' | 'failing' | 'pending';
  lastSuccessAt?: string;
  failingSince?: string;
};
