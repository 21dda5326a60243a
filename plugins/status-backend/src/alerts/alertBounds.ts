import { InputError } from '@backstage/errors';
import { NormalisedAlert } from '@status-layer/plugin-status-common';

/**
 * The most a webhook may store, per request and per field. Generous for what
 * the tools send (a Datadog message with its snapshot links stays well under
 * them) and small enough that one request cannot fill a column, a page or
 * the engine's memory. A request over any of them is refused whole with 400
 * naming the field, so nothing of it is stored.
 */
export const ALERT_BOUNDS = {
  alertsPerRequest: 1_000,
  fingerprint: 1_024,
  title: 2_048,
  description: 16_000,
  url: 2_048,
  labels: 100,
  labelKey: 256,
  labelValue: 2_048,
  targetNames: 50,
  targetValue: 512,
} as const;

function limit(value: string | undefined, max: number, field: string) {
  if (value !== undefined && value.length > max) {
    throw new InputError(
      `${field} is ${value.length} characters long; at most ${max} are stored`,
    );
  }
}

function limitList(values: string[] | undefined, field: string) {
  if (!values) return;
  if (values.length > ALERT_BOUNDS.targetNames)
    throw new InputError(
      `${field} has ${values.length} entries; at most ${ALERT_BOUNDS.targetNames} are stored`,
    );
  for (const value of values)
    limit(value, ALERT_BOUNDS.targetValue, `An entry of ${field}`);
}

/** A link people can open: http(s) only, so no `javascript:` reaches a page. */
function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The alerts of one request as they may be stored: throws `InputError` (400)
 * when they go past {@link ALERT_BOUNDS}, naming the field and its limit; a
 * link that is not http(s) is left out (the alert itself is kept).
 * `keysField` names the field the alerts' keys come from, as their source's
 * matcher says.
 */
export function boundedAlerts(
  alerts: NormalisedAlert[],
  keysField = 'The keys that name its entity',
): NormalisedAlert[] {
  if (alerts.length > ALERT_BOUNDS.alertsPerRequest) {
    throw new InputError(
      `The request has ${alerts.length} alerts; send at most ${ALERT_BOUNDS.alertsPerRequest} per request`,
    );
  }
  for (const alert of alerts) {
    limit(alert.fingerprint, ALERT_BOUNDS.fingerprint, 'The alert key');
    limit(alert.title, ALERT_BOUNDS.title, 'The title');
    limit(alert.description, ALERT_BOUNDS.description, 'The description');
    limit(alert.url, ALERT_BOUNDS.url, 'The alert link');
    const labels = Object.entries(alert.labels ?? {});
    if (labels.length > ALERT_BOUNDS.labels)
      throw new InputError(
        `The alert has ${labels.length} labels or tags; at most ${ALERT_BOUNDS.labels} are stored`,
      );
    for (const [key, value] of labels) {
      limit(key, ALERT_BOUNDS.labelKey, 'A label name');
      limit(value, ALERT_BOUNDS.labelValue, `The label ${key.slice(0, 64)}`);
    }
    const targets = alert.targets;
    if (!targets) continue;
    limitList(
      targets.names?.map(n => n.value),
      'The names the alert gives its subject',
    );
    limit(targets.entityRef, ALERT_BOUNDS.targetValue, 'The entity');
    limitList(targets.keys, keysField);
  }
  return alerts.map(alert =>
    alert.url === undefined || isWebLink(alert.url)
      ? alert
      : { ...alert, url: undefined },
  );
}
