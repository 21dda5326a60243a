import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseStatusStore } from '../database';
import { StatusEngine } from '../engine/StatusEngine';
import { EntityFirstSeen } from './EntityFirstSeen';

jest.setTimeout(60_000);

/** As much of an engine as the record reads: its entities and their generation. */
function catalogOf(refs: string[], generation: number, readAt?: Date) {
  return {
    catalogGeneration: generation,
    catalogGenerationAt: readAt,
    allEntities: () => refs.map(ref => ({ ref }))[Symbol.iterator](),
  } as unknown as StatusEngine;
}

describe('EntityFirstSeen', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('knows the entities there when recording began since the epoch, newcomers since they came, and forgets those that left', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      let nowMs = Date.now();
      const now = () => new Date(nowMs);
      const record = () =>
        new EntityFirstSeen({ store: store.notifications, now });
      const A = 'component:default/a';
      const B = 'component:default/b';
      const C = 'component:default/c';

      const first = record();
      await first.update(catalogOf([A, B], 1));
      expect(first.of(A)).toEqual(new Date(0));
      expect(first.of(B)).toEqual(new Date(0));

      // C came with a catalog read a minute ago: it counts from that read,
      // since a view saved after the read covers it
      const reloaded = now();
      nowMs += 60_000;
      await first.update(catalogOf([A, C], 2, reloaded));
      expect(first.of(C)).toEqual(reloaded);
      expect(first.of(B)).toBeUndefined();
      // the same catalog again: nothing is read or written
      const reads = jest.spyOn(store.notifications, 'listEntitiesFirstSeen');
      const writes = jest.spyOn(store.notifications, 'updateEntitiesFirstSeen');
      await first.update(catalogOf([A, C], 2, reloaded));
      expect(writes).not.toHaveBeenCalled();

      // a restart reads what was recorded; B coming back is new
      nowMs += 60_000;
      const restarted = record();
      await restarted.update(catalogOf([A, B, C], 1));
      expect(reads).toHaveBeenCalledTimes(1);
      expect(restarted.of(A)).toEqual(new Date(0));
      expect(restarted.of(C)).toEqual(reloaded);
      expect(restarted.of(B)).toEqual(now());
    });
  });
});
