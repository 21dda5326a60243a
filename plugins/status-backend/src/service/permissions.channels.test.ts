import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  NEWCOMER,
  READER,
  RestrictedStatusBackend,
  startRestrictedStatusBackend,
  VETERAN,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

const SHOP = 'group:default/shop';

// Groups' channels under the restricted policy: shop's members are the
// reader, the newcomer and the veteran; none may read auth-service (the
// hidden root of checkout's outage), ledger-api (the hidden middle between
// invoices and payments) nor fraud-rules (shop's own, SREs only).
describe("Groups' channels under a real permission policy", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId, {
        status: {
          notifications: {
            enabled: true,
            minDurationSeconds: 0,
            channels: true,
          },
        },
      });
    });
    afterAll(() => backend?.sim.close());

    const toShopChannel = () =>
      backend.notified.filter(n => {
        const recipients = n.recipients as any;
        return (
          [recipients.excludeEntityRef].flat().includes(SHOP) &&
          [recipients.entityRef].flat().includes(SHOP)
        );
      });
    const served = async (user: string) => {
      await backend.as(user, '/entities/component/default/invoices');
      await waitForExpect(async () => {
        const views = await backend
          .statusKnex('status_user_views')
          .where('user_ref', user);
        expect(views).toHaveLength(1);
      });
    };

    it('names nothing while a member was never served, then only what every member may read', async () => {
      await served(VETERAN);
      await waitForExpect(async () => {
        await backend.scheduler.triggerTask('status-notifications');
        expect(toShopChannel().length).toBeGreaterThan(0);
      });
      // the reader and the newcomer were never served: nothing is named,
      // not even shop's own entities, which a policy may hide from them
      for (const { payload } of toShopChannel()) {
        expect(payload).toMatchObject({
          title: 'An upstream outage affects entities your team owns',
          link: '/status',
        });
        expect(payload.topic).toBeUndefined();
        for (const name of ['invoices', 'payments', 'checkout', 'cart'])
          expect(JSON.stringify(payload)).not.toContain(name);
      }
      // no member's inbox gets the channel's text
      for (const n of toShopChannel())
        expect((n.recipients as any).excludeEntityRef).toEqual([SHOP]);

      const before = backend.notified.length;
      await served(READER);
      await served(NEWCOMER);
      const named = () =>
        toShopChannel().filter(n => backend.notified.indexOf(n) >= before);
      await waitForExpect(async () => {
        await backend.scheduler.triggerTask('status-notifications');
        expect(named()).toHaveLength(2);
      });
      const payments = named().find(n =>
        n.payload.title.includes('payments'),
      )!.payload;
      expect(payments.title).toBe(
        'invoices affected by payments (major outage)',
      );
      expect(payments.description).toContain(
        'invoices (major outage) via an upstream you may not see → payments',
      );
      const login = named().find(
        n => !n.payload.title.includes('payments'),
      )!.payload;
      expect(login.description).toContain(
        'An upstream you may not see is failing.',
      );
      backend.expectNothingHidden(toShopChannel());
      expect(JSON.stringify(toShopChannel())).not.toContain('fraud-rules');
    });
  });
});
