import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  entities,
  startShopSimulator,
  triggerLoginOutage,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';

jest.setTimeout(120_000);

const SHOP = 'group:default/shop';
const AUTH = 'component:default/auth-service';

describe('UpstreamNotifier', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator | undefined;
  afterEach(() => sim?.close());

  /** The shop organisation with notifications on, a clock the test moves, and the login outage when asked. */
  async function shop(
    databaseId: Parameters<typeof databases.init>[0],
    options: { config?: object; entities?: Entity[] } = {},
  ) {
    sim = await startShopSimulator();
    const knex = await databases.init(databaseId);
    const stack = await createStatusStack({
      knex,
      pagerDutyUrl: sim.url,
      logger: mockServices.logger.mock(),
      entities: options.entities ?? entities,
      config: {
        notifications: {
          enabled: true,
          minDurationSeconds: 60,
          ...options.config,
        },
      },
    });
    let nowMs = Date.now();
    const clock = {
      advance: (ms: number) => {
        nowMs += ms;
      },
      now: () => new Date(nowMs),
    };
    /** A (re)started backend: its engine refreshed from the store and catalog. */
    const start = async () => {
      const parts = await stack.makeParts(clock.now);
      await parts.engine!.refreshCatalog();
      return parts;
    };
    return { ...stack, clock, start, sim: sim! };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('tells each owning team once per root cause, after the minimum duration, and follows up when it recovers', async () => {
      const { sync, clock, start, sentNotifications, store } = await shop(
        databaseId,
      );
      const incident = triggerLoginOutage(sim!);
      await sync.syncOnce();
      let parts = await start();

      // the outage is new: nobody is told before it lasted a minute
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0 });
      expect(sentNotifications).toHaveLength(0);

      clock.advance(61_000);
      expect(await parts.notifier!.run()).toMatchObject({ sent: 1 });
      // platform owns auth-service (the root cause) and membership-api: it is
      // handling the outage and is not told about it; shop is, once, for both
      // of its entities the outage reaches
      expect(sentNotifications).toHaveLength(1);
      const [told] = sentNotifications;
      expect(told.recipients).toEqual({ type: 'entity', entityRef: SHOP });
      expect(told.payload.title).toBe(
        'cart-api and 1 more affected by auth-service (major outage)',
      );
      expect(told.payload.description).toContain(
        'cart-api is major outage via membership-api → auth-service',
      );
      expect(told.payload.description).toContain(
        'shop-web is degraded via cart-api → membership-api → auth-service',
      );
      expect(told.payload.description).toContain('“Login failing”');
      expect(told.payload.description).toContain(
        'Owner: platform team (#platform-oncall, platform@example.com)',
      );
      expect(told.payload.description).toMatch(/On call: .+ \(.+\)\./);
      expect(told.payload).toMatchObject({
        link: '/catalog/default/component/cart-api/status',
        severity: 'critical',
        topic: 'Upstream outages',
      });
      const scope = told.payload.scope;
      expect(scope).toMatch(
        /^status:upstream-outage:component:default\/auth-service:/,
      );

      // nothing changed: nothing is sent again, neither by this run nor after a restart
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0 });
      parts = await start();
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0 });
      expect(sentNotifications).toHaveLength(1);

      sim!.state.resolve(incident.id);
      await sync.syncOnce();
      await parts.engine!.refreshSignals();
      clock.advance(20 * 60_000);
      expect(await parts.notifier!.run()).toMatchObject({ recovered: 1 });
      const recovery = sentNotifications[1];
      expect(recovery.recipients).toEqual({ type: 'entity', entityRef: SHOP });
      expect(recovery.payload).toMatchObject({
        title: 'Recovered: auth-service is no longer failing',
        scope,
        severity: 'low',
        link: '/catalog/default/component/cart-api/status',
      });
      expect(recovery.payload.description).toContain('after 21 min');
      expect(await store.notifications.listEpisodes()).toEqual([]);
    });

    it('never tells an outage shorter than the minimum duration', async () => {
      const { sync, clock, start, sentNotifications, store } = await shop(
        databaseId,
      );
      const incident = triggerLoginOutage(sim!);
      await sync.syncOnce();
      const parts = await start();
      await parts.notifier!.run();
      clock.advance(30_000);
      sim!.state.resolve(incident.id);
      await sync.syncOnce();
      await parts.engine!.refreshSignals();
      clock.advance(60_000);
      expect(await parts.notifier!.run()).toEqual({
        sent: 0,
        recovered: 0,
        failed: 0,
      });
      expect(sentNotifications).toEqual([]);
      expect(await store.notifications.listEpisodes()).toEqual([]);
    });

    it('honours the minimum level and the owners who opted out', async () => {
      const optedOut = entities.map(e =>
        e.metadata.name === 'shop' && e.kind === 'Group'
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                annotations: {
                  ...e.metadata.annotations,
                  'status.backstage.io/notifications': 'disabled',
                },
              },
            }
          : e,
      );
      const minLevel = await shop(databaseId, {
        config: { minLevel: 'major_outage', minDurationSeconds: 0 },
      });
      triggerLoginOutage(sim!);
      await minLevel.sync.syncOnce();
      await (await minLevel.start()).notifier!.run();
      // shop-web is only degraded: it goes unnamed
      expect(minLevel.sentNotifications.map(n => n.payload.title)).toEqual([
        'cart-api affected by auth-service (major outage)',
      ]);
      sim!.close();

      for (const options of [
        { entities: optedOut },
        { config: { excludeOwners: ['Group:default/shop'] } },
      ]) {
        const quiet = await shop(databaseId, {
          ...options,
          config: { minDurationSeconds: 0, ...options.config },
        });
        triggerLoginOutage(sim!);
        await quiet.sync.syncOnce();
        await (await quiet.start()).notifier!.run();
        expect(quiet.sentNotifications).toEqual([]);
        sim!.close();
      }
    });

    it('tells followers only what they may read, masking hidden upstreams', async () => {
      const { sync, start, sentNotifications, store } = await shop(databaseId, {
        config: { minDurationSeconds: 0, excludeOwners: [SHOP] },
      });
      const follow = (user: string, target: string, visibleRefs: string[]) =>
        store.notifications.saveSubscription({
          userRef: user,
          targetRef: target,
          createdAt: new Date(),
          verifiedAt: new Date(),
          visibleRefs,
        });
      // dana may read shop-web and cart-api, not platform's services
      await follow('user:default/dana', 'component:default/shop-web', [
        'component:default/cart-api',
      ]);
      // erin follows the shop team and may read everything
      await follow(
        'user:default/erin',
        SHOP,
        entities.map(e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`),
      );
      // finn follows auth-service itself
      await follow('user:default/finn', AUTH, []);
      // gil follows an entity the outage does not reach
      await follow('user:default/gil', 'component:default/quote-engine', []);
      triggerLoginOutage(sim!);
      await sync.syncOnce();
      await (await start()).notifier!.run();

      const to = (user: string) =>
        sentNotifications.find(
          n => (n.recipients as { entityRef: string }).entityRef === user,
        )?.payload;
      expect(to('user:default/dana')).toMatchObject({
        title: 'shop-web affected by an upstream outage',
      });
      expect(to('user:default/dana')!.description).toContain(
        'An upstream you may not see has been in major outage',
      );
      expect(to('user:default/dana')!.description).toContain(
        'shop-web is degraded via cart-api → an upstream you may not see.',
      );
      expect(to('user:default/dana')!.description).not.toMatch(
        /auth-service|membership-api|platform/,
      );
      expect(to('user:default/erin')!.title).toBe(
        'cart-api and 1 more affected by auth-service (major outage)',
      );
      expect(to('user:default/finn')!.title).toBe(
        'auth-service is in major outage',
      );
      expect(to('user:default/gil')).toBeUndefined();
      expect(sentNotifications).toHaveLength(3);
    });

    it('tries a failed send again on the next run', async () => {
      const { sync, start, store, failNextSends, sentNotifications } =
        await shop(databaseId, { config: { minDurationSeconds: 0 } });
      triggerLoginOutage(sim!);
      await sync.syncOnce();
      const parts = await start();
      failNextSends(1);
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0, failed: 1 });
      expect(await store.notifications.listEpisodes()).toMatchObject([
        { sent: {} },
      ]);
      expect(await parts.notifier!.run()).toMatchObject({ sent: 1, failed: 0 });
      expect(sentNotifications).toHaveLength(1);
      const [episode] = await store.notifications.listEpisodes();
      expect(Object.keys(episode.sent)).toEqual([SHOP]);
    });
  });
});
