import {
  AlertTargets,
  NormalisedAlert,
  toDate,
} from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { batches } from './batches';
import { createHash } from 'node:crypto';

/** An alert as stored, with when it was last received and last changed. */
export type StoredAlert = NormalisedAlert & {
  receivedAt: Date;
  changedAt: Date;
};

/**
 * Monitoring alerts: firing and resolved, one row per (source, fingerprint).
 *
 * @public
 */
export interface AlertStore {
  /** Stores alerts; a repeated alert updates its row. */
  upsertAlerts(alerts: NormalisedAlert[], receivedAt: Date): Promise<void>;
  /** Deletes alerts resolved before the given time; returns how many. */
  pruneResolved(before: Date): Promise<number>;
  /** Alerts, newest first; only firing ones unless `includeResolvedSince` is given. */
  listAlerts(options?: {
    includeResolvedSince?: Date;
    source?: string;
  }): Promise<StoredAlert[]>;
  /** Alerts written (received, resolved, expired) at or after a time. */
  listChangedSince(since: Date): Promise<StoredAlert[]>;
  /** Alerts that started in `[from, to]`, oldest first, at most `limit`. */
  listStartedBetween(
    from: Date,
    to: Date,
    limit: number,
  ): Promise<StoredAlert[]>;
  /** How many alerts of a source fire. */
  countFiring(source: string): Promise<number>;
  /** Which of these fingerprints of a source fire already. */
  firingFingerprints(source: string, fingerprints: string[]): Promise<string[]>;
  /**
   * Resolves the firing alerts of a source its tool has not sent again since
   * `notSentSince`; returns how many.
   */
  expireFiring(source: string, notSentSince: Date, now: Date): Promise<number>;
}

const CHUNK = 200;
const MAX_FINGERPRINT = 255;

/** Fingerprints longer than the column are hashed: still stable, still unique. */
function storedFingerprint(fingerprint: string): string {
  return fingerprint.length <= MAX_FINGERPRINT
    ? fingerprint
    : `sha256:${createHash('sha256').update(fingerprint).digest('hex')}`;
}

/** {@link AlertStore} on the plugin's database (PostgreSQL or SQLite). */
export class DatabaseAlertStore implements AlertStore {
  constructor(private readonly db: Knex) {}

  async upsertAlerts(alerts: NormalisedAlert[], receivedAt: Date) {
    // one row per alert even when a body repeats it: the last one wins
    const unique = new Map<string, NormalisedAlert>();
    for (const a of alerts)
      unique.set(`${a.source}\n${storedFingerprint(a.fingerprint)}`, a);
    const rows = [...unique.values()].map(a => ({
      source: a.source,
      fingerprint: storedFingerprint(a.fingerprint),
      state: a.state,
      severity: a.severity,
      title: a.title,
      description: a.description ?? null,
      started_at: new Date(a.startedAt),
      ended_at: a.endedAt ? new Date(a.endedAt) : null,
      url: a.url ?? null,
      labels: JSON.stringify(a.labels),
      targets: a.targets ? JSON.stringify(a.targets) : null,
      tool_severity: a.toolSeverity?.slice(0, 64) ?? null,
      received_at: receivedAt,
      changed_at: receivedAt,
    }));
    for (const batch of batches(rows, CHUNK)) {
      await this.db('status_alerts')
        .insert(batch)
        .onConflict(['source', 'fingerprint'])
        .merge();
    }
  }

  async pruneResolved(before: Date): Promise<number> {
    return this.db('status_alerts')
      .where('state', 'resolved')
      .andWhere(q =>
        q
          .where('ended_at', '<', before)
          .orWhere(q2 =>
            q2.whereNull('ended_at').andWhere('received_at', '<', before),
          ),
      )
      .delete();
  }

  async listAlerts(
    options: { includeResolvedSince?: Date; source?: string } = {},
  ): Promise<StoredAlert[]> {
    const rows = await this.db('status_alerts')
      .where(q => {
        q.where('state', 'firing');
        if (options.includeResolvedSince)
          q.orWhere('ended_at', '>=', options.includeResolvedSince);
      })
      .modify(q => {
        if (options.source) q.andWhere('source', options.source);
      })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'fingerprint', order: 'asc' },
      ]);
    return rows.map(toStoredAlert);
  }

  async listStartedBetween(
    from: Date,
    to: Date,
    limit: number,
  ): Promise<StoredAlert[]> {
    const rows = await this.db('status_alerts')
      .whereBetween('started_at', [from, to])
      .orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'fingerprint', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(toStoredAlert);
  }

  async listChangedSince(since: Date): Promise<StoredAlert[]> {
    const rows = await this.db('status_alerts').where(
      'changed_at',
      '>=',
      since,
    );
    return rows.map(toStoredAlert);
  }

  async countFiring(source: string): Promise<number> {
    const [{ n }] = await this.db('status_alerts')
      .where({ source, state: 'firing' })
      .count({ n: '*' });
    return Number(n);
  }

  async firingFingerprints(
    source: string,
    fingerprints: string[],
  ): Promise<string[]> {
    // answered as given, though long ones are stored hashed
    const given = new Map(fingerprints.map(f => [storedFingerprint(f), f]));
    const stored = [...given.keys()];
    const found: string[] = [];
    for (const batch of batches(stored, CHUNK)) {
      const rows: string[] = await this.db('status_alerts')
        .where({ source, state: 'firing' })
        .whereIn('fingerprint', batch)
        .pluck('fingerprint');
      found.push(...rows.map(f => given.get(f) ?? f));
    }
    return found;
  }

  async expireFiring(
    source: string,
    notSentSince: Date,
    now: Date,
  ): Promise<number> {
    return this.db('status_alerts')
      .where({ source, state: 'firing' })
      .andWhere('received_at', '<', notSentSince)
      .update({ state: 'resolved', ended_at: now, changed_at: now });
  }
}

/**
 * An alert's targets as stored. Rows written before each source declared its
 * own matcher keep their keys in a field per tool (`azureResourceIds`,
 * `newRelicEntityGuids`, `statusCakeTestName`, `routingKey`): those are read
 * as `keys`, so they match as they always did.
 */
function storedTargets(stored: Record<string, any>): AlertTargets {
  const {
    azureResourceIds,
    newRelicEntityGuids,
    statusCakeTestName,
    routingKey,
    ...targets
  } = stored;
  const legacy: string[] = [
    ...(azureResourceIds ?? []),
    ...(newRelicEntityGuids ?? []),
    ...(statusCakeTestName !== undefined ? [statusCakeTestName] : []),
    ...(routingKey !== undefined ? [routingKey] : []),
  ];
  return legacy.length && !targets.keys
    ? { ...targets, keys: legacy }
    : targets;
}

function toStoredAlert(r: any): StoredAlert {
  const receivedAt = toDate(r.received_at)!;
  return {
    source: r.source,
    fingerprint: r.fingerprint,
    state: r.state,
    severity: r.severity,
    toolSeverity: r.tool_severity ?? undefined,
    title: r.title,
    description: r.description ?? undefined,
    startedAt: toDate(r.started_at)!.toISOString(),
    endedAt: toDate(r.ended_at)?.toISOString(),
    url: r.url ?? undefined,
    labels: JSON.parse(r.labels),
    targets: r.targets ? storedTargets(JSON.parse(r.targets)) : undefined,
    receivedAt,
    changedAt: toDate(r.changed_at) ?? receivedAt,
  };
}
