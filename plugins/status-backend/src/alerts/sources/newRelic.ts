import { InputError } from '@backstage/errors';
import {
  AlertSeverity,
  NEW_RELIC_ENTITY_GUID_ANNOTATION,
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

const PRIORITY: Record<string, AlertSeverity> = {
  CRITICAL: 'critical',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'info',
  WARNING: 'warning',
  INFO: 'info',
};

const names = (values: string[]) =>
  values.map(value => ({ value, from: 'entity' as const }));

/**
 * A workflow webhook with New Relic's default payload template: `id` (the
 * issue ID), `issueUrl`, `title` (a list), `priority`, `impactedEntities`,
 * `state` CREATED, ACTIVATED or CLOSED, `createdAt`/`updatedAt` in epoch
 * milliseconds. Templates of one's own with `issueId`, `entitiesData`, `tags`
 * or `closedAt` are read too.
 */
function workflowIssue(
  body: Record<string, unknown>,
  receivedAt: Date,
): NormalisedAlert {
  const issueId = optionalText(body.issueId ?? body.id);
  if (!issueId) {
    throw new InputError(
      'id is missing: the default payload of a New Relic workflow webhook sends the issue ID as {{issueId}} (New Relic docs: Notification integrations › Webhook)',
    );
  }
  const state = (optionalText(body.state) ?? 'ACTIVATED').toUpperCase();
  const closed = state === 'CLOSED';
  const entitiesData =
    typeof body.entitiesData === 'object' && body.entitiesData !== null
      ? (body.entitiesData as Record<string, unknown>)
      : {};
  const title = Array.isArray(body.title)
    ? optionalText(body.title[0])
    : optionalText(body.title);
  const priority = optionalText(body.priority)?.toUpperCase();
  return {
    source: 'newrelic',
    fingerprint: issueId,
    state: closed ? 'resolved' : 'firing',
    severity: PRIORITY[priority ?? ''] ?? 'warning',
    toolSeverity: priority,
    title: title || `New Relic issue ${issueId}`,
    description:
      [
        ...stringList(body.alertConditionNames),
        ...stringList(body.alertPolicyNames),
      ].join(' · ') || optionalText(body.trigger),
    startedAt: lenientTime(body.createdAt, receivedAt),
    endedAt: closed
      ? lenientTime(body.closedAt ?? body.updatedAt, receivedAt)
      : undefined,
    url: optionalText(body.issueUrl) ?? optionalText(body.issuePageUrl),
    labels: {
      ...labels(body.tags),
      state,
      ...(priority ? { priority } : {}),
    },
    targets: {
      names: names(stringList(body.impactedEntities ?? entitiesData.names)),
      keys: stringList(body.entityGuids ?? entitiesData.guids),
    },
  };
}

/**
 * The legacy alert-policy webhook channel's default payload: `incident_id`,
 * `current_state` open, acknowledged or closed, `condition_name`,
 * `policy_name`, `details`, `incident_url`, `severity`, and `targets` with
 * each target's name, link and labels.
 */
function legacyIncident(
  body: Record<string, unknown>,
  receivedAt: Date,
): NormalisedAlert {
  const incidentId = optionalText(body.incident_id);
  const state = (optionalText(body.current_state) ?? 'open').toLowerCase();
  const closed = state === 'closed';
  const targets = Array.isArray(body.targets)
    ? body.targets.filter(
        (t): t is Record<string, unknown> =>
          typeof t === 'object' && t !== null,
      )
    : [];
  const severityWord = optionalText(body.severity)?.toUpperCase();
  const condition = optionalText(body.condition_name);
  return {
    source: 'newrelic',
    fingerprint: `incident:${incidentId}`,
    state: closed ? 'resolved' : 'firing',
    severity: PRIORITY[severityWord ?? ''] ?? 'warning',
    toolSeverity: severityWord,
    title:
      condition ??
      optionalText(body.details) ??
      `New Relic incident ${incidentId}`,
    description: optionalText(body.details),
    startedAt: lenientTime(body.timestamp, receivedAt),
    endedAt: closed ? lenientTime(body.timestamp, receivedAt) : undefined,
    url: optionalText(body.incident_url) ?? optionalText(targets[0]?.link),
    labels: {
      ...Object.assign({}, ...targets.map(t => labels(t.labels))),
      state,
      ...(optionalText(body.policy_name)
        ? { policy: String(body.policy_name) }
        : {}),
    },
    targets: {
      names: names(
        targets
          .map(t => optionalText(t.name))
          .filter((n): n is string => Boolean(n)),
      ),
      keys: targets
        .map(t => optionalText(t.id))
        .filter((id): id is string => Boolean(id)),
    },
  };
}

/**
 * New Relic: a workflow webhook with its default payload (one issue per POST)
 * or the legacy alert-policy webhook channel (one incident per POST), told
 * apart by their identifying field. Authenticated by the destination's bearer
 * token or `?token=`.
 */
export const newRelicSource: AlertSource = {
  id: 'newrelic',
  title: 'New Relic',
  credentialsIn: 'request',
  // an entity's GUIDs; an alert carries those of its impacted entities
  matcher: {
    annotation: NEW_RELIC_ENTITY_GUID_ANNOTATION,
    by: 'keys',
    keysField: 'The impacted entities',
  },
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    if (optionalText(body.incident_id) && !optionalText(body.issueId))
      return [legacyIncident(body, receivedAt)];
    return [workflowIssue(body, receivedAt)];
  },
};
