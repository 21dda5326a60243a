import { mockServices } from '@backstage/backend-test-utils';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  people,
  startShopSimulator,
  triggerLoginOutage,
  organisationRefs,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { movableClock } from '../__testUtils__/movableClock';
import { channelView } from './channels';

jest.setTimeout(120_000);

const SHOP = 'group:default/shop';
const AUTH = 'component:default/auth-service';
const MEMBERSHIP = 'component:default/membership-api';
const SAM = 'user:default/sam';
const NIA = 'user:default/nia';

const { all: ALL_REFS, but: readableBut } = organisationRefs(people);

describe('channelView', () => {
  const base = Date.now();
  const at = (minute: number) => new Date(base + minute * 60_000);
  it('names what every member may read, as of the earliest view', () => {
    const views = new Map([
      [SAM, { hidden: new Set(['a']), seenAt: at(5) }],
      [NIA, { hidden: new Set(['b']), seenAt: at(3) }],
    ]);
    expect(channelView([SAM, NIA], views)).toEqual({
      hidden: new Set(['a', 'b']),
      seenAt: at(3),
    });
  });
  it('names nothing for a Group without members or with one never served', () => {
    const views = new Map([
      [SAM, { hidden: new Set<string>(), seenAt: at(1) }],
    ]);
    expect(channelView([], views)).toBeUndefined();
    expect(channelView([SAM, NIA], views)).toBeUndefined();
  });
});

describe('UpstreamNotifier with channels', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator | undefined;
  afterEach(() => sim?.close());

  async function shop(
    databaseId: Parameters<typeof databases.init>[0],
    channels: boolean,
  ) {
    sim = await startShopSimulator();
    const knex = await databases.init(databaseId);
    const stack = await createStatusStack({
      knex,
      pagerDutyUrl: sim.url,
      logger: mockServices.logger.mock(),
      entities: people,
      config: {
        notifications: { enabled: true, minDurationSeconds: 0, channels },
      },
    });
    const clock = movableClock();
    const parts = await stack.makeParts(clock.now);
    await parts.engine!.refreshCatalog();
    const toChannel = () =>
      stack.sentNotifications.filter(
        n => (n.recipients as any).excludeEntityRef,
      );
    return { ...stack, parts, clock, toChannel };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('tells the owning Group once for its channel, in words every member may read, and follows up', async () => {
      const { sync, parts, toChannel, sentNotifications } = await shop(
        databaseId,
        true,
      );
      const incident = triggerLoginOutage(sim!);
      await sync.syncOnce();
      await parts.engine!.refreshSignals();
      // sam may read everything; nia may not read the root cause
      await parts.userViews.seen(SAM, ALL_REFS);
      await parts.userViews.seen(NIA, readableBut(AUTH));
      await parts.notifier!.run();

      const channel = toChannel();
      expect(channel).toHaveLength(1);
      // addressed to the Group, which is excluded: no member's inbox gets it
      expect(channel[0].recipients).toEqual({
        type: 'entity',
        entityRef: [SHOP],
        excludeEntityRef: [SHOP],
      });
      // no topic: a topic route would post it to a channel of other readers
      expect(channel[0].payload.topic).toBeUndefined();
      expect(channel[0].payload.title).toBe(
        'cart-api and 1 more affected by an upstream outage',
      );
      expect(channel[0].payload.description).toContain(
        'An upstream you may not see is failing.',
      );
      expect(JSON.stringify(channel[0].payload)).not.toMatch(
        /auth-service|platform|Login failing/,
      );
      // sam's own text still names the root cause
      const toSam = sentNotifications.find(n =>
        (n.recipients as any).entityRef.includes(SAM),
      )!;
      expect(toSam.payload.title).toBe(
        'cart-api and 1 more affected by auth-service (major outage)',
      );
      expect(channel[0].payload.scope).toBe(toSam.payload.scope);

      // nothing changed: not told again
      await parts.notifier!.run();
      expect(toChannel()).toHaveLength(1);

      sim!.state.resolve(incident.id);
      await sync.syncOnce();
      await parts.engine!.refreshSignals();
      expect(await parts.notifier!.run()).toMatchObject({ recovered: 3 });
      const recovery = toChannel()[1];
      expect(recovery.recipients).toEqual(channel[0].recipients);
      expect(recovery.payload.title).toBe(
        'Recovered: the upstream outage is over',
      );
    });

    it('masks an entity hidden from one member in the middle of a path, and names the root behind it that all may read', async () => {
      const { sync, parts, toChannel } = await shop(databaseId, true);
      triggerLoginOutage(sim!);
      await sync.syncOnce();
      await parts.engine!.refreshSignals();
      await parts.userViews.seen(SAM, ALL_REFS);
      await parts.userViews.seen(NIA, readableBut(MEMBERSHIP));
      await parts.notifier!.run();
      const [channel] = toChannel();
      expect(channel.payload.title).toBe(
        'cart-api and 1 more affected by auth-service (major outage)',
      );
      expect(channel.payload.description).toContain(
        'cart-api (major outage) via an upstream you may not see → auth-service',
      );
      expect(JSON.stringify(channel.payload)).not.toContain('membership-api');
    });

    it('names nothing while a member was never served, and tells no channel when channels are off', async () => {
      const on = await shop(databaseId, true);
      triggerLoginOutage(sim!);
      await on.sync.syncOnce();
      await on.parts.engine!.refreshSignals();
      await on.parts.userViews.seen(SAM, ALL_REFS);
      await on.parts.notifier!.run();
      const [channel] = on.toChannel();
      expect(channel.payload).toMatchObject({
        title: 'An upstream outage affects entities your team owns',
        link: '/status',
      });
      expect(JSON.stringify(channel.payload)).not.toMatch(
        /cart-api|shop-web|auth-service|membership-api|platform/,
      );
      await sim!.close();

      const off = await shop(databaseId, false);
      triggerLoginOutage(sim!);
      await off.sync.syncOnce();
      await off.parts.engine!.refreshSignals();
      await off.parts.userViews.seen(SAM, ALL_REFS);
      await off.parts.userViews.seen(NIA, ALL_REFS);
      await off.parts.notifier!.run();
      expect(off.sentNotifications.length).toBeGreaterThan(0);
      expect(off.toChannel()).toEqual([]);
    });
  });
});
