import { InputError } from '@backstage/errors';
import { AlertSeverity } from '@internal/plugin-status-common';
import { AlertSource, hasSharedSecret } from '@internal/plugin-status-node';
import {
  labels,
  object,
  optionalText,
  stringList,
  text,
  time,
} from './parsing';

const SEVERITY: Record<string, AlertSeverity> = {
  Sev0: 'critical',
  Sev1: 'error',
  Sev2: 'warning',
  Sev3: 'info',
  Sev4: 'info',
};

/**
 * Azure Monitor action groups with the common alert schema: `essentials`
 * carries the rule, `Sev0`–`Sev4` and `Fired`/`Resolved`; the alert ID
 * identifies it. Action group webhooks cannot set headers, so the secret
 * travels as `?token=` in the webhook URL.
 */
export const azureMonitorSource: AlertSource = {
  id: 'azure',
  title: 'Azure Monitor',
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    if (body.schemaId !== 'azureMonitorCommonAlertSchema') {
      throw new InputError(
        'Only the common alert schema is supported: enable it on the action group (schemaId azureMonitorCommonAlertSchema)',
      );
    }
    const data = object(body.data, 'data');
    const essentials = object(data.essentials, 'data.essentials');
    const alertId = text(essentials.alertId, 'data.essentials.alertId');
    const condition = text(
      essentials.monitorCondition,
      'data.essentials.monitorCondition',
    );
    if (condition !== 'Fired' && condition !== 'Resolved') {
      throw new InputError(
        `data.essentials.monitorCondition must be Fired or Resolved, not "${condition}"`,
      );
    }
    const resolved = condition === 'Resolved';
    const sev = optionalText(essentials.severity) ?? 'Sev3';
    return [
      {
        source: 'azure',
        fingerprint: alertId,
        state: resolved ? 'resolved' : 'firing',
        severity: SEVERITY[sev] ?? 'warning',
        title: text(essentials.alertRule, 'data.essentials.alertRule'),
        description: optionalText(essentials.description),
        startedAt: time(
          essentials.firedDateTime,
          'data.essentials.firedDateTime',
          receivedAt,
        ),
        endedAt: resolved
          ? time(
              essentials.resolvedDateTime,
              'data.essentials.resolvedDateTime',
              receivedAt,
            )
          : undefined,
        url: `https://portal.azure.com/#view/Microsoft_Azure_Monitoring_Alerts/AlertDetails.ReactView/alertId~/${encodeURIComponent(
          alertId,
        )}`,
        labels: {
          ...labels(data.customProperties),
          severity: sev,
          ...(optionalText(essentials.signalType)
            ? { signalType: String(essentials.signalType) }
            : {}),
          ...(optionalText(essentials.monitoringService)
            ? { monitoringService: String(essentials.monitoringService) }
            : {}),
        },
        targets: {
          azureResourceIds: stringList(essentials.alertTargetIDs).map(id =>
            id.toLocaleLowerCase('en-US'),
          ),
          entityNames: stringList(essentials.configurationItems),
        },
      },
    ];
  },
};
