import { NormalisedAlert, toDate } from '@status-layer/plugin-status-common';
import { StoredIncident, StoredPerson, StoredService } from '../database';

/** PagerDuty IDs are short; anything longer than a column holds is not one. */
const MAX_ID_LENGTH = 64;

/** Whether a value can be a PagerDuty object ID. */
export const isPagerDutyId = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length <= MAX_ID_LENGTH;

const personOf = (p: any): StoredPerson => ({
  id: p.id,
  name: p.name ?? p.summary ?? p.id,
  email: p.email,
});

/**
 * A PagerDuty incident in our store's shape, from the REST API (`incident_number`,
 * `assignments`) or a v3 webhook (`number`, `assignees`). What the payload
 * leaves out is taken from `known`, the stored state: a webhook without
 * assignees keeps them, one without a conference bridge keeps it.
 *
 * @returns undefined when the payload is not an incident we can store.
 */
export function toStoredIncident(
  data: any,
  context: {
    account: string;
    /** When this state was true: a webhook's `occurred_at`, or when the sync asked. */
    observedAt: Date;
    known?: StoredIncident;
    /** A webhook's event time, which stands in for timestamps it lacks. */
    eventAt?: Date;
  },
): StoredIncident | undefined {
  const { account, observedAt, known, eventAt } = context;
  const serviceId = data?.service?.id ?? known?.serviceId;
  if (!isPagerDutyId(data?.id) || !isPagerDutyId(serviceId)) return undefined;
  const status: StoredIncident['status'] = [
    'triggered',
    'acknowledged',
    'resolved',
  ].includes(data.status)
    ? data.status
    : known?.status ?? 'triggered';
  // REST names them `assignments[].assignee`, webhooks `assignees[]`; absent: unknown
  const named: any[] | undefined = Array.isArray(data.assignments)
    ? data.assignments.map((a: any) => a?.assignee)
    : data.assignees;
  const assignees: StoredPerson[] | undefined = Array.isArray(named)
    ? named.filter((a: any) => isPagerDutyId(a?.id)).map(personOf)
    : undefined;
  // a webhook names assignees without their e-mail: keep the ones we know
  const emails = new Map(
    (known?.assignees ?? []).map(a => [a.id, a.email] as const),
  );
  const acknowledgedAt =
    toDate(data.acknowledgements?.[0]?.at) ??
    (status === 'triggered' ? undefined : known?.acknowledgedAt);
  const priority =
    data.priority === undefined
      ? known?.priority
      : data.priority?.summary ?? data.priority?.name ?? undefined;
  const bridge = data.conference_bridge;
  return {
    account,
    id: data.id,
    number: Number(data.incident_number ?? data.number ?? known?.number ?? 0),
    title: String(data.title ?? data.summary ?? known?.title ?? data.id),
    serviceId,
    status,
    urgency:
      data.urgency === 'low' || data.urgency === 'high'
        ? data.urgency
        : known?.urgency ?? 'high',
    priority: typeof priority === 'string' ? priority : undefined,
    htmlUrl: data.html_url ?? known?.htmlUrl,
    createdAt:
      toDate(data.created_at) ?? known?.createdAt ?? eventAt ?? observedAt,
    acknowledgedAt,
    resolvedAt:
      status === 'resolved'
        ? toDate(data.resolved_at) ?? known?.resolvedAt ?? eventAt ?? observedAt
        : undefined,
    resolvedBy: status === 'resolved' ? resolverOf(data, known) : undefined,
    changedAt:
      toDate(data.last_status_change_at) ??
      eventAt ??
      toDate(data.updated_at) ??
      known?.changedAt ??
      observedAt,
    observedAt,
    assignees:
      status === 'resolved'
        ? []
        : (assignees ?? known?.assignees ?? []).map(a => ({
            ...a,
            email: a.email ?? emails.get(a.id),
          })),
    conferenceUrl:
      bridge === undefined
        ? known?.conferenceUrl
        : bridge?.conference_url ?? undefined,
    conferenceNumber:
      bridge === undefined
        ? known?.conferenceNumber
        : bridge?.conference_number ?? undefined,
  };
}

/** The person whose status change resolved the incident, when one did. */
function resolverOf(data: any, known?: StoredIncident): string | undefined {
  const by = data.last_status_change_by;
  if (
    typeof by?.type === 'string' &&
    by.type.startsWith('user') &&
    typeof by.summary === 'string'
  )
    return by.summary.slice(0, 255);
  return known?.resolvedBy;
}

/** A PagerDuty service from the REST API in our store's shape. */
export function toStoredService(
  s: any,
  account: string,
  syncedAt: Date,
): StoredService | undefined {
  if (!isPagerDutyId(s?.id)) return undefined;
  const policy = s.escalation_policy;
  return {
    account,
    id: s.id,
    name: s.name ?? s.summary ?? s.id,
    htmlUrl: s.html_url,
    status: typeof s.status === 'string' ? s.status.slice(0, 32) : undefined,
    escalationPolicyId: isPagerDutyId(policy?.id) ? policy.id : undefined,
    escalationPolicyName: policy?.name ?? policy?.summary,
    teams: (s.teams ?? [])
      .filter((t: any) => isPagerDutyId(t?.id))
      .map((t: any) => ({ id: t.id, name: t.name ?? t.summary ?? t.id })),
    syncedAt,
  };
}

/** One of PagerDuty's own alerts under an incident, as a monitoring alert of ours. */
export function toPagerDutyAlert(
  a: any,
  target: { account: string; incidentId: string; serviceId: string },
): NormalisedAlert {
  return {
    source: 'pagerduty',
    fingerprint: `${target.account}/${a.id}`,
    state: a.status === 'resolved' ? 'resolved' : 'firing',
    severity: ['critical', 'error', 'warning', 'info'].includes(a.severity)
      ? a.severity
      : 'error',
    title: a.summary ?? a.body?.details?.summary ?? a.id,
    startedAt: a.created_at,
    url: a.html_url,
    labels: {
      ...(a.alert_key ? { alert_key: a.alert_key } : {}),
      ...(a.body?.details?.source ? { source: a.body.details.source } : {}),
    },
    targets: { pagerDuty: target },
  };
}
