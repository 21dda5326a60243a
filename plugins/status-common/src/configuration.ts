import {
  CompoundEntityRef,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CRITICAL_DEPENDENCIES_ANNOTATION,
  DEFAULT_PAGERDUTY_ACCOUNT,
  PAGERDUTY_ACCOUNT_ANNOTATION,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
  PAGERDUTY_SERVICE_ID_ANNOTATION,
} from './annotations';
import {
  AlertAnnotationCheck,
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

/**
 * The alert sources' annotations an entity carries, and what is wrong with
 * them. A module's check that throws is reported, never thrown on.
 */
function readAlertAnnotations(
  annotations: Record<string, string>,
  checks: readonly AlertAnnotationCheck[],
  problems: StatusConfigurationProblem[],
): string[] {
  const present: string[] = [];
  for (const { annotation, check } of checks) {
    const value = annotations[annotation];
    // tools that share an annotation (Alertmanager, Grafana) check it once
    if (!value?.trim() || present.includes(annotation)) continue;
    present.push(annotation);
    let messages: string[];
    try {
      messages = check?.(value) ?? [];
    } catch (error) {
      // the reader's own words for the failure; the error is the module's
      problems.push({
        annotation,
        message: `The value could not be read: ${String(error)}`,
        code: 'unreadable',
        params: { error: String(error) },
      });
      continue;
    }
    for (const message of messages) problems.push({ annotation, message });
  }
  return present;
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
  options: {
    /** The monitoring tools' annotations, as their alert sources declare them. */
    alertAnnotations?: readonly AlertAnnotationCheck[];
  } = {},
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
        code: 'notServiceId',
        params: { item },
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
        code: 'notAccountName',
        params: { item: rawAccount },
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
          code: 'notEntityRef',
          params: { item },
        });
      }
    }
  }

  const alertAnnotations = readAlertAnnotations(
    annotations,
    options.alertAnnotations ?? [],
    problems,
  );

  const hasIntegrationKey = Boolean(
    annotations[PAGERDUTY_INTEGRATION_KEY_ANNOTATION]?.trim(),
  );

  return {
    entityRef,
    pagerDutyServiceIds,
    pagerDutyAccount,
    criticalDependencies,
    alertAnnotations,
    monitored:
      pagerDutyServiceIds.length > 0 ||
      hasIntegrationKey ||
      alertAnnotations.length > 0,
    problems,
  };
}
