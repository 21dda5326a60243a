import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PagerDutySimulator } from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  people,
  startShopSimulator,
  triggerLoginOutage,
} from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';
import { movableClock } from '../__testUtils__/movableClock';
import { statusPageSource } from './StatusPagePublisher';

jest.setTimeout(120_000);

const MIN = 60_000;
const PAGE = 'Meridian status';

/** The shop's people, with cart-api and shop-web the parts of the System mall. */
const withMall: Entity[] = [
  ...people.map(e =>
    ['cart-api', 'shop-web'].includes(e.metadata.name)
      ? { ...e, spec: { ...e.spec, system: 'system:default/mall' } }
      : e,
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'mall', namespace: 'default' },
    spec: { owner: 'group:default/shop' },
  },
];

describe('StatusPagePublisher', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator | undefined;
  afterEach(() => sim?.close());

  /** The shop with a status page showing sign-in (auth-service) and carts (cart-api), and a clock the test moves. */
  async function shop(
    databaseId: Parameters<typeof databases.init>[0],
    page: object = {},
  ) {
    sim = await startShopSimulator({
      statusPages: [{ name: PAGE, services: ['Sign-in', 'Carts'] }],
    });
    const stack = await createStatusStack({
      knex: await databases.init(databaseId),
      pagerDutyUrl: sim.url,
      logger: mockServices.logger.mock(),
      entities: withMall,
      client: { maxRetries: 0, backoffMs: 10 },
      config: {
        statusPages: [
          {
            page: PAGE,
            components: [
              { entity: 'component:default/auth-service', service: 'Sign-in' },
              { entity: 'component:default/cart-api', service: 'Carts' },
            ],
            minDurationSeconds: 60,
            minIntervalSeconds: 0,
            ...page,
          },
        ],
      },
    });
    const clock = movableClock();
    const start = async () => {
      const parts = await stack.makeParts(clock.now);
      await parts.engine!.refreshCatalog();
      await parts.engine!.refreshSignals();
      return parts;
    };
    const statusPage = () =>
      [...sim!.state.statusPages.pages.values()].find(p => p.name === PAGE)!;
    /** Each post's updates as [status, { service: impact }], by description. */
    const posts = () => {
      const p = statusPage();
      const describe = (
        list: { id: string; description: string }[],
        id: string,
      ) => list.find(c => c.id === id)!.description;
      return [...p.posts.values()].map(post =>
        post.updates.map(u => [
          describe(p.statuses, u.statusId),
          Object.fromEntries(
            u.impacted.map(i => [
              p.services.find(s => s.id === i.serviceId)!.name,
              describe(p.impacts, i.impactId),
            ]),
          ),
        ]),
      );
    };
    return { stack, clock, start, posts, sim: sim! };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("shows each service's own level once it has held, in one post, never twice after a restart, resolved when all is well", async () => {
      const { stack, clock, start, posts } = await shop(databaseId);
      const incident = triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      let parts = await start();
      // the outage is new: the page waits for it to hold a minute
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 0 });
      expect(posts()).toEqual([]);

      clock.advance(MIN + 1);
      expect(await parts.statusPages!.run()).toEqual({ written: 1, failed: 0 });
      // cart-api is down only through its upstreams: off by default
      expect(posts()).toEqual([
        [
          [
            'Investigating',
            { 'Sign-in': 'Major outage', Carts: 'Operational' },
          ],
        ],
      ]);

      // nothing changed: nothing written, nor after a restart
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 0 });
      parts = await start();
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 0 });
      expect(posts()).toHaveLength(1);

      sim!.state.resolve(incident.id);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 0 });
      clock.advance(MIN + 1);
      expect(await parts.statusPages!.run()).toEqual({ written: 1, failed: 0 });
      expect(posts()[0][1]).toEqual([
        'Resolved',
        { 'Sign-in': 'Operational', Carts: 'Operational' },
      ]);
      // a flap shorter than the minimum duration is never shown
      const flap = triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      await parts.statusPages!.run();
      clock.advance(10_000);
      sim!.state.resolve(flap.id);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      clock.advance(MIN + 1);
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 0 });
      expect(posts()).toHaveLength(1);
      // a later outage opens a new post
      triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      await parts.statusPages!.run();
      clock.advance(MIN + 1);
      await parts.statusPages!.run();
      expect(posts()).toHaveLength(2);
      expect(sim!.refusedRequests).toEqual([]);
      const source = (await stack.store.listSources()).find(
        s =>
          s.source ===
          statusPageSource({ account: 'default', page: PAGE } as any),
      );
      expect(source).toMatchObject({ consecutiveFailures: 0 });
    });

    it('shows a maintenance window in a maintenance post of its own, at once, with its start and end, and completes it', async () => {
      const { stack, start, posts, sim: simulator } = await shop(databaseId);
      const window = simulator.state.startMaintenance({
        services: ['auth-service'],
        minutes: 45,
      });
      await stack.sync.syncOnce();
      const parts = await start();
      expect(parts.engine!.levels('component:default/auth-service').own).toBe(
        'under_maintenance',
      );
      // planned: shown without waiting for the minimum duration
      expect(await parts.statusPages!.run()).toEqual({ written: 1, failed: 0 });
      const page = [...simulator.state.statusPages.pages.values()].find(
        p => p.name === PAGE,
      )!;
      const [post] = [...page.posts.values()];
      // PagerDuty's times are whole seconds
      const second = (date: Date) =>
        new Date(Math.floor(date.getTime() / 1000) * 1000);
      expect(post).toMatchObject({
        postType: 'maintenance',
        title: 'Scheduled maintenance',
        startsAt: second(window.startTime),
        endsAt: second(window.endTime),
      });
      // no incident post: maintenance is not an outage
      expect(posts()).toEqual([
        [['In progress', { 'Sign-in': 'Under maintenance' }]],
      ]);
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 0 });

      simulator.state.endMaintenance(window.id);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      expect(await parts.statusPages!.run()).toEqual({ written: 1, failed: 0 });
      expect(posts()[0][1]).toEqual(['Completed', {}]);
      expect(simulator.refusedRequests).toEqual([]);
    });

    it("publishes inherited impact only when asked, a System's as its worst part's, no faster than its interval, and says why it failed", async () => {
      // carts shows the System mall: the worst of its parts (cart-api, shop-web)
      const { stack, clock, start, posts } = await shop(databaseId, {
        inherited: true,
        minIntervalSeconds: 600,
        components: [
          { entity: 'component:default/auth-service', service: 'Sign-in' },
          { entity: 'system:default/mall', service: 'Carts' },
        ],
      });
      const incident = triggerLoginOutage(sim!);
      await stack.sync.syncOnce();
      const parts = await start();
      await parts.statusPages!.run();
      clock.advance(MIN + 1);
      expect(await parts.statusPages!.run()).toEqual({ written: 1, failed: 0 });
      expect(posts()[0][0]).toEqual([
        'Investigating',
        { 'Sign-in': 'Major outage', Carts: 'Major outage' },
      ]);
      // recovered within the interval: the page waits for it to pass
      sim!.state.resolve(incident.id);
      await stack.sync.syncOnce();
      await parts.engine!.refreshSignals();
      await parts.statusPages!.run();
      clock.advance(MIN + 1);
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 0 });
      expect(posts()[0]).toHaveLength(1);
      // PagerDuty refuses: the page's own source says so, and the write waits
      await fetch(`${sim!.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          endpoints: {
            '/status_pages/{id}/posts/{post_id}/post_updates': {
              mode: 'error',
              status: 500,
            },
          },
        }),
      });
      clock.advance(10 * MIN);
      expect(await parts.statusPages!.run()).toEqual({ written: 0, failed: 1 });
      const failing = (await stack.store.listSources()).find(
        s => s.source === `status-page:default:${PAGE}`,
      );
      expect(failing).toMatchObject({ consecutiveFailures: 1 });
      expect(failing!.lastError).toMatch(/500/);
      await fetch(`${sim!.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          endpoints: {
            '/status_pages/{id}/posts/{post_id}/post_updates': null,
          },
        }),
      });
      expect(await parts.statusPages!.run()).toEqual({ written: 1, failed: 0 });
      expect(posts()[0].map(([status]) => status)).toEqual([
        'Investigating',
        'Resolved',
      ]);
    });
  });
});
