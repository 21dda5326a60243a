import { AlertSeverity } from '@internal/plugin-status-common';
import { AlertSource, hasSharedSecret } from '@internal/plugin-status-node';
import {
  object,
  optionalText,
  stringList,
  tagsToLabels,
  text,
  time,
} from './parsing';

/**
 * The payload users paste into Datadog's webhook integration. `$TAGS` is a
 * comma-separated list of `key:value` tags.
 */
export const DATADOG_PAYLOAD_TEMPLATE = {
  id: '$ID',
  title: '$EVENT_TITLE',
  body: '$EVENT_MSG',
  transition: '$ALERT_TRANSITION',
  priority: '$ALERT_PRIORITY',
  cycle_key: '$ALERT_CYCLE_KEY',
  alert_id: '$ALERT_ID',
  alert_type: '$ALERT_TYPE',
  tags: '$TAGS',
  link: '$LINK',
  date: '$DATE',
};

const PRIORITY: Record<string, AlertSeverity> = {
  P1: 'critical',
  P2: 'error',
  P3: 'warning',
  P4: 'info',
  P5: 'info',
};

function datadogSeverity(
  priority: string | undefined,
  transition: string,
  alertType: string | undefined,
): AlertSeverity {
  const byPriority = priority ? PRIORITY[priority.toUpperCase()] : undefined;
  if (byPriority) return byPriority;
  if (/warn/i.test(transition) || alertType === 'warning') return 'warning';
  if (alertType === 'info') return 'info';
  return 'error';
}

/**
 * Datadog's webhook integration with {@link DATADOG_PAYLOAD_TEMPLATE}: one
 * monitor transition per POST; the alert cycle key identifies the alert
 * across Triggered, Re-Triggered, Warn and Recovered. Authenticated by a
 * custom `Authorization: Bearer` header or `?token=`.
 */
export const datadogSource: AlertSource = {
  id: 'datadog',
  title: 'Datadog',
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    const transition = text(body.transition, 'transition ($ALERT_TRANSITION)');
    const cycleKey =
      optionalText(body.cycle_key) ??
      text(body.alert_id, 'cycle_key ($ALERT_CYCLE_KEY) or alert_id');
    const tags = stringList(body.tags);
    const priority = optionalText(body.priority);
    const resolved = /recover|resolv|success/i.test(transition);
    const when = time(body.date, 'date ($DATE)', receivedAt);
    return [
      {
        source: 'datadog',
        fingerprint: cycleKey,
        state: resolved ? 'resolved' : 'firing',
        severity: datadogSeverity(
          priority,
          transition,
          optionalText(body.alert_type),
        ),
        title: text(body.title, 'title ($EVENT_TITLE)'),
        description: optionalText(body.body),
        startedAt: when,
        endedAt: resolved ? when : undefined,
        url: optionalText(body.link),
        labels: {
          ...tagsToLabels(tags),
          ...(priority ? { priority } : {}),
          transition,
        },
      },
    ];
  },
};
