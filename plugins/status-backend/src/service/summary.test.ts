import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import { useShopDuringLoginOutage } from '../__testUtils__/shopOrganisation';
import { summariseStatus } from './summary';

jest.setTimeout(60_000);

describe('summariseStatus', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const outage = useShopDuringLoginOutage(databases, databaseId);

    it('summarises the company: counts, roll-ups, and one problem with its blast radius', async () => {
      const { engine, store, all } = await outage();

      const summary = await summariseStatus(engine, store, all, {});
      expect(summary.counts.major_outage).toBe(3); // auth, membership and cart (critical chain)
      expect(summary.counts.degraded).toBe(1); // shop-web
      expect(
        summary.problems.map(b => [b.entityRef, b.level, b.impactedCount]),
      ).toEqual([['component:default/auth-service', 'major_outage', 3]]);
      const [problem] = summary.problems;
      expect(problem.owner?.entityRef).toBe('group:default/platform');
      expect(problem.escalationPolicies[0].onCall[0].user.name).toBe(
        'Platform SRE',
      );
      expect(problem.since).toBe(problem.incidents[0].createdAt);
      expect(problem.impacted[0]).toEqual({
        entityRef: 'component:default/cart-api',
        level: 'major_outage',
      });
      expect(summary.entities.find(e => e.name === 'shop-web')?.rootCause).toBe(
        'component:default/auth-service',
      );
      expect(summary.byOwner['group:default/shop']).toMatchObject({
        level: 'major_outage',
        members: 3,
      });

      const shopOnly = await summariseStatus(engine, store, all, {
        owner: ['group:default/shop'],
        kind: ['component'],
      });
      expect(shopOnly.entities.map(e => e.name)).toEqual([
        'cart-api',
        'shop-web',
        'quote-engine',
      ]);
      // my team and everything it depends on, transitively
      const shopAndUpstreams = await summariseStatus(engine, store, all, {
        owner: ['group:default/shop'],
        withUpstreams: true,
      });
      expect(shopAndUpstreams.entities.map(e => e.name).sort()).toEqual([
        'auth-service',
        'cart-api',
        'membership-api',
        'quote-engine',
        'shop-web',
      ]);
      const searched = await summariseStatus(engine, store, all, {
        text: 'CART',
      });
      expect(searched.entities.map(e => e.name)).toEqual(['cart-api']);
      const hidden = await summariseStatus(
        engine,
        store,
        callerView(['component:default/auth-service']),
        {},
      );
      expect(hidden.problems[0].impactedCount).toBe(0); // the caller sees none of the dependents
    });
  });
});
