import { InputError } from '@backstage/errors';
import {
  AlertSeverity,
  ALERT_SEVERITIES,
  PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
} from '@status-layer/plugin-status-common';
import { AlertSource, hasSharedSecret } from '@status-layer/plugin-status-node';
import { createHash } from 'node:crypto';
import { labels, lenientTime, object, optionalText, text } from './parsing';

const ACTIONS = ['trigger', 'acknowledge', 'resolve'];

/**
 * A generic receiver for PagerDuty Events API v2 bodies, so any tool that
 * can send to PagerDuty can send here: `trigger` and `acknowledge` fire,
 * `resolve` resolves, `dedup_key` identifies the alert (derived from the
 * routing key, source and summary when a trigger has none, as PagerDuty
 * does). The routing key can name an entity through its
 * `pagerduty.com/integration-key` annotation. Authenticated by bearer token
 * or `?token=`.
 */
export const eventsV2Source: AlertSource = {
  id: 'generic',
  title: 'Events API v2',
  credentialsIn: 'request',
  // the entity's integration key, which the alert carries as routing key
  matcher: {
    annotation: PAGERDUTY_INTEGRATION_KEY_ANNOTATION,
    by: 'keys',
    keysField: 'routing_key',
    readKeys: value => (value.trim() ? [value.trim()] : []),
    // the integration key is a secret, so name the entity instead
    suggest: () => 'payload.component: <the entity’s name>',
  },
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    const routingKey = text(body.routing_key, 'routing_key');
    const action = text(body.event_action, 'event_action');
    if (!ACTIONS.includes(action)) {
      throw new InputError(
        `event_action must be one of ${ACTIONS.join(', ')}, not "${action}"`,
      );
    }
    const payload =
      action === 'trigger'
        ? object(body.payload, 'payload')
        : (body.payload as Record<string, unknown> | undefined) ?? {};
    let dedupKey = optionalText(body.dedup_key);
    if (!dedupKey) {
      if (action !== 'trigger')
        throw new InputError(`dedup_key is required to ${action}`);
      dedupKey = createHash('sha256')
        .update(
          `${routingKey}\n${String(payload.source)}\n${String(
            payload.summary,
          )}`,
        )
        .digest('hex');
    }
    const summary =
      action === 'trigger'
        ? text(payload.summary, 'payload.summary')
        : optionalText(payload.summary) ?? `Resolved: ${dedupKey}`;
    const givenSeverity = optionalText(payload.severity);
    if (action === 'trigger') {
      if (
        !givenSeverity ||
        !(ALERT_SEVERITIES as readonly string[]).includes(givenSeverity)
      ) {
        throw new InputError(
          `payload.severity must be one of ${ALERT_SEVERITIES.join(', ')}`,
        );
      }
    }
    const links = Array.isArray(body.links) ? body.links : [];
    const firstLink = links.find(
      (l): l is { href: string } =>
        typeof l === 'object' && l !== null && typeof l.href === 'string',
    );
    const details = labels(payload.custom_details);
    // component and source are names of its subject (targets), not labels
    for (const key of ['group', 'class'] as const) {
      const value = optionalText(payload[key]);
      if (value) details[key] ??= value;
    }
    const resolved = action === 'resolve';
    const names = (['component', 'source'] as const)
      .map(from => ({ value: optionalText(payload[from]), from }))
      .filter((n): n is { value: string; from: 'component' | 'source' } =>
        Boolean(n.value),
      );
    return [
      {
        source: 'generic',
        fingerprint: dedupKey,
        state: resolved ? 'resolved' : 'firing',
        severity: (givenSeverity as AlertSeverity | undefined) ?? 'error',
        title: summary,
        startedAt: lenientTime(payload.timestamp, receivedAt),
        endedAt: resolved ? receivedAt.toISOString() : undefined,
        url: firstLink?.href ?? optionalText(body.client_url),
        labels: details,
        targets: { keys: [routingKey], names },
      },
    ];
  },
};
