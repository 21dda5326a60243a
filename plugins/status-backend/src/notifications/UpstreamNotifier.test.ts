import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  component,
  people,
  startShopSimulator,
  triggerLoginOutage,
  organisationRefs,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { movableClock } from '../__testUtils__/movableClock';

jest.setTimeout(120_000);

const SHOP = 'group:default/shop';
const AUTH = 'component:default/auth-service';
const SAM = 'user:default/sam';
const NIA = 'user:default/nia';

const { all: ALL_REFS, but: readableBut } = organisationRefs(people);

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
      entities: options.entities ?? people,
      config: {
        notifications: {
          enabled: true,
          minDurationSeconds: 60,
          ...options.config,
        },
      },
    });
    const clock = movableClock();
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
      // sam has used the status layer and may read everything; nia never has
      await parts.userViews.seen(SAM, ALL_REFS);

      // the outage is new: nobody is told before it lasted a minute
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0 });
      expect(sentNotifications).toHaveLength(0);

      clock.advance(61_000);
      expect(await parts.notifier!.run()).toMatchObject({ sent: 2 });
      // platform owns auth-service (the root cause) and membership-api: it is
      // handling the outage and is not told about it; shop's members are,
      // once each, for both of shop's entities the outage reaches
      expect(sentNotifications).toHaveLength(2);
      const told = sentNotifications.find(n =>
        (n.recipients as any).entityRef.includes(SAM),
      )!;
      expect(told.recipients).toEqual({ type: 'entity', entityRef: [SAM] });
      expect(told.payload.title).toBe(
        'cart-api and 1 more affected by auth-service (major outage)',
      );
      expect(told.payload.description).toContain(
        'cart-api (major outage) via membership-api → auth-service',
      );
      expect(told.payload.description).toContain(
        'shop-web (degraded) via cart-api → membership-api → auth-service',
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
      // nia was never served: she is told that an outage reaches what she
      // owns, and nothing that a policy might hide from her
      const toNia = sentNotifications.find(n =>
        (n.recipients as any).entityRef.includes(NIA),
      )!;
      expect(toNia.payload).toMatchObject({
        title: 'An upstream outage affects entities you own or follow',
        link: '/status',
      });
      expect(JSON.stringify(toNia.payload)).not.toMatch(
        /cart-api|shop-web|auth-service|membership-api|platform|Login failing/,
      );
      const scope = told.payload.scope;
      // the scope names nothing a recipient may not read
      expect(scope).toMatch(/^status:upstream-outage:[\w-]{22}$/);

      // nothing changed: nothing is sent again, neither by this run nor after a restart
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0 });
      parts = await start();
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0 });
      expect(sentNotifications).toHaveLength(2);

      sim!.state.resolve(incident.id);
      await sync.syncOnce();
      await parts.engine!.refreshSignals();
      clock.advance(20 * 60_000);
      expect(await parts.notifier!.run()).toMatchObject({ recovered: 2 });
      const recovery = sentNotifications.find(
        (n, i) => i >= 2 && (n.recipients as any).entityRef.includes(SAM),
      )!;
      expect(recovery.payload).toMatchObject({
        title: 'Recovered: auth-service is no longer failing',
        scope,
        severity: 'low',
        link: '/catalog/default/component/cart-api/status',
      });
      expect(recovery.payload.description).toContain('after 21 min');
      const niaRecovery = sentNotifications.find(
        (n, i) => i >= 2 && (n.recipients as any).entityRef.includes(NIA),
      )!.payload;
      expect(niaRecovery.title).toBe('Recovered: the upstream outage is over');
      // how long it lasted is told only to readers of the root
      expect(niaRecovery.description).not.toMatch(/min|since|auth-service/);
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
        unchanged: 0,
      });
      expect(sentNotifications).toEqual([]);
      expect(await store.notifications.listEpisodes()).toEqual([]);
    });

    it('counts the minimum duration from the upstream incident, however recently the backend started', async () => {
      const { sync, start, sentNotifications } = await shop(databaseId);
      sim!.state.trigger({
        service: 'PAUTH00',
        title: 'Login failing',
        urgency: 'high',
        priority: 'P1',
        at: new Date(Date.now() - 5 * 60_000),
      });
      await sync.syncOnce();
      const parts = await start();
      await parts.userViews.seen(SAM, ALL_REFS);
      expect(await parts.notifier!.run()).toMatchObject({ sent: 2 });
      const toSam = sentNotifications.find(n =>
        (n.recipients as any).entityRef.includes(SAM),
      )!;
      expect(toSam.payload.description).toMatch(
        /has been in major outage since/,
      );
    });

    it('honours the minimum level and the owners who opted out', async () => {
      const optedOut = people.map(e =>
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
      const parts = await minLevel.start();
      await parts.userViews.seen(SAM, ALL_REFS);
      await parts.notifier!.run();
      // shop-web is only degraded: it goes unnamed
      expect(
        minLevel.sentNotifications
          .filter(n => (n.recipients as any).entityRef.includes(SAM))
          .map(n => n.payload.title),
      ).toEqual(['cart-api affected by auth-service (major outage)']);
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

    it('tells followers about what they follow, naming only what they may read', async () => {
      const { sync, start, sentNotifications, store } = await shop(databaseId, {
        config: { minDurationSeconds: 0, excludeOwners: [SHOP] },
      });
      const follow = (userRef: string, targetRef: string) =>
        store.notifications.saveSubscription({
          userRef,
          targetRef,
          createdAt: new Date(),
        });
      const DANA = 'user:default/dana';
      const ERIN = 'user:default/erin';
      const FINN = 'user:default/finn';
      const GIL = 'user:default/gil';
      await follow(DANA, 'component:default/shop-web');
      await follow(ERIN, SHOP);
      await follow(FINN, AUTH);
      await follow(GIL, 'component:default/quote-engine');
      triggerLoginOutage(sim!);
      await sync.syncOnce();
      const parts = await start();
      // dana may not read platform's services
      await parts.userViews.seen(
        DANA,
        readableBut(AUTH, 'component:default/membership-api'),
      );
      await parts.userViews.seen(ERIN, ALL_REFS);
      await parts.userViews.seen(FINN, ALL_REFS);
      await parts.userViews.seen(GIL, ALL_REFS);
      await parts.notifier!.run();

      const to = (userRef: string) =>
        sentNotifications.find(n =>
          (n.recipients as any).entityRef.includes(userRef),
        )?.payload;
      expect(to(DANA)!.title).toBe('shop-web affected by an upstream outage');
      // neither the hidden root's own level nor since when: the API withholds both
      expect(to(DANA)!.description).toContain(
        'An upstream you may not see is failing.',
      );
      expect(to(DANA)!.description).not.toMatch(/since|major outage/);
      expect(to(DANA)!.description).toContain(
        'shop-web (degraded) via cart-api → an upstream you may not see.',
      );
      expect(to(DANA)!.description).not.toMatch(
        /auth-service|membership-api|platform/,
      );
      // erin follows the shop team: both of its entities, in one notification
      expect(to(ERIN)!.title).toBe(
        'cart-api and 1 more affected by auth-service (major outage)',
      );
      expect(to(FINN)!.title).toBe('auth-service is in major outage');
      // gil follows an entity the outage does not reach
      expect(to(GIL)).toBeUndefined();
      expect(sentNotifications).toHaveLength(3);
    });

    it('never names as on call someone whose shift ended after PagerDuty was last read', async () => {
      const { sync, clock, start, sentNotifications, store } = await shop(
        databaseId,
        { config: { minDurationSeconds: 0 } },
      );
      triggerLoginOutage(sim!);
      await sync.syncOnce();
      // the last read said: Pia on call at level 1 until an hour from now
      const [auth] = (await store.listServices('default')).filter(
        s => s.id === 'PAUTH00',
      );
      const policy = auth.escalationPolicyId!;
      const hour = 3_600_000;
      const now = clock.now().getTime();
      await store.replaceOnCalls(
        'default',
        [policy],
        [
          {
            account: 'default',
            escalationPolicyId: policy,
            level: 1,
            user: { id: 'PPIA001', name: 'Pia Platform' },
            start: new Date(now - hour),
            end: new Date(now + hour),
          },
        ],
      );
      const parts = await start();
      await parts.userViews.seen(SAM, ALL_REFS);
      await parts.notifier!.run();
      const toSam = () =>
        sentNotifications.filter(n =>
          (n.recipients as any).entityRef.includes(SAM),
        );
      expect(toSam()).toHaveLength(1);
      expect(toSam()[0].payload.description).toContain('On call: Pia Platform');
      // two hours on, PagerDuty not read again: her shift has ended
      clock.advance(2 * hour);
      await parts.notifier!.run();
      expect(toSam()).toHaveLength(2);
      expect(toSam()[1].payload.description).toContain('Owner: platform team');
      expect(toSam()[1].payload.description).not.toContain('Pia Platform');
      expect(toSam()[1].payload.description).not.toContain('On call:');
    });

    it('never names an entity that appeared after the reader was last served', async () => {
      sim = await startShopSimulator();
      triggerLoginOutage(sim);
      const knex = await databases.init(databaseId);
      const stackWith = (catalog: Entity[]) =>
        createStatusStack({
          knex,
          pagerDutyUrl: sim!.url,
          logger: mockServices.logger.mock(),
          entities: catalog,
          config: { notifications: { enabled: true, minDurationSeconds: 0 } },
        });
      let nowMs = Date.now();
      const now = () => new Date(nowMs);
      const isShopWeb = (e: Entity) => e.metadata.name === 'shop-web';
      const before = await stackWith(people.filter(e => !isShopWeb(e)));
      await before.sync.syncOnce();
      const first = await before.makeParts(now);
      await first.engine!.refreshCatalog();
      await first.userViews.seen(
        SAM,
        readableBut('component:default/shop-web'),
      );
      await first.notifier!.run();
      expect(before.sentNotifications).toHaveLength(2);

      // a minute later shop-web is in the catalog; sam has not been served since
      nowMs += 60_000;
      const after = await stackWith(people);
      const parts = await after.makeParts(now);
      await parts.engine!.refreshCatalog();
      await parts.notifier!.run();
      const toSam = () =>
        after.sentNotifications.filter(n =>
          (n.recipients as any).entityRef.includes(SAM),
        );
      // what sam reads is unchanged: nothing new is sent, and shop-web is never named
      expect(toSam()).toEqual([]);

      // served again: his view now covers shop-web
      nowMs += 60_000;
      await parts.userViews.seen(SAM, ALL_REFS);
      await parts.notifier!.run();
      expect(toSam()).toHaveLength(1);
      expect(toSam()[0].payload.title).toBe(
        'cart-api and 1 more affected by auth-service (major outage)',
      );

      // served between the catalog read that brought an entity and the
      // notifier's next run: the view covers it (it counts from the read)
      nowMs += 60_000;
      const giftCards = component(
        'gift-cards',
        'shop',
        undefined,
        ['component:cart-api'],
        'cart-api',
      );
      const withGiftCards = await stackWith([...people, giftCards]);
      const later = await withGiftCards.makeParts(now);
      await later.engine!.refreshCatalog();
      nowMs += 5_000;
      await later.userViews.seen(
        NIA,
        new Set([...ALL_REFS, 'component:default/gift-cards']),
      );
      nowMs += 5_000;
      await later.notifier!.run();
      const toNia = withGiftCards.sentNotifications.filter(n =>
        (n.recipients as any).entityRef.includes(NIA),
      );
      expect(toNia).toHaveLength(1);
      expect(toNia[0].payload.title).toBe(
        'cart-api and 2 more affected by auth-service (major outage)',
      );
      expect(toNia[0].payload.description).toContain('gift-cards');
    });

    it('leaves a root cause alone while nothing its telling reads changes, and tells what changes', async () => {
      const { sync, start, store, sentNotifications } = await shop(databaseId, {
        config: { minDurationSeconds: 0 },
      });
      triggerLoginOutage(sim!);
      await sync.syncOnce();
      const parts = await start();
      await parts.userViews.seen(SAM, ALL_REFS);
      expect(await parts.notifier!.run()).toMatchObject({
        sent: 2,
        unchanged: 0,
      });
      // nothing new: the outage is not told again, nor even composed
      expect(await parts.notifier!.run()).toMatchObject({
        sent: 0,
        unchanged: 1,
      });
      // pat (platform) follows shop-web: a new reader of the outage
      await store.notifications.saveSubscription({
        userRef: 'user:default/pat',
        targetRef: 'component:default/shop-web',
        createdAt: new Date(),
      });
      expect(await parts.notifier!.run()).toMatchObject({
        sent: 1,
        unchanged: 0,
      });
      expect(sentNotifications.at(-1)!.recipients).toEqual({
        type: 'entity',
        entityRef: ['user:default/pat'],
      });
      expect(await parts.notifier!.run()).toMatchObject({ unchanged: 1 });
      // nia is served and may not read cart-api: her view changes her text
      await parts.userViews.seen(
        NIA,
        readableBut('component:default/cart-api'),
      );
      expect(await parts.notifier!.run()).toMatchObject({
        sent: 1,
        unchanged: 0,
      });
      expect(sentNotifications.at(-1)!.payload.description).not.toContain(
        'cart-api',
      );
      expect(await parts.notifier!.run()).toMatchObject({ unchanged: 1 });
      // another replica's write to the episodes is seen: with its episode
      // gone, the outage is told anew
      const [episode] = await store.notifications.listEpisodes();
      await store.notifications.deleteEpisode(episode.rootRef);
      const sentBefore = sentNotifications.length;
      expect(await parts.notifier!.run()).toMatchObject({ unchanged: 0 });
      expect(sentNotifications.length).toBeGreaterThan(sentBefore);
      expect(await store.notifications.listEpisodes()).toHaveLength(1);
    });

    it('tries a failed send again on the next run', async () => {
      const { sync, start, store, failNextSends, sentNotifications } =
        await shop(databaseId, { config: { minDurationSeconds: 0 } });
      triggerLoginOutage(sim!);
      await sync.syncOnce();
      const parts = await start();
      failNextSends(1);
      // sam and nia read the same text: one send, for both, fails
      expect(await parts.notifier!.run()).toMatchObject({ sent: 0, failed: 2 });
      expect(await store.notifications.listEpisodes()).toMatchObject([
        { sent: {} },
      ]);
      expect(await parts.notifier!.run()).toMatchObject({ sent: 2, failed: 0 });
      expect(sentNotifications).toHaveLength(1);
      const [episode] = await store.notifications.listEpisodes();
      expect(Object.keys(episode.sent).sort()).toEqual([NIA, SAM]);
    });
  });
});
