import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseStatusStore } from './DatabaseStatusStore';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

describe('the history in the store', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'reads a window of transitions with the one before it, and keeps the first start of observation, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseStatusStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const now = Date.now();
      const hoursAgo = (h: number) => new Date(now - h * HOUR);
      const transition = (ref: string, h: number, effectiveTo: string) => ({
        entityRef: ref,
        effectiveFrom: 'operational',
        effectiveTo,
        at: hoursAgo(h),
      });
      await store.recordTransitions([
        transition('component:default/a', 50, 'major_outage'),
        transition('component:default/a', 40, 'operational'),
        transition('component:default/a', 20, 'degraded'),
        transition('component:default/a', 10, 'operational'),
        transition('component:default/a', 5, 'partial_outage'),
        transition('component:default/b', 30, 'major_outage'),
      ]);

      const window = await store.readHistory('component:default/a', {
        since: hoursAgo(30),
        limit: 10,
      });
      expect(window.before?.effectiveTo).toBe('operational');
      expect(window.transitions.map(t => t.effectiveTo)).toEqual([
        'degraded',
        'operational',
        'partial_outage',
      ]);
      expect(window.truncated).toBe(false);

      const bounded = await store.readHistory('component:default/a', {
        since: hoursAgo(30),
        until: hoursAgo(8),
        limit: 1,
      });
      expect(bounded.transitions.map(t => t.effectiveTo)).toEqual(['degraded']);
      expect(bounded.truncated).toBe(true);

      const none = await store.readHistory('component:default/c', {
        since: hoursAgo(30),
        limit: 10,
      });
      expect(none).toEqual({ transitions: [], truncated: false });

      const both = await store.readHistories(
        ['component:default/a', 'component:default/b', 'component:default/c'],
        { since: hoursAgo(25), limit: 10 },
      );
      expect(
        Object.fromEntries(
          [...both.byEntity].map(([ref, list]) => [
            ref,
            list.map(t => t.effectiveTo),
          ]),
        ),
      ).toEqual({
        // each opened by its last transition before the window
        'component:default/a': [
          'operational',
          'degraded',
          'operational',
          'partial_outage',
        ],
        'component:default/b': ['major_outage'],
        'component:default/c': [],
      });
      expect(both.truncated).toBe(false);
      const capped = await store.readHistories(['component:default/a'], {
        since: hoursAgo(25),
        limit: 2,
      });
      expect(capped.truncated).toBe(true);
      expect(capped.byEntity.get('component:default/a')).toHaveLength(3);

      expect(await store.observedSince()).toBeUndefined();
      await store.markObservedSince(hoursAgo(60));
      await store.markObservedSince(hoursAgo(1));
      expect(await store.observedSince()).toEqual(hoursAgo(60));
    },
  );
});
