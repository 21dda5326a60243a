import { createTestDatabases } from '../__testUtils__/databases';
import { callerView } from '../__testUtils__/callerView';
import { useShopDuringLoginOutage } from '../__testUtils__/shopOrganisation';
import { StoredIncident } from '../database';
import { backfillKey } from '../database/DatabaseStatusStore';
import { describeResponse, describeTeamResponse } from './response';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('describeResponse', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const start = useShopDuringLoginOutage(databases, databaseId);

    it("counts an entity's incidents and a team's, with MTTA and MTTR against the period before", async () => {
      const { engine, store, all } = await start();
      const now = new Date();
      const ago = (ms: number) => new Date(now.getTime() - ms);
      const incident = (
        id: string,
        serviceId: string,
        createdDaysAgo: number,
        ackMinutes?: number,
        resolveMinutes?: number,
      ): StoredIncident => {
        const createdAt = ago(createdDaysAgo * DAY);
        const after = (minutes?: number) =>
          minutes === undefined
            ? undefined
            : new Date(createdAt.getTime() + minutes * MINUTE);
        return {
          account: 'default',
          id,
          number: 1,
          title: id,
          serviceId,
          status: resolveMinutes === undefined ? 'acknowledged' : 'resolved',
          urgency: 'high',
          createdAt,
          acknowledgedAt: after(ackMinutes),
          resolvedAt: after(resolveMinutes),
          changedAt: createdAt,
          observedAt: createdAt,
          assignees: [],
        };
      };
      await store.upsertIncidents([
        // cart-api (shop): two this week, one the week before
        incident('C1', 'PCART00', 1, 4, 60),
        incident('C2', 'PCART00', 2, 10, 20),
        incident('C0', 'PCART00', 10, 30, 120),
        // shop-web (shop) this week; membership-api is platform's
        incident('S1', 'PSHOP00', 3, 2, 10),
        incident('M1', 'PMEMB00', 1, 1, 5),
      ]);

      const cart = await describeResponse({
        entityRef: 'component:default/cart-api',
        rollup: false,
        engine,
        store,
        view: all,
        now,
      });
      expect(cart.services).toBe(1);
      const [week, month] = cart.periods;
      expect(week.current).toEqual({
        incidents: 2,
        acknowledged: 2,
        resolved: 2,
        mttaMs: 7 * MINUTE,
        mttrMs: 40 * MINUTE,
      });
      expect(week.previous).toMatchObject({
        incidents: 1,
        mttrMs: 120 * MINUTE,
      });
      expect(month.current.incidents).toBe(3);

      const shop = await describeResponse({
        entityRef: 'group:default/shop',
        rollup: true,
        engine,
        store,
        view: all,
        now,
      });
      // cart-api, shop-web and quote-engine's (unknown) service
      expect(shop.services).toBe(3);
      expect(shop.periods[0].current.incidents).toBe(3);

      // a member the reader may not see is left out
      const partial = await describeResponse({
        entityRef: 'group:default/shop',
        rollup: true,
        engine,
        store,
        view: callerView(['group:default/shop', 'component:default/shop-web']),
        now,
      });
      expect(partial.services).toBe(1);
      expect(partial.periods[0].current.incidents).toBe(1);
    });

    it('gives each owning team its incidents, MTTA and MTTR, for the teams and services the caller may see', async () => {
      const { engine, store, all } = await start();
      const now = new Date();
      const created = (daysAgo: number) =>
        new Date(now.getTime() - daysAgo * DAY);
      const incident = (
        id: string,
        serviceId: string,
        daysAgo: number,
        ackMinutes: number,
      ): StoredIncident => ({
        account: 'default',
        id,
        number: 1,
        title: id,
        serviceId,
        status: 'resolved',
        urgency: 'high',
        createdAt: created(daysAgo),
        acknowledgedAt: new Date(
          created(daysAgo).getTime() + ackMinutes * MINUTE,
        ),
        resolvedAt: new Date(created(daysAgo).getTime() + 60 * MINUTE),
        changedAt: created(daysAgo),
        observedAt: created(daysAgo),
        assignees: [],
      });
      await store.upsertIncidents([
        incident('T1', 'PCART00', 2, 4),
        incident('T2', 'PSHOP00', 3, 8),
        incident('T3', 'PCART00', 40, 30), // the period before 30 days
        incident('T4', 'PMEMB00', 1, 2),
      ]);
      const teams = await describeTeamResponse({
        engine,
        store,
        view: all,
        query: { days: '30' },
        now,
      });
      const shop = teams.teams.find(t => t.owner === 'group:default/shop')!;
      expect(shop).toMatchObject({
        services: 3,
        current: { incidents: 2, mttaMs: 6 * MINUTE, mttrMs: 60 * MINUTE },
        previous: { incidents: 1, mttaMs: 30 * MINUTE },
      });
      // platform: membership-api's, and the login outage still open
      const platform = teams.teams.find(
        t => t.owner === 'group:default/platform',
      )!;
      expect(platform.current.incidents).toBe(2);

      const shopOnly = await describeTeamResponse({
        engine,
        store,
        view: callerView(['group:default/shop', 'component:default/cart-api']),
        query: {},
        now,
      });
      expect(shopOnly.teams).toEqual([
        expect.objectContaining({
          owner: 'group:default/shop',
          services: 1,
          current: expect.objectContaining({ incidents: 1 }),
        }),
      ]);
      await expect(
        describeTeamResponse({
          engine,
          store,
          view: all,
          query: { days: '14' },
          now,
        }),
      ).rejects.toThrow('days must be 7, 30 or 90');
    });

    it('says how far the backfill of past incidents has read', async () => {
      const { engine, store, all } = await start();
      const now = new Date();
      const read = () =>
        describeResponse({
          entityRef: 'component:default/cart-api',
          rollup: false,
          engine,
          store,
          view: all,
          now,
        });
      // the organisation's first sync read the simulator's (empty) past already
      expect((await read()).backfill).toMatchObject({ finished: true });
      const from = new Date(now.getTime() - 90 * DAY).toISOString();
      const progress = { from, until: now.toISOString(), incidents: 40 };
      await store.setMeta(
        backfillKey('default'),
        JSON.stringify({ ...progress, cursor: 'abc' }),
      );
      expect((await read()).backfill).toEqual({
        from,
        incidents: 40,
        finished: false,
      });
      await store.setMeta(
        backfillKey('default'),
        JSON.stringify({ ...progress, finishedAt: now.toISOString() }),
      );
      expect((await read()).backfill?.finished).toBe(true);
    });
  });
});
