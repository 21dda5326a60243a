import { mockServices } from '@backstage/backend-test-utils';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  member,
  people,
  startShopSimulator,
  triggerLoginOutage,
  organisationRefs,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { movableClock } from '../__testUtils__/movableClock';

jest.setTimeout(120_000);

const MIN = 60_000;
const CART = 'component:default/cart-api';
const AUTH = 'component:default/auth-service';
const MEMBERSHIP = 'component:default/membership-api';
const SAM = 'user:default/sam';
const NIA = 'user:default/nia';
const KIM = 'user:default/kim';
const LEE = 'user:default/lee';
const PAT = 'user:default/pat';

const organisation = [...people, member('kim', 'shop'), member('lee', 'shop')];
const { all: ALL_REFS, but: readableBut } = organisationRefs(organisation);

describe('BudgetNotifier', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator | undefined;
  afterEach(() => sim?.close());

  /** The shop organisation with notifications on, a 99.9 % objective on every component, and a clock the test moves. */
  async function shop(
    databaseId: Parameters<typeof databases.init>[0],
    channels = false,
  ) {
    sim = await startShopSimulator();
    const stack = await createStatusStack({
      knex: await databases.init(databaseId),
      pagerDutyUrl: sim.url,
      logger: mockServices.logger.mock(),
      entities: organisation,
      config: {
        notifications: { enabled: true, channels },
        objectives: { defaults: [{ kind: 'component', target: 99.9 }] },
      },
    });
    const clock = movableClock();
    return { stack, clock };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("tells each entity's owners once per fast burn, own or inherited, naming the upstream only to those who may read it", async () => {
      const { stack, clock } = await shop(databaseId);
      const now = clock.now;
      const start = async () => {
        const parts = await stack.makeParts(now);
        await parts.engine!.refreshCatalog();
        return parts;
      };
      const sent = stack.sentNotifications;
      const to = (user: string) =>
        sent.filter(n => (n.recipients as any).entityRef.includes(user));

      const incident = triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      let parts = await start();
      await parts.engine!.refreshSignals();
      await parts.userViews.seen(SAM, ALL_REFS);
      await parts.userViews.seen(PAT, ALL_REFS);
      // kim may not read the root cause, lee not the service in the middle
      await parts.userViews.seen(KIM, readableBut(AUTH));
      await parts.userViews.seen(LEE, readableBut(MEMBERSHIP));
      const { refresher, notifier } = parts.budgets!;

      clock.advance(20 * MIN);
      await parts.engine!.refreshSignals();
      expect(await refresher.run()).toMatchObject({ computed: 5 });
      const kept = await parts.store.budgets.summariesOf([
        CART,
        AUTH,
        'component:default/shop-web',
      ]);
      expect(kept.get(CART)).toMatchObject({
        burning: 'inherited',
        topUpstream: { ref: AUTH },
        ownUsed: 0,
      });
      expect(kept.get(AUTH)).toMatchObject({ burning: 'own' });
      // degraded is not downtime: shop-web's budget is whole and not burning
      expect(kept.get('component:default/shop-web')).toMatchObject({
        budgetLeft: 1,
      });
      expect(kept.get('component:default/shop-web')!.burning).toBeUndefined();

      // sam, nia, kim and lee of cart-api; pat of auth-service and membership-api
      expect(await notifier.run()).toMatchObject({ sent: 6, failed: 0 });
      const told = sent.length;
      const toSam = to(SAM);
      expect(toSam.map(n => n.payload.title)).toEqual([
        'cart-api: error budget burning fast (inherited)',
      ]);
      expect(toSam[0].payload.description).toMatch(
        /^At the last hour's pace, the error budget of cart-api \(99\.9 % over 30 days\) runs out by \d{4}-\d\d-\d\d \d\d:\d\d UTC\. [\d.]+ % of it is left\. Most of this burn is inherited from what it depends on: auth-service used [\d.]+ % of the budget in this window\./,
      );
      expect(toSam[0].payload).toMatchObject({
        link: '/catalog/default/component/cart-api/status',
        severity: 'high',
        topic: 'Error budgets',
        scope: expect.stringMatching(/^status:budget-burn:[\w-]{22}$/),
      });
      // a hidden root cause is spent but not named
      const toKim = to(KIM);
      expect(toKim).toHaveLength(1);
      expect(toKim[0].payload.description).toContain(
        'an upstream you may not see used',
      );
      expect(JSON.stringify(toKim)).not.toContain('auth-service');
      // a hidden middle is never named; the root behind it is
      const toLee = to(LEE);
      expect(toLee[0].payload.description).toContain('auth-service used');
      expect(JSON.stringify(toLee)).not.toContain('membership');
      // never served: nothing named
      expect(to(NIA).map(n => n.payload)).toEqual([
        expect.objectContaining({
          title: 'An error budget of an entity you own is burning fast',
          link: '/status',
        }),
      ]);
      expect(JSON.stringify(to(NIA))).not.toMatch(/cart|auth|membership|shop/);
      // the platform team's own burn: auth-service's, and membership-api's inherited one
      expect(
        to(PAT)
          .map(n => n.payload.title)
          .sort(),
      ).toEqual([
        'auth-service: error budget burning fast (own downtime)',
        'membership-api: error budget burning fast (inherited)',
      ]);
      expect(to(PAT)[0].payload.description).toBeDefined();

      // once per burn: not again, nor after a restart
      clock.advance(5 * MIN);
      await parts.engine!.refreshSignals();
      await refresher.run();
      expect(await notifier.run()).toMatchObject({ sent: 0 });
      parts = await start();
      await parts.budgets!.refresher.run();
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 0 });
      expect(sent).toHaveLength(told);

      // nia, told without names, is told by name in place once served
      await parts.userViews.seen(NIA, ALL_REFS);
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 1 });
      const toNia = to(NIA);
      expect(toNia).toHaveLength(2);
      expect(toNia[1].payload.title).toBe(
        'cart-api: error budget burning fast (inherited)',
      );
      expect(toNia[1].payload.scope).toBe(toNia[0].payload.scope);
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 0 });

      // the burn stops an hour after the outage: its episodes end, and the next burn is told again
      sim!.state.resolve(incident.id);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      clock.advance(61 * MIN);
      await parts.budgets!.refresher.run();
      expect(await parts.budgets!.notifier.run()).toMatchObject({
        sent: 0,
        ended: 3,
      });
      triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      clock.advance(10 * MIN);
      await parts.engine!.refreshSignals();
      await parts.budgets!.refresher.run();
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 6 });
    });

    it('tries a failed send again until it went', async () => {
      const { stack, clock } = await shop(databaseId);
      const parts = await stack.makeParts(clock.now);
      await parts.engine!.refreshCatalog();
      triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      clock.advance(20 * MIN);
      await parts.engine!.refreshSignals();
      await parts.budgets!.refresher.run();
      stack.failNextSends(100);
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 0 });
      expect(stack.sentNotifications).toHaveLength(0);
      stack.failNextSends(0);
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 6 });
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 0 });
    });

    it("tells the owning Group's channel once, naming only what every member may read, and by name once all were served", async () => {
      const { stack, clock } = await shop(databaseId, true);
      const parts = await stack.makeParts(clock.now);
      await parts.engine!.refreshCatalog();
      triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      await parts.userViews.seen(SAM, ALL_REFS);
      await parts.userViews.seen(PAT, ALL_REFS);
      await parts.userViews.seen(KIM, readableBut(AUTH));
      await parts.userViews.seen(LEE, readableBut(MEMBERSHIP));
      clock.advance(20 * MIN);
      await parts.engine!.refreshSignals();
      await parts.budgets!.refresher.run();
      const channels = () =>
        stack.sentNotifications.filter(
          n => (n.recipients as any).excludeEntityRef,
        );
      const to = (group: string) =>
        channels().filter(n => (n.recipients as any).entityRef.includes(group));

      // six owners' texts and three channels' (shop's of cart-api, platform's
      // of its two services); nia was never served, so shop's names nothing
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 9 });
      expect(to('group:default/shop').map(n => n.payload)).toEqual([
        expect.objectContaining({
          title: 'An error budget of an entity your team owns is burning fast',
          link: '/status',
        }),
      ]);
      expect(to('group:default/shop')[0].payload.topic).toBeUndefined();
      expect(
        to('group:default/platform')
          .map(n => n.payload.title)
          .sort(),
      ).toEqual([
        'auth-service: error budget burning fast (own downtime)',
        'membership-api: error budget burning fast (inherited)',
      ]);

      // once nia is served, the channel is told by name in place: the root
      // hidden from kim is not named
      await parts.userViews.seen(NIA, ALL_REFS);
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 2 });
      const shopChannel = to('group:default/shop');
      expect(shopChannel).toHaveLength(2);
      expect(shopChannel[1].payload.title).toBe(
        'cart-api: error budget burning fast (inherited)',
      );
      expect(shopChannel[1].payload.scope).toBe(shopChannel[0].payload.scope);
      expect(shopChannel[1].payload.description).toContain(
        'an upstream you may not see used',
      );
      expect(JSON.stringify(shopChannel)).not.toMatch(
        /auth-service|membership/,
      );
      expect(await parts.budgets!.notifier.run()).toMatchObject({ sent: 0 });
    });
  });
});
