import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/databases';
import {
  DatabaseIncidentUpdateStore,
  StoredIncidentUpdate,
} from './DatabaseIncidentUpdateStore';

jest.setTimeout(60_000);

const MINUTE = 60_000;

describe('DatabaseIncidentUpdateStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await migratedDatabase(databases, databaseId);
      return { knex, store: new DatabaseIncidentUpdateStore(knex) };
    }

    const now = Date.now();
    const update = (
      incidentId: string,
      id: string,
      minutesAgo: number,
      options: Partial<StoredIncidentUpdate> = {},
    ): StoredIncidentUpdate => ({
      account: 'default',
      incidentId,
      kind: 'note',
      id,
      at: new Date(now - minutesAgo * MINUTE),
      author: 'Ada Lovelace',
      message: `Note ${id}`,
      ...options,
    });

    it('reads the updates of some incidents newest first, at most so many each, an edited note replaced', async () => {
      const { store } = await createStore();
      await store.upsert([
        update('Q1', 'N1', 30),
        update('Q1', 'S1', 20, { kind: 'status_update', author: undefined }),
        update('Q1', 'N2', 10),
        update('Q1', 'N3', 5),
        update('Q2', 'N1', 25),
        // the same ids in another account are other updates
        update('Q1', 'N1', 1, { account: 'eu', message: 'EU note' }),
        update('Q3', 'N1', 2),
      ]);
      // a note edited in PagerDuty: read again, replaced
      await store.upsert([
        update('Q1', 'N2', 10, { message: 'Note N2, edited' }),
      ]);
      // a note and a status update may share an id
      await store.upsert([update('Q2', 'N1', 15, { kind: 'status_update' })]);

      const found = await store.listFor(
        [
          { account: 'default', incidentId: 'Q1' },
          { account: 'default', incidentId: 'Q2' },
          { account: 'default', incidentId: 'Q1' },
          { account: 'eu', incidentId: 'Q1' },
          { account: 'default', incidentId: 'UNKNOWN' },
        ],
        3,
      );
      expect(found.map(u => [u.account, u.incidentId, u.kind, u.id])).toEqual([
        ['eu', 'Q1', 'note', 'N1'],
        ['default', 'Q1', 'note', 'N3'],
        ['default', 'Q1', 'note', 'N2'],
        ['default', 'Q2', 'status_update', 'N1'],
        ['default', 'Q1', 'status_update', 'S1'],
        ['default', 'Q2', 'note', 'N1'],
      ]);
      expect(found[2]).toEqual({
        account: 'default',
        incidentId: 'Q1',
        kind: 'note',
        id: 'N2',
        at: new Date(now - 10 * MINUTE),
        author: 'Ada Lovelace',
        message: 'Note N2, edited',
      });
      expect(found[4].author).toBeUndefined();

      const latest = await store.listFor(
        [{ account: 'default', incidentId: 'Q1' }],
        1,
      );
      expect(latest.map(u => u.id)).toEqual(['N3']);
      expect(await store.listFor([], 5)).toEqual([]);
      expect(
        await store.listFor([{ account: 'default', incidentId: 'Q1' }], 0),
      ).toEqual([]);
    });

    it('orders updates of the same instant by id, newest id first', async () => {
      const { store } = await createStore();
      await store.upsert([
        update('Q1', 'A', 5),
        update('Q1', 'C', 5),
        update('Q1', 'B', 5),
      ]);
      const found = await store.listFor(
        [{ account: 'default', incidentId: 'Q1' }],
        10,
      );
      expect(found.map(u => u.id)).toEqual(['C', 'B', 'A']);
    });

    it('stores more updates than one statement takes, and reads more incidents than one read takes', async () => {
      const { store } = await createStore();
      const updates = Array.from({ length: 250 }, (_, i) =>
        update(`Q${i}`, 'N1', i % 60),
      );
      await store.upsert(updates);
      // stored again: still one row each
      await store.upsert(updates);
      const found = await store.listFor(
        updates.map(u => ({ account: u.account, incidentId: u.incidentId })),
        5,
      );
      expect(found).toHaveLength(250);
      expect(new Set(found.map(u => u.incidentId)).size).toBe(250);
      await store.upsert([]);
    });

    it('prunes the updates older than a time and says how many went', async () => {
      const { store } = await createStore();
      await store.upsert([
        update('Q1', 'OLD', 60 * 24 * 40),
        update('Q1', 'EDGE', 60 * 24 * 30),
        update('Q1', 'NEW', 60),
        update('Q2', 'OLD', 60 * 24 * 31),
      ]);
      const before = new Date(now - 60 * 24 * 30 * MINUTE);
      expect(await store.pruneBefore(before)).toBe(2);
      expect(await store.pruneBefore(before)).toBe(0);
      const left = await store.listFor(
        [
          { account: 'default', incidentId: 'Q1' },
          { account: 'default', incidentId: 'Q2' },
        ],
        10,
      );
      // an update exactly at the bound stays
      expect(left.map(u => u.id)).toEqual(['NEW', 'EDGE']);
    });
  });
});
