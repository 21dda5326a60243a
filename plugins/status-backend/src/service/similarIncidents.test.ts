import { HIDDEN_ENTITY_REF } from '@status-layer/plugin-status-common';
import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import { useShopDuringLoginOutage } from '../__testUtils__/shopOrganisation';
import { StoredIncident } from '../database';
import { describeSimilarIncidents } from './similarIncidents';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('describeSimilarIncidents', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const start = useShopDuringLoginOutage(databases, databaseId);

    it('finds resolved incidents like an open one on its service and upstreams, the root cause first', async () => {
      const { engine, store, all } = await start();
      const now = new Date();
      const incident = (
        id: string,
        serviceId: string,
        title: string,
        daysAgo: number,
        resolvedBy?: string,
      ): StoredIncident => {
        const createdAt = new Date(now.getTime() - daysAgo * DAY);
        const resolvedAt = new Date(createdAt.getTime() + 38 * MINUTE);
        return {
          account: 'default',
          id,
          number: 1,
          title,
          serviceId,
          status: 'resolved',
          urgency: 'high',
          createdAt,
          acknowledgedAt: createdAt,
          resolvedAt,
          resolvedBy,
          htmlUrl: `https://example.pagerduty.com/incidents/${id}`,
          changedAt: resolvedAt,
          observedAt: resolvedAt,
          assignees: [],
        };
      };
      await store.upsertIncidents([
        incident('PA1', 'PAUTH00', 'Login failing for 20% of users', 10, 'Ada'),
        incident('PA2', 'PAUTH00', 'Disk usage above 90%', 5),
        incident('PA3', 'PAUTH00', 'Login failing', 100),
        incident('PM1', 'PMEMB00', 'Membership lookups time out', 3),
        incident('PC1', 'PCART00', 'Cart requests failing after a deploy', 20),
        // cart-api's own outage now
        {
          ...incident(
            'PCNOW',
            'PCART00',
            'Cart requests failing: membership lookups time out',
            0,
          ),
          status: 'triggered',
          resolvedAt: undefined,
          createdAt: now,
          observedAt: now,
        },
      ]);
      await engine.refreshSignals();

      const auth = await describeSimilarIncidents({
        entityRef: 'component:default/auth-service',
        engine,
        store,
        view: all,
        now,
      });
      expect(auth.incidents).toHaveLength(1);
      expect(auth.incidents[0].title).toBe('Login failing');
      // not the disk incident, not the one older than 90 days
      expect(auth.incidents[0].similar).toEqual([
        {
          id: 'PA1',
          account: 'default',
          title: 'Login failing for 20% of users',
          entityRef: 'component:default/auth-service',
          relation: 'same-service',
          path: ['component:default/auth-service'],
          createdAt: new Date(now.getTime() - 10 * DAY).toISOString(),
          resolvedAt: new Date(
            now.getTime() - 10 * DAY + 38 * MINUTE,
          ).toISOString(),
          resolvedBy: 'Ada',
          htmlUrl: 'https://example.pagerduty.com/incidents/PA1',
          titleSimilarity: 0.67,
        },
      ]);

      const cart = await describeSimilarIncidents({
        entityRef: 'component:default/cart-api',
        engine,
        store,
        view: all,
        now,
      });
      expect(cart.incidents[0].similar.map(s => [s.id, s.relation])).toEqual([
        ['PM1', 'upstream'], // 4 of 6 words
        ['PC1', 'same-service'], // 3 of 8, and its own service
        ['PA1', 'root-cause'], // one word, but where the outage comes from
      ]);
      expect(cart.incidents[0].similar[2].path).toEqual([
        'component:default/cart-api',
        'component:default/membership-api',
        'component:default/auth-service',
      ]);

      // a reader who may not see auth-service: its incident is counted, not shown
      const reader = await describeSimilarIncidents({
        entityRef: 'component:default/cart-api',
        engine,
        store,
        view: callerView([
          'component:default/cart-api',
          'component:default/membership-api',
        ]),
        now,
      });
      expect(reader.incidents[0].similar.map(s => s.id)).toEqual([
        'PM1',
        'PC1',
      ]);
      expect(reader.hiddenMatches).toBe(1);
      expect(JSON.stringify(reader)).not.toContain('auth-service');
      expect(reader.incidents[0].similar.flatMap(s => s.path)).not.toContain(
        HIDDEN_ENTITY_REF,
      );

      // nothing open, nothing to compare
      const web = await describeSimilarIncidents({
        entityRef: 'component:default/shop-web',
        engine,
        store,
        view: all,
        now,
      });
      expect(web.incidents).toEqual([]);
    });
  });
});
