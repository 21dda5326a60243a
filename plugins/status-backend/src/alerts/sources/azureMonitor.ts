import { InputError } from '@backstage/errors';
import {
  AlertSeverity,
  AZURE_RESOURCE_ID_ANNOTATION,
  NormalisedAlert,
} from '@status-layer/plugin-status-common';
import { AlertSource, hasSharedSecret } from '@status-layer/plugin-status-node';
import {
  labels,
  lenientTime,
  object,
  optionalText,
  stringList,
} from './parsing';

/** `Sev0`–`Sev4` (common schema) or `0`–`4` (metric alerts). */
const SEVERITY: Record<string, AlertSeverity> = {
  Sev0: 'critical',
  Sev1: 'error',
  Sev2: 'warning',
  Sev3: 'info',
  Sev4: 'info',
  '0': 'critical',
  '1': 'error',
  '2': 'warning',
  '3': 'info',
  '4': 'info',
  Critical: 'critical',
  Error: 'error',
  Warning: 'warning',
  Informational: 'info',
};

const isAzureResourceId = (id: string) => id.startsWith('/subscriptions/');

const portalAlertLink = (alertId: string) =>
  `https://portal.azure.com/#view/Microsoft_Azure_Monitoring_Alerts/AlertDetails.ReactView/alertId~/${encodeURIComponent(
    alertId,
  )}`;

const lowered = (ids: string[]) => ids.map(id => id.toLocaleLowerCase('en-US'));
const resourceNames = (values: string[]) =>
  values.map(value => ({ value, from: 'resource' as const }));

/** The last segment of an ARM resource ID: the resource's name. */
const nameOf = (resourceId: string) =>
  resourceId.split('/').filter(Boolean).pop() ?? resourceId;

/** The common alert schema: `data.essentials` carries what every alert type shares. */
function commonSchema(
  body: Record<string, unknown>,
  receivedAt: Date,
): NormalisedAlert {
  const data = object(body.data, 'data');
  const essentials = object(data.essentials, 'data.essentials');
  const alertId = optionalText(essentials.alertId);
  if (!alertId) {
    throw new InputError(
      'data.essentials.alertId is missing (Azure Monitor docs: Common alert schema › Essentials)',
    );
  }
  const resolved =
    optionalText(essentials.monitorCondition)?.toLowerCase() === 'resolved';
  const sev = optionalText(essentials.severity);
  const targetIds = stringList(essentials.alertTargetIDs);
  return {
    source: 'azure',
    fingerprint: alertId,
    state: resolved ? 'resolved' : 'firing',
    severity: SEVERITY[sev ?? ''] ?? 'warning',
    toolSeverity: sev,
    title: optionalText(essentials.alertRule) ?? `Azure alert ${alertId}`,
    description: optionalText(essentials.description),
    startedAt: lenientTime(essentials.firedDateTime, receivedAt),
    endedAt: resolved
      ? lenientTime(essentials.resolvedDateTime, receivedAt)
      : undefined,
    url: optionalText(essentials.investigationLink) ?? portalAlertLink(alertId),
    labels: {
      ...labels(data.customProperties),
      ...(sev ? { severity: sev } : {}),
      ...(optionalText(essentials.signalType)
        ? { signalType: String(essentials.signalType) }
        : {}),
      ...(optionalText(essentials.monitoringService)
        ? { monitoringService: String(essentials.monitoringService) }
        : {}),
    },
    targets: {
      keys: lowered(targetIds),
      names: resourceNames([
        ...stringList(essentials.configurationItems),
        ...targetIds.map(nameOf),
      ]),
    },
  };
}

/**
 * The schemas from before the common one, for action groups that never
 * enabled it: metric alerts (`AzureMonitorMetricAlert`, and the classic ones
 * without a schema ID) with `status` Activated or Resolved and `context`
 * naming the rule and the resource; activity log alerts (always Activated);
 * log search alerts (flat, `AlertRuleName`, `Severity`,
 * `AffectedConfigurationItems`, `LinkToSearchResults`).
 */
