import { InputError } from '@backstage/errors';
import {
  NormalisedAlert,
  PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
} from '@status-layer/plugin-status-common';
import {
  AlertSource,
  AlertSourceMatcher,
  hasSharedSecret,
} from '@status-layer/plugin-status-node';
import {
  array,
  endTime,
  labels,
  lenientTime,
  object,
  optionalText,
  severity,
} from './parsing';

/**
 * Alertmanager and Grafana's unified alerting send the same group shape
 * (Grafana adds links and values); each alert is identified by its
 * fingerprint, or by its labels from older senders.
 */
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
    // an alert without a status takes its group's
    const status = optionalText(alert.status) ?? optionalText(group.status);
    if (status !== 'firing' && status !== 'resolved') {
      throw new InputError(
        `alerts[${index}].status must be firing or resolved, not "${String(
          status,
        )}" (Prometheus docs: Alertmanager configuration › webhook_config)`,
      );
    }
    const alertLabels = { ...common, ...labels(alert.labels) };
    if (
      optionalText(alert.fingerprint) === undefined &&
      Object.keys(alertLabels).length === 0
    ) {
      throw new InputError(
        `alerts[${index}] has neither a fingerprint nor labels: nothing identifies it`,
      );
    }
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
      toolSeverity: alertLabels.severity,
      title: summary ? `${name}: ${summary}` : name,
      description: annotations.description ?? optionalText(alert.valueString),
      startedAt: lenientTime(alert.startsAt, receivedAt),
      endedAt: status === 'resolved' ? endTime(alert.endsAt) : undefined,
      url:
        optionalText(alert.panelURL) ??
        optionalText(alert.dashboardURL) ??
        optionalText(alert.generatorURL),
      labels: alertLabels,
    };
  });
}

/** Prometheus labels that best tell one alert's subject from another, most telling first. */
const SELECTOR_LABELS = ['job', 'service', 'app', 'namespace', 'instance'];

/**
 * Reads a label selector as the `prometheus.io/alert-selector` annotation
 * writes it (`job=checkout, env="prod"`): its labels, and the items that are
 * no `label=value` pair.
 */
export function readPrometheusSelector(value: string): {
  labels: Record<string, string>;
  invalid: string[];
} {
  const selected: Record<string, string> = {};
  const invalid: string[] = [];
  for (const item of value.split(',').map(i => i.trim())) {
    if (!item) continue;
    const match = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"?([^"]*)"?$/.exec(item);
    if (match) selected[match[1]] = match[2];
    else invalid.push(item);
  }
  return { labels: selected, invalid };
}

/** An entity's label selector: alerts whose labels hold all of it are its own. */
const prometheusMatcher: AlertSourceMatcher = {
  annotation: PROMETHEUS_ALERT_SELECTOR_ANNOTATION,
  by: 'labels',
  readLabels: value => Object.entries(readPrometheusSelector(value).labels),
  check: value =>
    readPrometheusSelector(value).invalid.map(
      item =>
        `"${item}" is not a label matcher. Write label=value pairs separated by commas, e.g. job=checkout, env=prod.`,
    ),
  suggest(alert) {
    const key = SELECTOR_LABELS.find(k => alert.labels[k]);
    return key
      ? `${PROMETHEUS_ALERT_SELECTOR_ANNOTATION}: ${key}=${alert.labels[key]}`
      : undefined;
  },
};

/**
 * What Alertmanager and Grafana share: they send Alertmanager's group, match
 * by the same selector, take a bearer token or `?token=`, and resend every
 * four hours by default (`repeat_interval`, the notification policy's
 * repeat interval).
 */
const alertmanagerFamily = {
  credentialsIn: 'request',
  resendIntervalMinutes: 240,
  matcher: prometheusMatcher,
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
} satisfies Partial<AlertSource>;

/**
 * Prometheus Alertmanager's webhook receiver (`version: "4"`): a whole group
 * per POST, repeated while it fires; alerts are identified by fingerprint.
 * Authenticated by `http_config.authorization` (bearer) or `?token=`.
 */
export const alertmanagerSource: AlertSource = {
  id: 'alertmanager',
  title: 'Prometheus Alertmanager',
  ...alertmanagerFamily,
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
 * The webhook of Grafana's legacy dashboard alerting (before unified
 * alerting): one rule per POST, `state` alerting, ok, no_data, paused or
 * pending, identified by its rule ID; `tags` are the rule's tags.
 */
function legacyGrafanaAlert(
  body: Record<string, unknown>,
  receivedAt: Date,
): NormalisedAlert[] {
  const state = (optionalText(body.state) ?? 'alerting').toLowerCase();
  // a paused or pending rule says nothing about the service yet
  if (state === 'paused' || state === 'pending') return [];
  const ruleName = optionalText(body.ruleName) ?? optionalText(body.title);
  if (!ruleName) {
    throw new InputError(
      'ruleName is missing (Grafana docs: legacy alert notifications › Webhook)',
    );
  }
  const tags = labels(body.tags);
  return [
    {
      source: 'grafana',
      fingerprint: `rule:${optionalText(body.orgId) ?? '1'}:${
        optionalText(body.ruleId) ?? ruleName
      }`,
      state: state === 'ok' ? 'resolved' : 'firing',
      severity: severity(
        tags.severity,
        state === 'no_data' ? 'info' : 'warning',
      ),
      toolSeverity: tags.severity,
      title: ruleName,
      description: optionalText(body.message),
      startedAt: receivedAt.toISOString(),
      endedAt: state === 'ok' ? receivedAt.toISOString() : undefined,
      url: optionalText(body.ruleUrl) ?? optionalText(body.rule_url),
      labels: { ...tags, state },
    },
  ];
}

/**
 * Grafana alerting's webhook contact point: unified alerting sends
 * Alertmanager's shape plus panel and dashboard links; the legacy dashboard
 * alerting one rule at a time. Authenticated by the contact point's
 * Authorization header (bearer) or `?token=`.
 */
export const grafanaSource: AlertSource = {
  id: 'grafana',
  title: 'Grafana',
  ...alertmanagerFamily,
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    if (
      !Array.isArray(body.alerts) &&
      (body.ruleId !== undefined || body.ruleName !== undefined)
    )
      return legacyGrafanaAlert(body, receivedAt);
    return parseGroup('grafana', body, receivedAt);
  },
};
