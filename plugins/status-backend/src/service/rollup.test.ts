import { createTestDatabases } from '../__testUtils__/databases';
import { useShopDuringLoginOutage } from '../__testUtils__/shopOrganisation';
import { describeRollup } from './rollup';

jest.setTimeout(60_000);

describe('describeRollup', () => {
  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const outage = useShopDuringLoginOutage(databases, databaseId);

    it("rolls up a group's services, naming the broken upstreams outside it", async () => {
      const { engine, all } = await outage();

      const shop = describeRollup({
        ref: 'group:default/shop',
        engine,
        view: all,
      });
      expect(shop.level).toBe('major_outage');
      expect(shop.displayLevel).toBe('major_outage');
      // quote-engine names a service PagerDuty lacks: counted apart
      expect(shop.counts).toMatchObject({
        major_outage: 1,
        degraded: 1,
        misconfigured: 1,
        operational: 0,
      });
      expect(
        shop.members.find(m => m.name === 'quote-engine')?.displayLevel,
      ).toBe('misconfigured');
      expect(
        shop.members.map(m => [m.name, m.levels.effective, m.rootCauses[0]]),
      ).toEqual([
        [
          'cart-api',
          'major_outage',
          {
            entityRef: 'component:default/auth-service',
            level: 'major_outage',
            hops: 2,
          },
        ],
        [
          'shop-web',
          'degraded',
          {
            entityRef: 'component:default/auth-service',
            level: 'degraded',
            hops: 3,
          },
        ],
        ['quote-engine', 'operational', undefined],
      ]);
      expect(shop.upstreamProblems).toEqual([
        {
          entityRef: 'component:default/auth-service',
          level: 'major_outage',
          owner: expect.objectContaining({
            entityRef: 'group:default/platform',
          }),
          impacts: ['component:default/cart-api', 'component:default/shop-web'],
        },
      ]);

      // the platform team's own outage is a member, not an upstream problem
      const platform = describeRollup({
        ref: 'group:default/platform',
        engine,
        view: all,
      });
      expect(platform.members[0]).toMatchObject({
        name: 'auth-service',
        activeIncidents: 1,
      });
      expect(platform.upstreamProblems).toEqual([]);
    });
  });
});
