import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { PagerDutySimulator, Random } from '@internal/pagerduty-simulator';
import { createTestDatabases } from '../__testUtils__/databases';
import { people, startShopSimulator } from '../__testUtils__/shopOrganisation';
import { createStatusStack } from '../__testUtils__/statusStack';

jest.setTimeout(180_000);

const USERS = ['user:default/sam', 'user:default/nia', 'user:default/pat'];
const REFS = people.map(
  e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
);
const COMPONENTS = REFS.filter(ref => ref.startsWith('component:'));
const SERVICES = ['PAUTH00', 'PMEMB00', 'PCART00', 'PSHOP00'];

/** What a run sent, in an order that does not depend on the run's. */
const sentSince = (sent: NotificationSendOptions[], from: number) =>
  sent
    .slice(from)
    .map(n =>
      JSON.stringify({
        to: [...((n.recipients as { entityRef: string[] }).entityRef ?? [])]
          .map(String)
          .sort(),
        payload: n.payload,
      }),
    )
    .sort();

describe('the notifier, after random changes', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator | undefined;
  afterEach(() => sim?.close());

  it.each(databases.eachSupportedId())(
    'sends what a notifier started afresh (nothing kept in memory) sends, on %p',
    async databaseId => {
      sim = await startShopSimulator();
      const random = new Random(23);
      const pick = <T>(items: readonly T[]) =>
        items[Math.floor(random.next() * items.length)];
      const stackOf = async () =>
        createStatusStack({
          knex: await databases.init(databaseId),
          pagerDutyUrl: sim!.url,
          logger: mockServices.logger.mock(),
          entities: people,
          config: { notifications: { enabled: true, minDurationSeconds: 0 } },
        });
      // one long-lived replica, and one that restarts before every run
      const kept = await stackOf();
      const fresh = await stackOf();
      let nowMs = Date.now();
      const now = () => new Date(nowMs);
      const keptParts = await kept.makeParts(now);
      await keptParts.engine!.refreshCatalog();
      let freshViews = (await fresh.makeParts(now)).userViews;
      const open: string[] = [];
      let told = 0;
      let leftAlone = 0;

      for (let step = 0; step < 30; step++) {
        const change = random.next();
        if (change < 0.35 || open.length === 0) {
          const incident = sim.state.trigger({
            service: pick(SERVICES),
            title: `Step ${step}`,
            urgency: random.next() < 0.8 ? 'high' : 'low',
            priority: pick(['P1', 'P2', 'P3']),
          });
          open.push(incident.id);
        } else if (change < 0.55) {
          sim.state.resolve(
            open.splice(Math.floor(random.next() * open.length), 1)[0],
          );
        } else if (change < 0.8) {
          // a user is served, reading all but a few entities
          const user = pick(USERS);
          const readable = new Set(REFS.filter(() => random.next() < 0.8));
          await keptParts.userViews.seen(user, readable);
          await freshViews.seen(user, readable);
        } else {
          const subscription = {
            userRef: pick(USERS),
            targetRef: pick(COMPONENTS),
            createdAt: now(),
          };
          await kept.store.notifications.saveSubscription(subscription);
          await fresh.store.notifications.saveSubscription(subscription);
        }
        nowMs += Math.floor(random.next() * 5 * 60_000);

        await kept.sync.syncOnce();
        await fresh.sync.syncOnce();
        const keptFrom = kept.sentNotifications.length;
        const freshFrom = fresh.sentNotifications.length;
        await keptParts.engine!.refreshSignals();
        const keptRun = await keptParts.notifier!.run();
        const restarted = await fresh.makeParts(now);
        await restarted.engine!.refreshCatalog();
        freshViews = restarted.userViews;
        const freshRun = await restarted.notifier!.run();

        expect(sentSince(kept.sentNotifications, keptFrom)).toEqual(
          sentSince(fresh.sentNotifications, freshFrom),
        );
        expect({ ...keptRun, unchanged: 0 }).toEqual({
          ...freshRun,
          unchanged: 0,
        });
        told += keptRun.sent + keptRun.recovered;
        leftAlone += keptRun.unchanged;
      }
      // the walk told something, and left roots alone in between
      expect(told).toBeGreaterThan(0);
      expect(leftAlone).toBeGreaterThan(0);
    },
  );
});
