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

const PRIORITY: Record<string, AlertSeverity> = {
  CRITICAL: 'critical',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'info',
};

/**
 * New Relic's workflow webhook with its default payload: one issue per POST,
 * `state` ACTIVATED, ACKNOWLEDGED or CLOSED, identified by its issue ID.
 * Authenticated by the destination's bearer token or `?token=`.
 */
export const newRelicSource: AlertSource = {
  id: 'newrelic',
  title: 'New Relic',
  authenticate: (request, { secret }) => hasSharedSecret(request, secret),
  parse(request, { receivedAt }) {
    const body = object(request.body, 'The body');
    const issueId = text(body.issueId ?? body.id, 'issueId');
    const state = text(body.state, 'state').toUpperCase();
    if (!['ACTIVATED', 'ACKNOWLEDGED', 'CLOSED', 'CREATED'].includes(state)) {
      throw new InputError(
        `state must be ACTIVATED, ACKNOWLEDGED or CLOSED, not "${state}"`,
      );
    }
    const closed = state === 'CLOSED';
    const entitiesData =
      typeof body.entitiesData === 'object' && body.entitiesData !== null
        ? (body.entitiesData as Record<string, unknown>)
        : {};
    const title = Array.isArray(body.title)
      ? String(body.title[0] ?? '')
      : optionalText(body.title);
    return [
      {
        source: 'newrelic',
        fingerprint: issueId,
        state: closed ? 'resolved' : 'firing',
        severity:
          PRIORITY[String(body.priority ?? '').toUpperCase()] ?? 'warning',
        title: title || `New Relic issue ${issueId}`,
        description: optionalText(body.trigger),
        startedAt: time(body.createdAt, 'createdAt', receivedAt),
        endedAt: closed
          ? time(body.closedAt ?? body.updatedAt, 'closedAt', receivedAt)
          : undefined,
        url: optionalText(body.issueUrl) ?? optionalText(body.issuePageUrl),
        labels: {
          ...labels(body.tags),
          state,
          ...(optionalText(body.priority)
            ? { priority: String(body.priority) }
            : {}),
        },
        targets: {
          entityNames: stringList(body.impactedEntities ?? entitiesData.names),
          newRelicEntityGuids: stringList(
            body.entityGuids ?? entitiesData.guids,
          ),
        },
      },
    ];
  },
};
