import {
  CompoundEntityRef,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AZURE_RESOURCE_ID_ANNOTATION,
  CRITICAL_DEPENDENCIES_ANNOTATION,
  DATADOG_TAGS_ANNOTATION,
  NEW_RELIC_ENTITY_GUID_ANNOTATION,
  PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
  STATUSCAKE_TEST_NAME_ANNOTATION,
  DEFAULT_PAGERDUTY_ACCOUNT,
  PAGERDUTY_ACCOUNT_ANNOTATION,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
} from './annotations';
import {
  AlertMatchers,
  EntityStatusConfiguration,
  StatusConfigurationProblem,
} from './types';

// PagerDuty object IDs are upper-case alphanumerics starting with P,
// for example PABC123 (https://developer.pagerduty.com/api-reference/).
const PAGERDUTY_ID_PATTERN = /^P[A-Z0-9]{5,13}$/;

// Account names are keys under status.pagerDuty.accounts in app-config.
const ACCOUNT_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/;

function parseStrictEntityRef(
  value: string,
  defaults: { defaultKind: string; defaultNamespace: string },
): CompoundEntityRef | undefined {
  try {
    const ref = parseEntityRef(value, defaults);
    // parseEntityRef is lenient ("a:b:c" parses); the catalog's own name
    // rules tell a real reference from a typo.
    const valid =
      KubernetesValidatorFunctions.isValidKind(ref.kind) &&
      KubernetesValidatorFunctions.isValidNamespace(ref.namespace) &&
      KubernetesValidatorFunctions.isValidObjectName(ref.name);
    return valid ? ref : undefined;
  } catch {
    return undefined;
  }
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);

/**
 * Reads a Prometheus label selector as the `prometheus.io/alert-selector`
 * annotation writes it (`job=checkout, env="prod"`): its labels, and the items
 * that are no `label=value` pair.
 *
 * @public
 */
export function readPrometheusSelector(value: string): {
  labels: Record<string, string>;
  invalid: string[];
} {
  const labels: Record<string, string> = {};
  const invalid: string[] = [];
  for (const matcher of list(value)) {
    const match = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"?([^"]*)"?$/.exec(matcher);
    if (match) labels[match[1]] = match[2];
    else invalid.push(matcher);
  }
  return { labels, invalid };
}

function readAlertMatchers(
  annotations: Record<string, string>,
  problems: StatusConfigurationProblem[],
): AlertMatchers {
  const matchers: AlertMatchers = {};
  const selector = annotations[PROMETHEUS_ALERT_SELECTOR_ANNOTATION];
  if (selector !== undefined) {
    const { labels, invalid } = readPrometheusSelector(selector);
    for (const matcher of invalid)
      problems.push({
        annotation: PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
        message: `"${matcher}" is not a label matcher. Write label=value pairs separated by commas, e.g. job=checkout, env=prod.`,
      });
    if (Object.keys(labels).length) matchers.prometheusLabels = labels;
  }
  const tags = list(annotations[DATADOG_TAGS_ANNOTATION]);
  if (tags.length) matchers.datadogTags = tags;
  const guids = list(annotations[NEW_RELIC_ENTITY_GUID_ANNOTATION]);
  if (guids.length) matchers.newRelicEntityGuids = guids;
  const resources = list(annotations[AZURE_RESOURCE_ID_ANNOTATION]);
  for (const id of resources) {
    if (!id.startsWith('/subscriptions/')) {
      problems.push({
        annotation: AZURE_RESOURCE_ID_ANNOTATION,
        message: `"${id}" is not an Azure resource ID. Copy it from the resource's JSON view; it starts with /subscriptions/.`,
      });
    }
  }
  const validResources = resources
    .filter(id => id.startsWith('/subscriptions/'))
    .map(id => id.toLocaleLowerCase('en-US'));
  if (validResources.length) matchers.azureResourceIds = validResources;
  const tests = list(annotations[STATUSCAKE_TEST_NAME_ANNOTATION]);
  if (tests.length) matchers.statusCakeTestNames = tests;
  return matchers;
}

/**
 * Whether a string has the shape of a PagerDuty object ID.
 *
 * @public
 */
export function isPagerDutyId(value: string): boolean {
  return PAGERDUTY_ID_PATTERN.test(value);
}

/**
 * Reads the status annotations of an entity, reporting every malformed one as
 * a problem instead of throwing, so one bad `catalog-info.yaml` never breaks a
 * page.
 *
 * @public
 */
export function readEntityStatusConfiguration(
  entity: Entity,
): EntityStatusConfiguration {
  const annotations = entity.metadata.annotations ?? {};
  const problems: StatusConfigurationProblem[] = [];
  const entityRef = stringifyEntityRef(entity);

  // one or several comma-separated service IDs
  const pagerDutyServiceIds: string[] = [];
  const rawServiceIds = annotations[PAGERDUTY_SERVICE_ID_ANNOTATION];
  for (const item of (rawServiceIds ?? '').split(',').map(s => s.trim())) {
    if (!item) continue;
    if (isPagerDutyId(item)) {
      if (!pagerDutyServiceIds.includes(item)) pagerDutyServiceIds.push(item);
    } else {
      problems.push({
        annotation: PAGERDUTY_SERVICE_ID_ANNOTATION,
        message: `"${item}" is not a PagerDuty service ID. Use the ID from the service's URL in PagerDuty, e.g. https://yours.pagerduty.com/service-directory/PABC123 → PABC123.`,
      });
    }
  }

  let pagerDutyAccount = DEFAULT_PAGERDUTY_ACCOUNT;
  const rawAccount = annotations[PAGERDUTY_ACCOUNT_ANNOTATION]?.trim();
  if (rawAccount !== undefined && rawAccount !== '') {
    if (ACCOUNT_NAME_PATTERN.test(rawAccount)) {
      pagerDutyAccount = rawAccount;
    } else {
      problems.push({
        annotation: PAGERDUTY_ACCOUNT_ANNOTATION,
        message: `"${rawAccount}" is not a PagerDuty account name. Use the name of an account configured under status.pagerDuty.accounts in app-config (letters, digits, - and _), or remove the annotation for the default account.`,
      });
    }
  }

  const criticalDependencies: string[] = [];
  const rawCritical = annotations[CRITICAL_DEPENDENCIES_ANNOTATION];
  if (rawCritical !== undefined) {
    for (const item of rawCritical.split(',').map(s => s.trim())) {
      if (!item) continue;
      const ref = parseStrictEntityRef(item, {
        defaultKind: 'component',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      if (ref) {
        criticalDependencies.push(stringifyEntityRef(ref));
      } else {
        problems.push({
          annotation: CRITICAL_DEPENDENCIES_ANNOTATION,
          message: `"${item}" is not an entity reference. Write it as kind:name or kind:namespace/name, e.g. component:auth-service.`,
        });
      }
    }
  }

  const alertMatchers = readAlertMatchers(annotations, problems);

  const hasIntegrationKey = Boolean(
    annotations[PAGERDUTY_INTEGRATION_KEY_ANNOTATION]?.trim(),
  );

  return {
    entityRef,
    pagerDutyServiceIds,
    pagerDutyAccount,
    criticalDependencies,
    alertMatchers,
    monitored:
      pagerDutyServiceIds.length > 0 ||
      hasIntegrationKey ||
      Object.keys(alertMatchers).length > 0,
    problems,
  };
}
