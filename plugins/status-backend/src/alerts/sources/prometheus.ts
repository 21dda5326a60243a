import { InputError } from '@backstage/errors';
import { NormalisedAlert } from '@internal/plugin-status-common';
import { AlertSource, hasSharedSecret } from '@internal/plugin-status-node';
import {
  array,
  endTime,
  labels,
  object,
  optionalText,
  severity,
  text,
  time,
} from './parsing';

/** Alertmanager and Grafana send the same group shape; Grafana adds links. */
function parseGroup(
  source: string,
  body: unknown,
  receivedAt: Date,
): NormalisedAlert[] {
  const group = object(body, 'The body');
  const alerts = array(group.alerts, 'alerts');
  const common = labels(group.commonLabels);
  return alerts.map((raw, index) => {
    const alert = object(raw, `alerts[${index}]`);
    const status = text(alert.status, `alerts[${index}].status`);
    if (status !== 'firing' && status !== 'resolved') {
      throw new InputError(
        `alerts[${index}].status must be firing or resolved, not "${status}"`,
      );
    }
    const alertLabels = { ...common, ...labels(alert.labels) };
    const annotations = labels(alert.annotations);
    const name = alertLabels.alertname ?? 'Alert';
    const summary = annotations.summary ?? annotations.title;
    const fingerprint =
      optionalText(alert.fingerprint) ??
      // older senders: the label set identifies the alert
      JSON.stringify(Object.entries(alertLabels).sort());
    return {
      source,
      fingerprint,
      state: status,
      severity: severity(alertLabels.severity, 'warning'),
      title: summary ? `${name}: ${summary}` : name,
      description: annotations.description ?? optionalText(alert.valueString),
      startedAt: time(alert.startsAt, `alerts[${index}].startsAt`, receivedAt),
      endedAt: status === 'resolved' ? endTime(alert.endsAt) : undefined,
      url:
        optionalText(alert.panelURL) ??
        optionalText(alert.dashboardURL) ??
        optionalText(alert.generatorURL),
      labels: alertLabels,
    };
  });
}

/**
 * Prometheus Alertmanager's webhook receiver (`version: "4"`): a whole group
 * per POST, repeated while it fires; alerts are identified by fingerprint.
 * Authenticated by `http_config.authorization` (bearer) or `?token=`.
 */
export const alertmanagerSource: AlertSource = {
  id: 'alertmanager',
  title: 'Prometheus Alertmanager',
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    if (body.version !== undefined && body.version !== '4') {
      throw new InputError(
        `Alertmanager webhook version "${String(
          body.version,
        )}" is not supported; version 4 is`,
      );
    }
    return parseGroup('alertmanager', body, receivedAt);
  },
};

/**
 * Grafana alerting's webhook contact point: Alertmanager's shape plus panel
 * and dashboard links. Authenticated by the contact point's Authorization
 * header (bearer) or `?token=`.
 */
export const grafanaSource: AlertSource = {
  id: 'grafana',
  title: 'Grafana',
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse: (request, { receivedAt }) =>
    parseGroup('grafana', request.body, receivedAt),
};
