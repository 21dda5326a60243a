import {
  isMajorIncident,
  MAJOR_PRIORITIES,
  toDate,
} from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { boundedText } from '../lib/boundedText';
import { batches } from './batches';
import { toIncident } from './incidentRows';
import { StoredIncident } from './types';

/** A PagerDuty log entry of an incident, as stored. */
export type StoredLogEntry = {
  account: string;
  incidentId: string;
  id: string;
  /** PagerDuty's type, e.g. `acknowledge_log_entry`. */
  type: string;
  at: Date;
  /** Who did it, as PagerDuty names them. */
  agent?: string;
  summary: string;
  /** The note an `annotate_log_entry` carries. */
  note?: string;
};

/** How far an incident's log has been read. */
export type LogReadState = {
  /** The last successful read. */
  readAt?: Date;
  /** Read after the incident resolved: nothing more will come. */
  complete: boolean;
  /** Why the last read failed, and when; cleared by a success. */
  error?: string;
  failedAt?: Date;
};

/** A postmortem link set in the portal. */
export type StoredPostmortem = {
  account: string;
  incidentId: string;
  url: string;
  title?: string;
  setBy: string;
  setAt: Date;
};

/**
 * Incident timelines: PagerDuty's log entries of major incidents, how far
 * each log was read, and postmortems linked in the portal.
 *
 * @public
 */
export interface IncidentTimelineStore {
  /** Stores log entries; one already stored is replaced. */
  upsertLogEntries(entries: StoredLogEntry[]): Promise<void>;
  /** An incident's log entries, oldest first, at most `limit`. */
  logEntriesOf(
    account: string,
    incidentId: string,
    limit: number,
  ): Promise<StoredLogEntry[]>;
  /** Records a successful read of an incident's log. */
  recordRead(
    account: string,
    incidentId: string,
    read: { at: Date; complete: boolean },
  ): Promise<void>;
  /** Records a failed read; the last success is kept. */
  recordFailure(
    account: string,
    incidentId: string,
    failure: { at: Date; error: string },
  ): Promise<void>;
  readStateOf(
    account: string,
    incidentId: string,
  ): Promise<LogReadState | undefined>;
  /**
   * The major incidents of an account created since `since` whose log is not
   * complete, newest first, at most `limit`, each with how far it was read.
   */
  incompleteMajorIncidents(
    account: string,
    since: Date,
    limit: number,
  ): Promise<{ incident: StoredIncident; read?: LogReadState }[]>;
  /**
   * Major incidents created since `since`, newest first, at most `limit`: of
   * the given services, or of every service without them.
   */
  listMajorIncidents(options: {
    since: Date;
    limit: number;
    services?: { account: string; serviceId: string }[];
  }): Promise<StoredIncident[]>;
  /** The notes PagerDuty logged on some incidents (`annotate_log_entry`), newest first. */
  loggedNotesOf(
    incidents: { account: string; incidentId: string }[],
  ): Promise<{ account: string; incidentId: string; note: string }[]>;
  /** Sets (or with `null` removes) an incident's postmortem link. */
  setPostmortem(
    account: string,
    incidentId: string,
    postmortem: Omit<StoredPostmortem, 'account' | 'incidentId'> | null,
  ): Promise<void>;
  /** The postmortem links set for some incidents. */
  postmortemsOf(
    incidents: { account: string; incidentId: string }[],
  ): Promise<StoredPostmortem[]>;
  /** Deletes log entries and read states of incidents older than `before`. */
  pruneBefore(before: Date): Promise<number>;
}

// each log row binds 8 values; SQLite allows 999 per statement
const CHUNK = 100;
const KEYS_PER_READ = 200;
const MAX_SUMMARY = 2_000;
const MAX_NOTE = 4_000;

