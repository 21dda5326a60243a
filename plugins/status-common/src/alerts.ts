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
  /** The tool's own word for the severity, e.g. `Sev1`, `P2`, `CRITICAL`. */
  toolSeverity?: string;
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
 * Where a name an alert gives its subject comes from.
 *
 * @public
 */
export type AlertNameOrigin =
  /** a tag without a value (Datadog, StatusCake) */
  | 'tag'
  /** Events API v2 `payload.component` */
  | 'component'
  /** Events API v2 `payload.source` */
  | 'source'
  /** an Azure resource name (`configurationItems`, `resourceName`) */
  | 'resource'
  /** a New Relic impacted entity */
  | 'entity'
  /** a StatusCake test name */
  | 'test';

/**
 * The parts of an alert, besides its labels, that can tie it to an entity.
 *
 * @public
 */
export type AlertTargets = {
  /**
   * The keys by which an entity's annotation names the alert, compared as its
   * source's matcher says (New Relic entity GUIDs, Azure resource IDs, a
   * StatusCake test name, an Events API v2 routing key).
   */
  keys?: string[];
  /** Names the alert gives its subject: an entity with that name or title is its entity, when it is the only one. */
  names?: { value: string; from: AlertNameOrigin }[];
  /** An entity ref named in the webhook URL (`?entity=component:default/x`). */
  entityRef?: string;
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
  /** Which rule tied it to its entities; absent when none did. */
  match?: AlertMatchRule;
  /** Not sent again for longer than its tool re-sends a firing alert: it may have ended. */
  stale?: boolean;
  /** Unmatched: the entities it most likely belongs to, best first. */
  candidates?: string[];
  /** Unmatched: the one annotation line that would tie it to a candidate, e.g. `prometheus.io/alert-selector: job=checkout`. */
  suggestion?: string;
};

/**
 * Which rule tied an alert to its entities.
 *
 * @public
 */
export type AlertMatchRule =
  /** the entity's own annotation for the tool (selector, tags, GUID, resource ID, test name, integration key) */
  | { rule: 'annotation'; annotation: string }
  /** the entity named in the webhook URL (`?entity=`) */
  | { rule: 'url'; value: string }
  /** a full entity ref in a label or tag (`backstage_entity`, `backstage:component:default/x`) */
  | { rule: 'entity-ref'; key: string; value: string }
  /** a `service`, `service_name`, `app`, `component` or `job` label or `key:value` tag equal to an entity's name */
  | { rule: 'label'; key: string; value: string }
  /** a name the alert gives its subject, equal to one entity's name or title */
  | { rule: 'name'; from: AlertNameOrigin; value: string }
  /** PagerDuty's own alert: the entity of its incident's service */
  | { rule: 'pagerduty-service' };

const NAME_ORIGIN_WORDS: Record<AlertNameOrigin, string> = {
  tag: 'tag',
  component: 'component',
  source: 'source',
  resource: 'Azure resource',
  entity: 'New Relic entity',
  test: 'StatusCake test',
};

/**
 * How an alert was tied to its entities, in a few words, e.g. "matched by tag
 * `membership-api`".
 *
 * @public
 */
export function describeAlertMatch(match: AlertMatchRule): string {
  switch (match.rule) {
    case 'annotation':
      return `matched by annotation ${match.annotation}`;
    case 'url':
      return `matched by the entity in its webhook URL (${match.value})`;
    case 'entity-ref':
      return `matched by ${match.key} ${match.value}`;
    case 'label':
      return `matched by label ${match.key}=${match.value}`;
    case 'name':
      return `matched by ${NAME_ORIGIN_WORDS[match.from]} ${match.value}`;
    default:
      return "matched by its PagerDuty incident's service";
  }
}

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
  'component',
  'job',
];

/**
 * The tag key under which a full entity ref names an alert's entity, e.g.
 * the Datadog or StatusCake tag `backstage:component:default/checkout`.
 *
 * @public
 */
export const ALERT_ENTITY_REF_TAG = 'backstage';
