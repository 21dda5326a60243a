import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/databases';
import { DatabaseWebhookEventStore } from './DatabaseWebhookEventStore';

jest.setTimeout(60_000);

const MINUTE = 60_000;

describe('DatabaseWebhookEventStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await migratedDatabase(databases, databaseId);
      return { knex, store: new DatabaseWebhookEventStore(knex) };
    }

    const now = Date.now();
    const event = (
      id: string,
      occurredMinutesAgo: number,
      receivedMinutesAgo = occurredMinutesAgo,
      resourceId: string | undefined = 'Q1',
    ) => ({
      id,
      account: 'default',
      eventType: 'incident.triggered',
      resourceId,
      occurredAt: new Date(now - occurredMinutesAgo * MINUTE),
      receivedAt: new Date(now - receivedMinutesAgo * MINUTE),
      payload: JSON.stringify({ event: { id } }),
    });

    it('stores an event once: a redelivery is reported and changes nothing', async () => {
      const { store } = await createStore();
      expect(await store.saveEvent(event('E1', 5))).toBe(true);
      expect(
        await store.saveEvent({ ...event('E1', 5, 1), payload: '{"again":1}' }),
      ).toBe(false);
      expect(await store.saveEvent(event('E2', 4, 4, undefined))).toBe(true);
      expect(await store.listPending(10)).toEqual([
        { ...event('E1', 5), attempts: 0 },
        { ...event('E2', 4, 4, undefined), attempts: 0 },
      ]);
    });

    it('lists pending events oldest occurrence first, then oldest receipt, within a limit', async () => {
      const { store } = await createStore();
      await store.saveEvent(event('LATE', 1));
      await store.saveEvent(event('B', 10, 2));
      await store.saveEvent(event('A', 10, 3));
      await store.saveEvent(event('FIRST', 20, 1));
      expect((await store.listPending(10)).map(e => e.id)).toEqual([
        'FIRST',
        'A',
        'B',
        'LATE',
      ]);
      expect((await store.listPending(2)).map(e => e.id)).toEqual([
        'FIRST',
        'A',
      ]);
    });

    it('keeps a failed event pending, counting attempts and bounding the error it keeps', async () => {
      const { knex, store } = await createStore();
      await store.saveEvent(event('E1', 5));
      await store.markFailed('E1', 'first failure');
      await store.markFailed('E1', 'x'.repeat(5000));
      // an unknown event is no error
      await store.markFailed('UNKNOWN', 'nothing');
      const [pending] = await store.listPending(10);
      expect(pending.id).toBe('E1');
      expect(pending.attempts).toBe(2);
      const row = await knex('status_pd_webhook_events')
        .where({ id: 'E1' })
        .first();
      expect(row.last_error).toBe('x'.repeat(2000));
    });

    it('no longer lists a processed event, and prunes those processed before a time', async () => {
      const { store } = await createStore();
      await store.saveEvent(event('OLD', 60));
      await store.saveEvent(event('EDGE', 50));
      await store.saveEvent(event('RECENT', 10));
      await store.saveEvent(event('PENDING', 70));
      await store.markProcessed('OLD', new Date(now - 59 * MINUTE));
      await store.markProcessed('EDGE', new Date(now - 30 * MINUTE));
      await store.markProcessed('RECENT', new Date(now - 5 * MINUTE));
      await store.markProcessed('UNKNOWN', new Date(now));
      expect((await store.listPending(10)).map(e => e.id)).toEqual(['PENDING']);

      const before = new Date(now - 30 * MINUTE);
      expect(await store.pruneProcessed(before)).toBe(1);
      // processed exactly at the bound: kept; pending: never pruned
      expect(await store.pruneProcessed(before)).toBe(0);
      expect(await store.pruneProcessed(new Date(now))).toBe(2);
      expect((await store.listPending(10)).map(e => e.id)).toEqual(['PENDING']);
      // a pruned event is new again if it ever came back
      expect(await store.saveEvent(event('OLD', 60))).toBe(true);
    });
  });
});
