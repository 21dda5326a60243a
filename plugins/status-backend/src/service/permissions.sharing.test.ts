import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { publicToken } from './publicAccess';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  IDENTITY_DEV,
  PUBLIC_TOKEN_SECRET,
  NEWCOMER,
  READER,
  VETERAN,
  RestrictedStatusBackend,
  SRE,
  startRestrictedStatusBackend,
} from '../__testUtils__/restrictedStatusBackend';

jest.setTimeout(120_000);

describe('following, notifications and public badges under a real permission policy', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: RestrictedStatusBackend;
    const call = (
      method: 'get' | 'put' | 'delete',
      path: string,
      user?: string,
    ) => {
      const req = request(backend.server)[method](`/api/status${path}`);
      return user
        ? req.set('Authorization', mockCredentials.user.header(user))
        : req;
    };

    beforeAll(async () => {
      backend = await startRestrictedStatusBackend(databases, databaseId);
    });
    afterAll(() => backend?.sim.close());

    it('lets a user follow only what they may read, and lists only that', async () => {
      for (const hidden of [
        '/subscriptions/component/default/auth-service',
        '/subscriptions/system/default/identity-core',
        '/subscriptions/resource/default/session-db',
      ])
        expect((await call('put', hidden, READER)).status).toBe(404);
      expect(
        (await call('put', '/subscriptions/location/default/x', READER)).status,
      ).toBe(400);
      expect(
        (
          await call('put', '/subscriptions/component/default/checkout').set(
            'Authorization',
            mockCredentials.none.header(),
          )
        ).status,
      ).toBe(401);
      expect(
        (
          await request(backend.server)
            .get('/api/status/subscriptions')
            .set('Authorization', mockCredentials.service.header())
        ).status,
      ).toBe(403);

      const followed = await call(
        'put',
        '/subscriptions/component/default/checkout',
        READER,
      );
      expect(followed.status).toBe(201);
      expect(followed.body).toMatchObject({
        entityRef: 'component:default/checkout',
        title: 'checkout',
        level: 'major_outage',
      });
      expect(
        (await call('put', '/subscriptions/component/default/checkout', READER))
          .status,
      ).toBe(200);
      expect(
        (await call('put', '/subscriptions/system/default/shop-system', READER))
          .status,
      ).toBe(201);

      const list = await call('get', '/subscriptions', READER);
      expect(list.status).toBe(200);
      expect(list.body.subscriptions.map((s: any) => s.entityRef)).toEqual([
        'component:default/checkout',
        'system:default/shop-system',
      ]);
      expect(list.body).toMatchObject({
        removed: 0,
        notificationsEnabled: true,
      });
      backend.expectNothingHidden(list.body);

      // another user's subscriptions are theirs alone
      expect(
        (await call('get', '/subscriptions', SRE)).body.subscriptions,
      ).toEqual([]);

      expect(
        (
          await call(
            'delete',
            '/subscriptions/system/default/shop-system',
            READER,
          )
        ).status,
      ).toBe(204);
      expect(
        (await call('get', '/subscriptions', READER)).body.subscriptions.map(
          (s: any) => s.entityRef,
        ),
      ).toEqual(['component:default/checkout']);
    });

    it('drops, when listing, a subscription to what the user may no longer read', async () => {
      // as if the policy had changed after reader followed auth-service
      await backend.statusKnex('status_subscriptions').insert({
        user_ref: READER,
        target_ref: 'component:default/auth-service',
        created_at: new Date(),
      });
      const list = await call('get', '/subscriptions', READER);
      expect(list.body.removed).toBe(1);
      backend.expectNothingHidden(list.body);
      expect(
        await backend.statusKnex('status_subscriptions').where({
          user_ref: READER,
          target_ref: 'component:default/auth-service',
        }),
      ).toEqual([]);
    });

    it('notifies followers of the outage, never naming to them what they may not read', async () => {
      expect(
        (await call('put', '/subscriptions/component/default/checkout', READER))
          .status,
      ).toBeLessThan(300);
      expect(
        (
          await call(
            'put',
            '/subscriptions/component/default/auth-service',
            SRE,
          )
        ).status,
      ).toBe(201);
      // each user's view is recorded as the API serves them
      await call('get', '/entities/component/default/checkout', READER);
      await call('get', '/entities/component/default/checkout', SRE);
      await waitForExpect(async () => {
        const views = await backend
          .statusKnex('status_user_views')
          .whereIn('user_ref', [READER, SRE]);
        expect(views).toHaveLength(2);
      });
      await backend.scheduler.triggerTask('status-notifications');
      const to = backend.notifiedTo;
      await waitForExpect(() => {
        expect(to(READER)).toHaveLength(1);
        expect(to(SRE)).toHaveLength(1);
      });
      const reader = to(READER)[0].payload;
      expect(reader.title).toBe('checkout affected by an upstream outage');
      expect(reader.description).toContain(
        'checkout (major outage) via login-api → an upstream you may not see',
      );
      backend.expectNothingHidden(to(READER));
      expect(to(SRE)[0].payload.title).toBe('auth-service is in major outage');
      expect(to(SRE)[0].payload.description).toContain(
        'Token signing keys expired',
      );
    });

    it("tells owners about an upstream outage without naming what a policy hides from them, even their own team's entities", async () => {
      // veteran has opened the status page; newcomer never has
      const before = backend.notified.length;
      await call('get', '/entities/component/default/invoices', VETERAN);
      await waitForExpect(async () => {
        const views = await backend
          .statusKnex('status_user_views')
          .where('user_ref', VETERAN);
        expect(views).toHaveLength(1);
      });
      const to = backend.notifiedTo;
      // what the veteran is told once served (earlier runs told both the same as the newcomer)
      const toVeteran = () =>
        to(VETERAN).filter(n => backend.notified.indexOf(n) >= before);
      await waitForExpect(async () => {
        // a run already under way when the view was recorded does not see
        // it, and a trigger during a run is dropped: ask until one has (each
        // outage is told to a user once, however often the task runs)
        await backend.scheduler.triggerTask('status-notifications');
        expect(to(NEWCOMER).length).toBeGreaterThan(0);
        expect(toVeteran()).toHaveLength(2);
      });
      // shop owns fraud-rules, which only SREs may read: the newcomer's
      // notification names nothing, not even shop's own entities
      for (const { payload } of to(NEWCOMER)) {
        expect(payload).toMatchObject({
          title: 'An upstream outage affects entities you own or follow',
          link: '/status',
          severity: 'normal',
        });
        for (const name of ['invoices', 'payments', 'checkout', 'cart'])
          expect(JSON.stringify(payload)).not.toContain(name);
      }
      backend.expectNothingHidden(to(NEWCOMER));
      // the veteran reads what their view allows: invoices via a hidden hop, never fraud-rules
      const payments = toVeteran().find(n =>
        n.payload.title.includes('payments'),
      )!.payload;
      expect(payments.title).toBe(
        'invoices affected by payments (major outage)',
      );
      expect(payments.description).toContain(
        'invoices (major outage) via an upstream you may not see → payments',
      );
      backend.expectNothingHidden(toVeteran());
      // auth-service is hidden from shop: neither its level nor since when is told
      const login = toVeteran().find(
        n => !n.payload.title.includes('payments'),
      )!.payload;
      expect(login.description).toContain(
        'An upstream you may not see is failing.',
      );
      expect(login.description).not.toContain('since');
    });

    it('publishes badges and feeds only of public entities, naming no hidden upstream, and gives tokens only to status admins', async () => {
      const anonymous = (path: string) =>
        request(backend.server)
          .get(`/api/status${path}`)
          .set('Authorization', mockCredentials.none.header());
      expect(
        (await anonymous('/public/badges/component/default/checkout.svg'))
          .status,
      ).toBe(200);
      const feed = await anonymous(
        '/public/feeds/component/default/checkout.atom',
      );
      expect(feed.status).toBe(200);
      backend.expectNothingHidden(feed.text ?? feed.body.toString());
      // a feed opened by token: its changes came through a hidden hop and a root that is not public
      const invoicesFeed = await anonymous(
        `/public/feeds/component/default/invoices.atom?token=${publicToken(
          PUBLIC_TOKEN_SECRET,
          'component:default/invoices',
        )}`,
      );
      expect(invoicesFeed.status).toBe(200);
      const invoicesText = invoicesFeed.text ?? invoicesFeed.body.toString();
      expect(invoicesText).toContain('invoices');
      backend.expectNothingHidden(invoicesText);
      expect(invoicesText).not.toContain('payments');
      const invoicesBadge = await anonymous(
        `/public/badges/component/default/invoices.svg?token=${publicToken(
          PUBLIC_TOKEN_SECRET,
          'component:default/invoices',
        )}`,
      );
      expect(invoicesBadge.text ?? invoicesBadge.body.toString()).toContain(
        'invoices: major outage',
      );
      // not public: 404 to anyone, signed in or not, whatever they may read
      for (const path of [
        '/public/badges/component/default/auth-service.svg',
        '/public/feeds/system/default/identity-core.atom',
      ]) {
        expect((await anonymous(path)).status).toBe(404);
        expect((await call('get', path, SRE)).status).toBe(404);
      }
      // tokens: status admins only, and only for what they may read
      expect(
        (
          await call(
            'get',
            '/entities/component/default/cart/public-links',
            READER,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await call(
            'get',
            '/entities/component/default/auth-service/public-links',
            IDENTITY_DEV,
          )
        ).status,
      ).toBe(403);
      const links = await call(
        'get',
        '/entities/component/default/auth-service/public-links',
        SRE,
      );
      expect(links.status).toBe(200);
      expect(links.body.badgePath).toContain(
        publicToken(PUBLIC_TOKEN_SECRET, 'component:default/auth-service'),
      );
      expect((await anonymous(links.body.badgePath)).status).toBe(200);
    });
  });
});
