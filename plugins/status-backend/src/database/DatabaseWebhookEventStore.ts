import { toDate } from '@status-layer/plugin-status-common';
import { Knex } from 'knex';

/** A PagerDuty webhook event as stored. */
export type StoredWebhookEvent = {
  id: string;
  account: string;
  eventType: string;
  resourceId?: string;
  occurredAt: Date;
  receivedAt: Date;
  payload: string;
  attempts: number;
};

/**
 * PagerDuty webhook events, stored on receipt and marked once processed.
 *
 * @public
 */
export interface WebhookEventStore {
  /** Stores an event; false when it was already stored (a redelivery). */
  saveEvent(event: Omit<StoredWebhookEvent, 'attempts'>): Promise<boolean>;
  /** Events not processed yet, oldest occurrence first. */
  listPending(limit: number): Promise<StoredWebhookEvent[]>;
  markProcessed(id: string, at: Date): Promise<void>;
  /** Records a failed attempt; the event stays pending. */
  markFailed(id: string, error: string): Promise<void>;
  /** Deletes events processed before the given time; returns how many. */
  pruneProcessed(before: Date): Promise<number>;
}

/** {@link WebhookEventStore} on the plugin's database. */
export class DatabaseWebhookEventStore implements WebhookEventStore {
  constructor(private readonly db: Knex) {}

  async saveEvent(event: Omit<StoredWebhookEvent, 'attempts'>) {
    const inserted = await this.db('status_pd_webhook_events')
      .insert({
        id: event.id,
        account: event.account,
        event_type: event.eventType,
        resource_id: event.resourceId ?? null,
        occurred_at: event.occurredAt,
        received_at: event.receivedAt,
        payload: event.payload,
      })
      .onConflict('id')
      .ignore()
      .returning('id');
    // SQLite and PostgreSQL both return the inserted rows only
    return inserted.length > 0;
  }

  async listPending(limit: number): Promise<StoredWebhookEvent[]> {
    const rows = await this.db('status_pd_webhook_events')
      .whereNull('processed_at')
      .orderBy([
        { column: 'occurred_at', order: 'asc' },
        { column: 'received_at', order: 'asc' },
      ])
      .limit(limit);
    return rows.map((r: any) => ({
      id: r.id,
      account: r.account,
      eventType: r.event_type,
      resourceId: r.resource_id ?? undefined,
      occurredAt: toDate(r.occurred_at)!,
      receivedAt: toDate(r.received_at)!,
      payload: r.payload,
      attempts: Number(r.attempts),
    }));
  }

  async markProcessed(id: string, at: Date) {
    await this.db('status_pd_webhook_events')
      .where({ id })
      .update({ processed_at: at });
  }

  async pruneProcessed(before: Date): Promise<number> {
    return this.db('status_pd_webhook_events')
      .where('processed_at', '<', before)
      .delete();
  }

  async markFailed(id: string, error: string) {
    await this.db('status_pd_webhook_events')
      .where({ id })
      .update({
        attempts: this.db.raw('attempts + 1'),
        last_error: error.slice(0, 2000),
      });
  }
}