/** {@link isMajorIncident} in SQL, on the incidents table under `alias`. */
const whereMajor = (alias: string) => (q: Knex.QueryBuilder) =>
  q
    .whereRaw(
      `upper(${alias}.priority) in (${MAJOR_PRIORITIES.map(() => '?').join(
        ', ',
      )})`,
      [...MAJOR_PRIORITIES],
    )
    .orWhere(q2 =>
      q2.whereNull(`${alias}.priority`).andWhere(`${alias}.urgency`, 'high'),
    );

const toReadState = (r: any): LogReadState => ({
  readAt: toDate(r.read_at),
  complete: Boolean(r.complete),
  error: r.error ?? undefined,
  failedAt: toDate(r.failed_at),
});

/** {@link IncidentTimelineStore} on the plugin's database. */
export class DatabaseIncidentTimelineStore implements IncidentTimelineStore {
  constructor(private readonly db: Knex) {}

  async upsertLogEntries(entries: StoredLogEntry[]): Promise<void> {
    const rows = [
      ...new Map(
        entries.map(e => [
          `${e.account}\u0000${e.incidentId}\u0000${e.id}`,
          {
            account: e.account,
            incident_id: e.incidentId,
            id: e.id,
            type: e.type.slice(0, 64),
            at: e.at,
            agent: e.agent?.slice(0, 255) ?? null,
            summary: boundedText(e.summary, MAX_SUMMARY),
            note: e.note ? boundedText(e.note, MAX_NOTE) : null,
          },
        ]),
      ).values(),
    ];
    await this.db.transaction(async tx => {
      for (const chunk of batches(rows, CHUNK))
        await tx('status_incident_log_entries')
          .insert(chunk)
          .onConflict(['account', 'incident_id', 'id'])
          .merge();
    });
  }

  async logEntriesOf(
    account: string,
    incidentId: string,
    limit: number,
  ): Promise<StoredLogEntry[]> {
    const rows = await this.db('status_incident_log_entries')
      .where({ account, incident_id: incidentId })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(r => ({
      account: r.account,
      incidentId: r.incident_id,
      id: r.id,
      type: r.type,
      at: toDate(r.at)!,
      agent: r.agent ?? undefined,
      summary: r.summary,
      note: r.note ?? undefined,
    }));
  }

  async recordRead(
    account: string,
    incidentId: string,
    read: { at: Date; complete: boolean },
  ): Promise<void> {
    await this.db('status_incident_log_reads')
      .insert({
        account,
        incident_id: incidentId,
        read_at: read.at,
        complete: read.complete,
        error: null,
        failed_at: null,
      })
      .onConflict(['account', 'incident_id'])
      .merge();
  }

  async recordFailure(
    account: string,
    incidentId: string,
    failure: { at: Date; error: string },
  ): Promise<void> {
    await this.db('status_incident_log_reads')
      .insert({
        account,
        incident_id: incidentId,
        complete: false,
        error: failure.error.slice(0, 1_000),
        failed_at: failure.at,
      })
      .onConflict(['account', 'incident_id'])
      .merge(['error', 'failed_at']);
  }

  async readStateOf(
    account: string,
    incidentId: string,
  ): Promise<LogReadState | undefined> {
    const row = await this.db('status_incident_log_reads')
      .where({ account, incident_id: incidentId })
      .first();
    return row ? toReadState(row) : undefined;
  }

  async incompleteMajorIncidents(
    account: string,
    since: Date,
    limit: number,
  ): Promise<{ incident: StoredIncident; read?: LogReadState }[]> {
    const rows = await this.db('status_pd_incidents as i')
      .leftJoin('status_incident_log_reads as r', function joinReads() {
        this.on('r.account', '=', 'i.account').andOn(
          'r.incident_id',
          '=',
          'i.id',
        );
      })
      .where('i.account', account)
      .where('i.created_at', '>=', since)
      .where(whereMajor('i'))
      .where(q => q.whereNull('r.complete').orWhere('r.complete', false))
      .orderBy('i.created_at', 'desc')
      .limit(limit)
      .select(
        'i.*',
        'r.read_at as r_read_at',
        'r.complete as r_complete',
        'r.error as r_error',
        'r.failed_at as r_failed_at',
        'r.incident_id as r_incident_id',
      );
    return rows
      .map(r => ({
        incident: toIncident(r),
        read: r.r_incident_id
          ? toReadState({
              read_at: r.r_read_at,
              complete: r.r_complete,
              error: r.r_error,
              failed_at: r.r_failed_at,
            })
          : undefined,
      }))
      .filter(({ incident }) => isMajorIncident(incident));
  }