function olderSchema(
  body: Record<string, unknown>,
  receivedAt: Date,
): NormalisedAlert {
  const data =
    typeof body.data === 'object' && body.data !== null
      ? (body.data as Record<string, unknown>)
      : body;
  const context =
    typeof data.context === 'object' && data.context !== null
      ? (data.context as Record<string, unknown>)
      : undefined;
  const activityLog =
    typeof context?.activityLog === 'object' && context.activityLog !== null
      ? (context.activityLog as Record<string, unknown>)
      : undefined;
  const ruleName =
    optionalText(context?.name) ??
    optionalText(data.AlertRuleName) ??
    optionalText(activityLog?.operationName);
  const resourceId =
    optionalText(context?.resourceId) ?? optionalText(activityLog?.resourceId);
  if (!ruleName) {
    throw new InputError(
      'This is not an Azure Monitor alert: no data.essentials (common alert schema), data.context.name (metric alerts) or AlertRuleName (log search alerts). Enable the common alert schema on the action group (Azure Monitor docs: Common alert schema)',
    );
  }
  const status = optionalText(data.status ?? body.status) ?? 'Activated';
  const resolved = status.toLowerCase() === 'resolved';
  const sev = optionalText(
    context?.severity ?? data.Severity ?? activityLog?.level,
  );
  const when = lenientTime(
    context?.timestamp ??
      activityLog?.eventTimestamp ??
      data.SearchIntervalEndtimeUtc,
    receivedAt,
  );
  const id = optionalText(context?.id) ?? ruleName;
  return {
    source: 'azure',
    fingerprint: resourceId ? `${id}|${resourceId.toLowerCase()}` : id,
    state: resolved ? 'resolved' : 'firing',
    severity: SEVERITY[sev ?? ''] ?? 'warning',
    toolSeverity: sev,
    title: ruleName,
    description:
      optionalText(context?.description) ?? optionalText(data.Description),
    startedAt: when,
    endedAt: resolved ? when : undefined,
    url:
      optionalText(context?.portalLink) ??
      optionalText(data.LinkToSearchResults),
    labels: {
      ...labels(data.properties ?? body.properties),
      ...(sev ? { severity: sev } : {}),
      ...(optionalText(body.schemaId)
        ? { schemaId: String(body.schemaId) }
        : {}),
    },
    targets: {
      keys: resourceId ? lowered([resourceId]) : [],
      names: resourceNames([
        ...(optionalText(context?.resourceName)
          ? [String(context!.resourceName)]
          : []),
        ...(resourceId ? [nameOf(resourceId)] : []),
        ...stringList(data.AffectedConfigurationItems),
      ]),
    },
  };
}

/**
 * Azure Monitor action groups: the common alert schema (`essentials` with
 * the rule, `Sev0`–`Sev4` and `Fired`/`Resolved`, identified by the alert ID),
 * and the older metric, activity log and log search schemas. Action group
 * webhooks cannot set headers, so the secret travels as `?token=` in the URL.
 */
export const azureMonitorSource: AlertSource = {
  id: 'azure',
  title: 'Azure Monitor',
  credentialsIn: 'request',
  // an entity's resource IDs; an alert carries its `alertTargetIDs`, in any case
  matcher: {
    annotation: AZURE_RESOURCE_ID_ANNOTATION,
    by: 'keys',
    keysField: 'The alert target IDs',
    readKeys: value => stringList(value).filter(isAzureResourceId),
    check: value =>
      stringList(value)
        .filter(id => !isAzureResourceId(id))
        .map(
          id =>
            `"${id}" is not an Azure resource ID. Copy it from the resource's JSON view; it starts with /subscriptions/.`,
        ),
    normaliseKey: id => id.trim().toLocaleLowerCase('en-US'),
  },
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    return [
      body.schemaId === 'azureMonitorCommonAlertSchema'
        ? commonSchema(body, receivedAt)
        : olderSchema(body, receivedAt),
    ];
  },
};
