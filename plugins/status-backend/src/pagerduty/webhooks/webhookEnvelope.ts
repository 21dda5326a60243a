import { printable } from '../../lib/ThrottledWarnings';
import { INCIDENT_UPDATE_EVENTS } from '../incidentUpdates';
import { isPagerDutyId } from '../mapping';

/**
 * Why a signed webhook event of a type the plugin reads cannot be applied,
 * or undefined when it can. Checked before the event is stored, so a
 * malformed body is refused with a 400 instead of waiting in the queue for a
 * processor that can only drop it.
 */
export function malformedEventProblem(event: {
  event_type: string;
  [key: string]: unknown;
}): string | undefined {
  if (
    event.id !== undefined &&
    (typeof event.id !== 'string' || event.id === '')
  ) {
    return 'event.id is not a text';
  }
  const occurredAt = event.occurred_at;
  if (
    occurredAt !== undefined &&
    occurredAt !== null &&
    (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt)))
  ) {
    return 'event.occurred_at is not a date';
  }
  const data = event.data as Record<string, unknown> | null | undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'event.data is not an object';
  }
  if (!isPagerDutyId(data.id)) {
    return 'event.data.id is not a PagerDuty ID (1 to 64 characters)';
  }
  const updateType = INCIDENT_UPDATE_EVENTS[event.event_type]?.dataType;
  if (updateType) {
    if (data.type !== updateType)
      return `event.data.type is ${printable(
        JSON.stringify(data.type) ?? 'missing',
      )}, not "${updateType}"`;
    const incident = data.incident as { id?: unknown } | undefined;
    if (!isPagerDutyId(incident?.id))
      return 'event.data.incident.id is not a PagerDuty ID (1 to 64 characters)';
    return undefined;
  }
  if (event.event_type.startsWith('incident.') && data.type !== 'incident') {
    return `event.data.type is ${printable(
      JSON.stringify(data.type) ?? 'missing',
    )}, not "incident"`;
  }
  return undefined;
}
