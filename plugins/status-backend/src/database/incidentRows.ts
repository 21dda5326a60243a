import { toDate } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { batches } from './batches';
import { StoredIncident } from './types';

/* PagerDuty incidents: upserted as observed (never rolled back), read open, per service and by time. */

// Rows per insert: SQLite allows 999 bound variables per statement.
const CHUNK = 50;

const orNull = <T>(value: T | undefined): T | null =>
  value === undefined ? null : value;

export async function upsertIncidents(
  db: Knex,
  incidents: StoredIncident[],
): Promise<void> {
  // one row per incident: PostgreSQL refuses to update a row twice in one statement
  const latest = new Map<string, StoredIncident>();
  for (const incident of incidents) {
    const key = `${incident.account}/${incident.id}`;
    const known = latest.get(key);
    if (!known || known.observedAt <= incident.observedAt)
      latest.set(key, incident);
  }
  const rows = [...latest.values()];
  // the store's own clock: readers follow what was written since their last read
  const storedAt = new Date();
  for (const batch of batches(rows, CHUNK)) {
    await db('status_pd_incidents')
      .insert(
        batch.map(x => ({
          account: x.account,
          id: x.id,
          number: x.number,
          title: x.title,
          service_id: x.serviceId,
          status: x.status,
          urgency: x.urgency,
          priority: orNull(x.priority),
          html_url: orNull(x.htmlUrl),
          created_at: x.createdAt,
          acknowledged_at: orNull(x.acknowledgedAt),
          resolved_at: orNull(x.resolvedAt),
          resolved_by: orNull(x.resolvedBy),
          changed_at: x.changedAt,
          observed_at: x.observedAt,
          stored_at: storedAt,
          assignees: JSON.stringify(x.assignees),
          conference_url: orNull(x.conferenceUrl),
          conference_number: orNull(x.conferenceNumber),
        })),
      )
      .onConflict(['account', 'id'])
      .merge()
      // a state observed earlier than what is stored never overwrites it
      .where(q =>
        q
          .whereNull('status_pd_incidents.observed_at')
          .orWhere(
            'status_pd_incidents.observed_at',
            '<=',
            db.raw('excluded.observed_at'),
          ),
      );
  }
}

export function toIncident(r: any): StoredIncident {
  return {
    account: r.account,
    id: r.id,
    number: Number(r.number),
    title: r.title,
    serviceId: r.service_id,
    status: r.status,
    urgency: r.urgency,
    priority: r.priority ?? undefined,
    htmlUrl: r.html_url ?? undefined,
    createdAt: toDate(r.created_at)!,
    acknowledgedAt: toDate(r.acknowledged_at),
    resolvedAt: toDate(r.resolved_at),
    resolvedBy: r.resolved_by ?? undefined,
    changedAt: toDate(r.changed_at)!,
    observedAt: toDate(r.observed_at) ?? toDate(r.changed_at)!,
    assignees: JSON.parse(r.assignees),
    conferenceUrl: r.conference_url ?? undefined,
    conferenceNumber: r.conference_number ?? undefined,
  };
}

export async function listOpenIncidents(db: Knex): Promise<StoredIncident[]> {
  const rows = await db('status_pd_incidents')
    .whereIn('status', ['triggered', 'acknowledged'])
    .orderBy('created_at', 'desc');
  return rows.map(r => toIncident(r));
}

/** Incidents of any status written since `since`. */
export async function listIncidentsStoredSince(
  db: Knex,
  since: Date,
): Promise<StoredIncident[]> {
  const rows = await db('status_pd_incidents').where('stored_at', '>=', since);
  return rows.map(r => toIncident(r));
}

export async function listIncidentTimes(
  db: Knex,
  services: { account: string; serviceId: string }[],
  since: Date,
  limit: number,
) {
  if (!services.length) return [];
  const rows = await db('status_pd_incidents')
    .where(q => {
      for (const { account, serviceId } of services)
        q.orWhere({ account, service_id: serviceId });
    })
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .select('created_at', 'acknowledged_at', 'resolved_at');
  return rows.map(r => ({
    createdAt: toDate(r.created_at)!,
    acknowledgedAt: toDate(r.acknowledged_at),
    resolvedAt: toDate(r.resolved_at),
  }));
}

export async function listIncidents(
  db: Knex,
  services: { account: string; serviceId: string }[],
  options: { since: Date; limit: number; resolvedOnly?: boolean },
): Promise<StoredIncident[]> {
  if (!services.length) return [];
  const query = db('status_pd_incidents')
    .where(q => {
      for (const { account, serviceId } of services)
        q.orWhere({ account, service_id: serviceId });
    })
    .where('created_at', '>=', options.since)
    .orderBy('created_at', 'desc')
    .limit(options.limit);
  if (options.resolvedOnly) query.where('status', 'resolved');
  return (await query).map(r => toIncident(r));
}

export async function listAllIncidentTimes(
  db: Knex,
  since: Date,
  limit: number,
) {
  const rows = await db('status_pd_incidents')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .select(
      'account',
      'service_id',
      'created_at',
      'acknowledged_at',
      'resolved_at',
    );
  return rows.map(r => ({
    account: r.account,
    serviceId: r.service_id,
    createdAt: toDate(r.created_at)!,
    acknowledgedAt: toDate(r.acknowledged_at),
    resolvedAt: toDate(r.resolved_at),
  }));
}

export async function getIncident(
  db: Knex,
  account: string,
  id: string,
): Promise<StoredIncident | undefined> {
  const row = await db('status_pd_incidents').where({ account, id }).first();
  return row ? toIncident(row) : undefined;
}