  async listMajorIncidents(options: {
    since: Date;
    limit: number;
    services?: { account: string; serviceId: string }[];
  }): Promise<StoredIncident[]> {
    const read = async (services?: { account: string; serviceId: string }[]) =>
      (
        await this.db('status_pd_incidents as i')
          .where('i.created_at', '>=', options.since)
          .where(whereMajor('i'))
          .modify(q => {
            if (services)
              q.where(inner => {
                for (const s of services)
                  inner.orWhere({
                    'i.account': s.account,
                    'i.service_id': s.serviceId,
                  });
              });
          })
          .orderBy('i.created_at', 'desc')
          .limit(options.limit)
      ).map(toIncident);
    if (!options.services) return read();
    const found: StoredIncident[] = [];
    for (const chunk of batches(options.services, KEYS_PER_READ))
      found.push(...(await read(chunk)));
    return found
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, options.limit);
  }

  async loggedNotesOf(
    incidents: { account: string; incidentId: string }[],
  ): Promise<{ account: string; incidentId: string; note: string }[]> {
    const result: { account: string; incidentId: string; note: string }[] = [];
    for (const chunk of batches(incidents, KEYS_PER_READ)) {
      if (!chunk.length) continue;
      const rows = await this.db('status_incident_log_entries')
        .whereNotNull('note')
        .where(q => {
          for (const i of chunk)
            q.orWhere({ account: i.account, incident_id: i.incidentId });
        })
        .orderBy('at', 'desc')
        .select('account', 'incident_id', 'note');
      for (const r of rows)
        result.push({
          account: r.account,
          incidentId: r.incident_id,
          note: r.note,
        });
    }
    return result;
  }

  async setPostmortem(
    account: string,
    incidentId: string,
    postmortem: Omit<StoredPostmortem, 'account' | 'incidentId'> | null,
  ): Promise<void> {
    if (!postmortem) {
      await this.db('status_incident_postmortems')
        .where({ account, incident_id: incidentId })
        .delete();
      return;
    }
    await this.db('status_incident_postmortems')
      .insert({
        account,
        incident_id: incidentId,
        url: postmortem.url,
        title: postmortem.title ?? null,
        set_by: postmortem.setBy,
        set_at: postmortem.setAt,
      })
      .onConflict(['account', 'incident_id'])
      .merge();
  }

  async postmortemsOf(
    incidents: { account: string; incidentId: string }[],
  ): Promise<StoredPostmortem[]> {
    const result: StoredPostmortem[] = [];
    for (const chunk of batches(incidents, KEYS_PER_READ)) {
      if (!chunk.length) continue;
      const rows = await this.db('status_incident_postmortems').where(q => {
        for (const i of chunk)
          q.orWhere({ account: i.account, incident_id: i.incidentId });
      });
      for (const r of rows)
        result.push({
          account: r.account,
          incidentId: r.incident_id,
          url: r.url,
          title: r.title ?? undefined,
          setBy: r.set_by,
          setAt: toDate(r.set_at)!,
        });
    }
    return result;
  }

  async pruneBefore(before: Date): Promise<number> {
    const entries = await this.db('status_incident_log_entries')
      .where('at', '<', before)
      .delete();
    const reads = await this.db('status_incident_log_reads')
      .where(q =>
        q
          .where('read_at', '<', before)
          .orWhere(q2 =>
            q2.whereNull('read_at').andWhere('failed_at', '<', before),
          ),
      )
      .delete();
    return entries + reads;
  }
}
