import { callerView } from '../__testUtils__/callerView';
import { createTestDatabases } from '../__testUtils__/databases';
import { useShopDuringLoginOutage } from '../__testUtils__/shopOrganisation';
import { pageProblems, pageSummaryRows, summariseStatus } from './summary';

jest.setTimeout(60_000);

describe('summariseStatus', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const outage = useShopDuringLoginOutage(databases, databaseId);

    it('summarises the company: counts, facets, and one problem with its blast radius', async () => {
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
      expect(summary.impacted).toBe(
        summary.entities.filter(e => e.inherited !== 'operational').length,
      );
      expect(summary.impacted).toBeGreaterThan(0);
      expect(summary.facets.owner).toEqual(
        expect.arrayContaining([
          'group:default/platform',
          'group:default/shop',
        ]),
      );
      expect(summary.problemsTotal).toBe(1);
      // counted apart from operational: quote-engine names a PagerDuty
      // service the account lacks; the groups have no signal of their own
      expect(summary.counts).toMatchObject({
        operational: 0,
        misconfigured: 1,
        not_monitored: 2,
      });
      expect(
        summary.entities.find(e => e.name === 'quote-engine')?.misconfigured,
      ).toBe(true);
      const misconfigured = await summariseStatus(engine, store, all, {
        level: ['misconfigured'],
      });
      expect(misconfigured.entities.map(e => e.name)).toEqual(['quote-engine']);

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

    it('pages the entities worst first and keeps counts over every selected entity', async () => {
      const { engine, store, all } = await outage();
      const whole = await summariseStatus(
        engine,
        store,
        all,
        {},
        {
          offset: 0,
          limit: 5000,
        },
      );
      const first = await summariseStatus(
        engine,
        store,
        all,
        {},
        {
          offset: 0,
          limit: 2,
        },
      );
      const second = await summariseStatus(
        engine,
        store,
        all,
        {},
        {
          offset: 2,
          limit: 2,
        },
      );
      expect(first.entities).toEqual(whole.entities.slice(0, 2));
      expect(second.entities).toEqual(whole.entities.slice(2, 4));
      expect(first.total).toBe(whole.total);
      expect(first.counts).toEqual(whole.counts);
      expect(first.impacted).toBe(whole.impacted);
      expect(first.entities[0].effective).toBe('major_outage');
    });

    it('scopes to what some teams own and depend on before the other filters', async () => {
      const { engine, store, all } = await outage();
      const mine = await summariseStatus(
        engine,
        store,
        all,
        { within: ['group:default/shop'] },
        { offset: 0, limit: 100 },
      );
      expect(mine.entities.map(e => e.name).sort()).toEqual([
        'auth-service',
        'cart-api',
        'membership-api',
        'quote-engine',
        'shop-web',
      ]);
      // the facets offer the values in the scope, the filters narrow within it
      expect(mine.facets.owner).toEqual(
        expect.arrayContaining([
          'group:default/platform',
          'group:default/shop',
        ]),
      );
      const platformInMine = await summariseStatus(engine, store, all, {
        within: ['group:default/shop'],
        owner: ['group:default/platform'],
      });
      expect(platformInMine.entities.map(e => e.name).sort()).toEqual([
        'auth-service',
        'membership-api',
      ]);
    });

    it('groups and pages the rows of the everything list, leaving collapsed groups closed', async () => {
      const { engine, all } = await outage();
      const page = { offset: 0, limit: 1000 };
      const flat = pageSummaryRows(engine, all, {}, 'flat', new Set(), page);
      expect(flat.total).toBe(flat.entities);
      const byOwner = pageSummaryRows(
        engine,
        all,
        {},
        'owner',
        new Set(),
        page,
      );
      const groups = byOwner.rows.filter(r => r.type === 'group');
      expect(byOwner.total).toBe(byOwner.entities + groups.length);
      // the worst group first
      expect(groups[0]).toMatchObject({ type: 'group', level: 'major_outage' });
      const shopKey = '>group:default/shop';
      const shop = groups.find(g => g.key === shopKey)!;
      const collapsed = pageSummaryRows(
        engine,
        all,
        {},
        'owner',
        new Set([shopKey]),
        page,
      );
      expect(collapsed.total).toBe(
        byOwner.total - (shop.type === 'group' ? shop.count : 0),
      );
      expect(collapsed.rows.find(r => r.key === shopKey)).toMatchObject({
        collapsed: true,
      });
      const second = pageSummaryRows(engine, all, {}, 'owner', new Set(), {
        offset: 3,
        limit: 2,
      });
      expect(second.rows).toEqual(byOwner.rows.slice(3, 5));
    });

    it('pages the problems', async () => {
      const { engine, store, all } = await outage();
      const first = await pageProblems(engine, store, all, {
        offset: 0,
        limit: 1,
      });
      expect(first.total).toBe(1);
      expect(first.problems.map(p => p.entityRef)).toEqual([
        'component:default/auth-service',
      ]);
      const past = await pageProblems(engine, store, all, {
        offset: 1,
        limit: 1,
      });
      expect(past).toMatchObject({ problems: [], total: 1, offset: 1 });
    });
  });
});
