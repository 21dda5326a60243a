import { toDate } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';
import { batches } from './batches';

/** A PagerDuty change event (a deploy, a configuration change) as stored. */
export type StoredChangeEvent = {
  account: string;
  id: string;
  /** The services it names; PagerDuty allows several. */
  serviceIds: string[];
  at: Date;
  summary: string;
  source?: string;
  links: { href: string; text?: string }[];
};

/**
 * PagerDuty change events, read per service and time window.
 *
 * @public
 */
export interface ChangeEventStore {
  /** Stores events; one already stored is replaced (PagerDuty lets a change be updated). */
  upsert(events: StoredChangeEvent[]): Promise<void>;
  /**
   * The events of some services since `since` (before `until`), newest first, at most
   * `limit`; each with the one service of the query it was found under.
   */
  listForServices(
    services: { account: string; serviceId: string }[],
    since: Date,
    limit: number,
    until?: Date,
  ): Promise<(StoredChangeEvent & { serviceId: string })[]>;
  /** Deletes events older than `before`; returns how many rows went. */
  pruneBefore(before: Date): Promise<number>;
}

// Rows per insert: each row binds 7 values, SQLite allows 999 per statement.
const CHUNK = 100;
// Services per read.
const SERVICES_PER_READ = 500;

/** {@link ChangeEventStore} on the plugin's database. */
export class DatabaseChangeEventStore implements ChangeEventStore {
  constructor(private readonly db: Knex) {}

  async upsert(events: StoredChangeEvent[]): Promise<void> {
    const rows = [
      ...new Map(
        events.flatMap(e =>
          [...new Set(e.serviceIds)].map(serviceId => [
            `${e.account}\u0000${e.id}\u0000${serviceId}`,
            {
              account: e.account,
              id: e.id,
              service_id: serviceId,
              at: e.at,
              summary: e.summary,
              source: e.source ?? null,
              links: JSON.stringify(e.links),
            },
          ]),
        ),
      ).values(),
    ];
    await this.db.transaction(async tx => {
      for (const chunk of batches(rows, CHUNK)) {
        await tx('status_change_events')
          .insert(chunk)
          .onConflict(['account', 'id', 'service_id'])
          .merge(['at', 'summary', 'source', 'links']);
      }
    });
  }

  async listForServices(
    services: { account: string; serviceId: string }[],
    since: Date,
    limit: number,
    until?: Date,
  ) {
    const byAccount = new Map<string, string[]>();
    for (const { account, serviceId } of services) {
      byAccount.set(account, [...(byAccount.get(account) ?? []), serviceId]);
    }
    const found: (StoredChangeEvent & { serviceId: string })[] = [];
    for (const [account, serviceIds] of byAccount) {
      for (const chunk of batches(
        [...new Set(serviceIds)],
        SERVICES_PER_READ,
      )) {
        const rows = await this.db('status_change_events')
          .where({ account })
          .whereIn('service_id', chunk)
          .where('at', '>=', since)
          .where(q => {
            if (until) q.where('at', '<', until);
          })
          .orderBy([
            { column: 'at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .limit(limit);
        found.push(
          ...rows.map(r => ({
            account: r.account,
            id: r.id,
            serviceId: r.service_id,
            serviceIds: [r.service_id],
            at: toDate(r.at)!,
            summary: r.summary,
            source: r.source ?? undefined,
            links: JSON.parse(r.links),
          })),
        );
      }
    }
    return found
      .sort(
        (a, b) =>
          b.at.getTime() - a.at.getTime() ||
          b.id.localeCompare(a.id) ||
          a.serviceId.localeCompare(b.serviceId),
      )
      .slice(0, limit);
  }

  async pruneBefore(before: Date): Promise<number> {
    return await this.db('status_change_events')
      .where('at', '<', before)
      .delete();
  }
}
