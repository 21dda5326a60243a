import { toDate } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { batches } from './batches';

/** A note or a status update of a PagerDuty incident, as stored. */
export type StoredIncidentUpdate = {
  account: string;
  incidentId: string;
  kind: 'note' | 'status_update';
  id: string;
  at: Date;
  /** Who wrote it, as PagerDuty names them. */
  author?: string;
  message: string;
};

/**
 * Notes and status updates of incidents.
 *
 * @public
 */
export interface IncidentUpdateStore {
  /** Stores updates; one already stored is replaced (a note can be edited). */
  upsert(updates: StoredIncidentUpdate[]): Promise<void>;
  /** The updates of some incidents, newest first, at most `perIncident` each. */
  listFor(
    incidents: { account: string; incidentId: string }[],
    perIncident: number,
  ): Promise<StoredIncidentUpdate[]>;
  /** Deletes updates older than `before`; returns how many went. */
  pruneBefore(before: Date): Promise<number>;
}

// each row binds 7 values; SQLite allows 999 per statement
const CHUNK = 100;
const INCIDENTS_PER_READ = 200;

/** {@link IncidentUpdateStore} on the plugin's database. */
export class DatabaseIncidentUpdateStore implements IncidentUpdateStore {
  constructor(private readonly db: Knex) {}

  async upsert(updates: StoredIncidentUpdate[]): Promise<void> {
    const rows = updates.map(u => ({
      account: u.account,
      incident_id: u.incidentId,
      kind: u.kind,
      id: u.id,
      at: u.at,
      author: u.author ?? null,
      message: u.message,
    }));
    await this.db.transaction(async tx => {
      for (const chunk of batches(rows, CHUNK))
        await tx('status_incident_updates')
          .insert(chunk)
          .onConflict(['account', 'incident_id', 'kind', 'id'])
          .merge();
    });
  }

  async listFor(
    incidents: { account: string; incidentId: string }[],
    perIncident: number,
  ): Promise<StoredIncidentUpdate[]> {
    const result: StoredIncidentUpdate[] = [];
    const keys = [
      ...new Map(
        incidents.map(i => [`${i.account}\u0000${i.incidentId}`, i]),
      ).values(),
    ];
    for (const chunk of batches(keys, INCIDENTS_PER_READ)) {
      const rows = await this.db('status_incident_updates')
        .where(builder => {
          for (const i of chunk)
            builder.orWhere({ account: i.account, incident_id: i.incidentId });
        })
        .orderBy('at', 'desc')
        .orderBy('id', 'desc');
      const taken = new Map<string, number>();
      for (const row of rows) {
        const key = `${row.account}\u0000${row.incident_id}`;
        const count = taken.get(key) ?? 0;
        if (count >= perIncident) continue;
        taken.set(key, count + 1);
        result.push({
          account: row.account,
          incidentId: row.incident_id,
          kind: row.kind,
          id: row.id,
          at: toDate(row.at)!,
          author: row.author ?? undefined,
          message: row.message,
        });
      }
    }
    return result;
  }

  async pruneBefore(before: Date): Promise<number> {
    return this.db('status_incident_updates').where('at', '<', before).delete();
  }
}
