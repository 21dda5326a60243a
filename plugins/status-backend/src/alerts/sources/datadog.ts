import { InputError } from '@backstage/errors';
import {
  AlertSeverity,
  DATADOG_TAGS_ANNOTATION,
} from '@status-layer/plugin-status-common';
import { AlertSource, hasSharedSecret } from '@status-layer/plugin-status-node';
import {
  object,
  optionalText,
  stringList,
  lenientTime,
  tagsToLabels,
} from './parsing';

/**
 * A richer payload than Datadog's default, for teams that want to write one:
 * every field is optional here, and any other key names Datadog's
 * variables are read too (`alert_transition`, `alert_title`, ...).
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

/** The first of several keys a template may use for one Datadog variable. */
const first = (body: Record<string, unknown>, ...keys: string[]) =>
  keys.map(key => optionalText(body[key])).find(Boolean);

/**
 * What a Datadog title says: `[Triggered on {service:points-api,env:prod}] Points slow`,
 * `[Recovered] …`, `[Warn on {…}] …`, `[No Data …] …`, `[Re-Triggered …] …`.
 */
export function readDatadogTitle(title: string): {
  transition?: string;
  scopeTags: string[];
  name: string;
} {
  const match =
    /^\s*\[(Triggered|Re-Triggered|Recovered|Warn|Re-Warn|No Data|Re-No Data|Renotify|OK)(?:\s+on\s+\{([^}]*)\})?\]\s*(.*)$/i.exec(
      title,
    );
  if (!match) return { scopeTags: [], name: title.trim() };
  return {
    transition: match[1],
    scopeTags: stringList(match[2] ?? ''),
    name: match[3].trim() || title.trim(),
  };
}

function datadogSeverity(
  priority: string | undefined,
  transition: string,
  alertType: string | undefined,
): AlertSeverity {
  const byPriority = priority ? PRIORITY[priority.toUpperCase()] : undefined;
  if (byPriority) return byPriority;
  if (/warn/i.test(transition) || alertType === 'warning') return 'warning';
  if (/no data/i.test(transition) || alertType === 'info') return 'info';
  return 'error';
}

/**
 * Datadog's webhook integration with whatever payload a team uses: Datadog's
 * default (`$EVENT_TITLE`, `$EVENT_MSG`, `$EVENT_TYPE`, `$ID`, `$DATE`,
 * `$LAST_UPDATED`, `$ORG_ID`), our template, or a template of their own with
 * other key names for Datadog's variables. What no field carries, the title
 * does: `[Recovered on {service:points-api}] …` gives the transition and the
 * scope tags, and the monitor name with its scope identifies the alert
 * across its transitions. Authenticated by a custom `Authorization: Bearer`
 * header or `?token=`.
 */
export const datadogSource: AlertSource = {
  id: 'datadog',
  title: 'Datadog',
  credentialsIn: 'request',
  // an entity's tags (`env:prod`, or a plain `checkout`) must all be on the alert
  matcher: {
    annotation: DATADOG_TAGS_ANNOTATION,
    by: 'labels',
    readLabels: value =>
      stringList(value).map(tag => {
        const at = tag.indexOf(':');
        return at > 0
          ? [tag.slice(0, at).trim(), tag.slice(at + 1).trim()]
          : [tag.trim(), ''];
      }),
    suggest(alert) {
      const tag = Object.entries(alert.labels).find(
        ([k, v]) => v && k !== 'priority' && k !== 'transition',
      );
      return tag
        ? `${DATADOG_TAGS_ANNOTATION}: ${tag[0]}:${tag[1]}`
        : undefined;
    },
  },
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    const rawTitle = first(
      body,
      'title',
      'alert_title',
      'event_title',
      'alertTitle',
    );
    if (!rawTitle) {
      throw new InputError(
        'title is missing: Datadog sends it as $EVENT_TITLE in its default payload (Datadog docs: Webhooks integration › Usage › Variables)',
      );
    }
    const fromTitle = readDatadogTitle(rawTitle);
    const transition =
      first(body, 'transition', 'alert_transition', 'alertTransition') ??
      fromTitle.transition ??
      'Triggered';
    const scope = stringList(
      first(body, 'scope', 'alert_scope', 'alertScope') ?? '',
    );
    const tags = [
      ...stringList(body.tags),
      ...scope,
      ...fromTitle.scopeTags,
      ...(first(body, 'hostname', 'host_name', 'host')
        ? [`host:${first(body, 'hostname', 'host_name', 'host')}`]
        : []),
    ];
    // the same alert across Triggered, Warn and Recovered
    const fingerprint =
      first(body, 'cycle_key', 'alert_cycle_key', 'alertCycleKey') ??
      first(body, 'aggreg_key', 'aggregation_key') ??
      [
        first(body, 'alert_id', 'alertId', 'monitor_id') ?? fromTitle.name,
        [...new Set([...scope, ...fromTitle.scopeTags])].sort().join(','),
      ].join(' ');
    const priority = first(body, 'priority', 'alert_priority', 'alertPriority');
    const resolved = /recover|resolv|success|^ok$/i.test(transition);
    const when = lenientTime(body.date, receivedAt);
    return [
      {
        source: 'datadog',
        fingerprint,
        state: resolved ? 'resolved' : 'firing',
        severity: datadogSeverity(
          priority,
          transition,
          first(body, 'alert_type', 'alertType'),
        ),
        toolSeverity: priority,
        title: fromTitle.name,
        description: first(body, 'body', 'event_msg', 'message', 'text'),
        startedAt: when,
        endedAt: resolved ? when : undefined,
        url: first(body, 'link', 'url', 'event_url'),
        labels: {
          ...tagsToLabels(tags),
          ...(priority ? { priority } : {}),
          transition,
        },
      },
    ];
  },
};
