import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/databases';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';

jest.setTimeout(60_000);

const MINUTE = 60_000;

describe('DatabaseNotificationStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await migratedDatabase(databases, databaseId);
      return { knex, store: new DatabaseNotificationStore(knex) };
    }

    it('stores one episode per root cause, replaces it, and deletes it', async () => {
      const { store } = await createStore();
      const now = Date.now();
      expect(await store.listEpisodes()).toEqual([]);

      await store.saveEpisode({
        rootRef: 'component:default/payments',
        startedAt: new Date(now - 10 * MINUTE),
        sent: {},
      });
      await store.saveEpisode({
        rootRef: 'component:default/ledger-api',
        startedAt: new Date(now - 20 * MINUTE),
        notifiedAt: new Date(now - 15 * MINUTE),
        sent: {
          'user:default/ada': {
            fingerprint: 'f1',
            link: '/status/component/default/ledger-api',
            rootName: 'ledger-api',
          },
          'user:default/bob': { fingerprint: 'f2', link: '/status' },
        },
      });
      // the outage is notified: the same root cause, replaced
      await store.saveEpisode({
        rootRef: 'component:default/payments',
        startedAt: new Date(now - 10 * MINUTE),
        notifiedAt: new Date(now - 5 * MINUTE),
        sent: {
          'user:default/ada': { fingerprint: 'f3', link: '/status/payments' },
        },
      });

      const byRoot = (episodes: { rootRef: string }[]) =>
        [...episodes].sort((a, b) => a.rootRef.localeCompare(b.rootRef));
      expect(byRoot(await store.listEpisodes())).toEqual([
        {
          rootRef: 'component:default/ledger-api',
          startedAt: new Date(now - 20 * MINUTE),
          notifiedAt: new Date(now - 15 * MINUTE),
          sent: {
            'user:default/ada': {
              fingerprint: 'f1',
              link: '/status/component/default/ledger-api',
              rootName: 'ledger-api',
            },
            'user:default/bob': { fingerprint: 'f2', link: '/status' },
          },
        },
        {
          rootRef: 'component:default/payments',
          startedAt: new Date(now - 10 * MINUTE),
          notifiedAt: new Date(now - 5 * MINUTE),
          sent: {
            'user:default/ada': { fingerprint: 'f3', link: '/status/payments' },
          },
        },
      ]);

      await store.deleteEpisode('component:default/ledger-api');
      // deleting what is gone already is no error
      await store.deleteEpisode('component:default/ledger-api');
      expect((await store.listEpisodes()).map(e => e.rootRef)).toEqual([
        'component:default/payments',
      ]);
    });

    it('reads an episode whose recipients cannot be parsed as sent to no one', async () => {
      const { knex, store } = await createStore();
      const now = Date.now();
      await knex('status_notification_episodes').insert({
        root_ref: 'component:default/payments',
        started_at: new Date(now - MINUTE),
        notified_at: null,
        sent: 'not json',
      });
      expect(await store.listEpisodes()).toEqual([
        {
          rootRef: 'component:default/payments',
          startedAt: new Date(now - MINUTE),
          notifiedAt: undefined,
          sent: {},
        },
      ]);
    });

    it('keeps one subscription per user and target, lists them oldest first, and removes them', async () => {
      const { store } = await createStore();
      const now = Date.now();
      const ada = 'user:default/ada';
      const bob = 'user:default/bob';
      await store.saveSubscription({
        userRef: ada,
        targetRef: 'component:default/payments',
        createdAt: new Date(now - 5 * MINUTE),
      });
      await store.saveSubscription({
        userRef: ada,
        targetRef: 'system:default/checkout',
        createdAt: new Date(now - 30 * MINUTE),
      });
      // the same instant: ordered by target
      await store.saveSubscription({
        userRef: ada,
        targetRef: 'group:default/sre',
        createdAt: new Date(now - 5 * MINUTE),
      });
      await store.saveSubscription({
        userRef: bob,
        targetRef: 'component:default/payments',
        createdAt: new Date(now - MINUTE),
      });
      // subscribing again keeps the first subscription as it was
      await store.saveSubscription({
        userRef: ada,
        targetRef: 'system:default/checkout',
        createdAt: new Date(now),
      });

      expect(await store.listSubscriptionsOf(ada)).toEqual([
        {
          userRef: ada,
          targetRef: 'system:default/checkout',
          createdAt: new Date(now - 30 * MINUTE),
        },
        {
          userRef: ada,
          targetRef: 'component:default/payments',
          createdAt: new Date(now - 5 * MINUTE),
        },
        {
          userRef: ada,
          targetRef: 'group:default/sre',
          createdAt: new Date(now - 5 * MINUTE),
        },
      ]);
      expect(await store.listSubscriptionsOf('user:default/nobody')).toEqual(
        [],
      );

      const to = await store.listSubscriptionsTo([
        'component:default/payments',
        'component:default/payments',
        'group:default/sre',
        'component:default/unfollowed',
      ]);
      expect(
        to
          .map(s => `${s.userRef} ${s.targetRef}`)
          .sort((a, b) => a.localeCompare(b)),
      ).toEqual([
        `${ada} component:default/payments`,
        `${ada} group:default/sre`,
        `${bob} component:default/payments`,
      ]);
      expect(await store.listSubscriptionsTo([])).toEqual([]);

      expect(await store.deleteSubscription(ada, 'group:default/sre')).toBe(
        true,
      );
      expect(await store.deleteSubscription(ada, 'group:default/sre')).toBe(
        false,
      );
      expect(
        await store.deleteSubscription(bob, 'system:default/checkout'),
      ).toBe(false);
      expect(
        (await store.listSubscriptionsOf(ada)).map(s => s.targetRef),
      ).toEqual(['system:default/checkout', 'component:default/payments']);
      expect(
        (await store.listSubscriptionsOf(bob)).map(s => s.targetRef),
      ).toEqual(['component:default/payments']);
    });

    it('finds the subscriptions to more targets than one read takes', async () => {
      const { store } = await createStore();
      const now = Date.now();
      const targets = Array.from(
        { length: 1201 },
        (_, i) => `component:default/service-${i}`,
      );
      for (const targetRef of [targets[0], targets[600], targets[1200]])
        await store.saveSubscription({
          userRef: 'user:default/ada',
          targetRef,
          createdAt: new Date(now),
        });
      const found = await store.listSubscriptionsTo(targets);
      expect(
        found.map(s => s.targetRef).sort((a, b) => a.localeCompare(b)),
      ).toEqual([
        'component:default/service-0',
        'component:default/service-1200',
        'component:default/service-600',
      ]);
    });

    it("replaces a user's view and reads back only users served", async () => {
      const { knex, store } = await createStore();
      const now = Date.now();
      await store.saveUserView({
        userRef: 'user:default/ada',
        hiddenRefs: ['component:default/ledger-api'],
        seenAt: new Date(now - 10 * MINUTE),
      });
      await store.saveUserView({
        userRef: 'user:default/bob',
        hiddenRefs: [],
        seenAt: new Date(now - 5 * MINUTE),
      });
      await store.saveUserView({
        userRef: 'user:default/ada',
        hiddenRefs: ['component:default/fraud-rules'],
        seenAt: new Date(now - MINUTE),
      });
      await knex('status_user_views').insert({
        user_ref: 'user:default/eve',
        hidden_refs: '{broken',
        seen_at: new Date(now),
      });

      const views = await store.getUserViews([
        'user:default/ada',
        'user:default/ada',
        'user:default/eve',
        'user:default/never-served',
      ]);
      expect([...views.keys()].sort((a, b) => a.localeCompare(b))).toEqual([
        'user:default/ada',
        'user:default/eve',
      ]);
      expect(views.get('user:default/ada')).toEqual({
        userRef: 'user:default/ada',
        hiddenRefs: ['component:default/fraud-rules'],
        seenAt: new Date(now - MINUTE),
      });
      // a view that cannot be read hides nothing more than none would
      expect(views.get('user:default/eve')?.hiddenRefs).toEqual([]);
      expect((await store.getUserViews([])).size).toBe(0);
    });

    it('changes the version of the subscriptions, of the views or of the episodes with each write of them, and only then', async () => {
      const { store } = await createStore();
      expect(await store.versions()).toEqual({
        subscriptions: undefined,
        views: undefined,
        episodes: undefined,
      });
      const subscription = {
        userRef: 'user:default/ada',
        targetRef: 'component:default/payments',
        createdAt: new Date(),
      };
      await store.saveSubscription(subscription);
      const first = await store.versions();
      expect(first.subscriptions).toBeDefined();
      expect(first.views).toBeUndefined();
      await store.saveUserView({
        userRef: 'user:default/ada',
        hiddenRefs: [],
        seenAt: new Date(),
      });
      const second = await store.versions();
      expect(second.subscriptions).toBe(first.subscriptions);
      expect(second.views).toBeDefined();
      // an episode's write changes the episodes' version alone
      await store.saveEpisode({
        rootRef: 'component:default/payments',
        startedAt: new Date(),
        sent: {},
      });
      const third = await store.versions();
      expect(third.episodes).toBeDefined();
      expect(third).toEqual({ ...second, episodes: third.episodes });
      await store.deleteEpisode('component:default/payments');
      expect((await store.versions()).episodes).not.toBe(third.episodes);
      const fourth = await store.versions();
      // removing nothing changes nothing; removing one does
      expect(
        await store.deleteSubscription(
          'user:default/bob',
          subscription.targetRef,
        ),
      ).toBe(false);
      expect(await store.versions()).toEqual(fourth);
      await store.deleteSubscription(
        subscription.userRef,
        subscription.targetRef,
      );
      expect((await store.versions()).subscriptions).not.toBe(
        second.subscriptions,
      );
    });

    it('records when entities first appeared, keeps the first time, and forgets those that left', async () => {
      const { store } = await createStore();
      const now = Date.now();
      const first = new Date(now - 60 * MINUTE);
      const later = new Date(now - 10 * MINUTE);
      expect((await store.listEntitiesFirstSeen()).size).toBe(0);

      await store.updateEntitiesFirstSeen({
        appeared: ['component:default/payments', 'component:default/cart'],
        at: first,
        left: [],
      });
      // another replica saw payments appear too, later: the first time stands
      await store.updateEntitiesFirstSeen({
        appeared: ['component:default/payments', 'component:default/search'],
        at: later,
        left: ['component:default/cart', 'component:default/never-seen'],
      });
      expect(await store.listEntitiesFirstSeen()).toEqual(
        new Map([
          ['component:default/payments', first],
          ['component:default/search', later],
        ]),
      );

      // more than one write takes, both ways
      const many = Array.from(
        { length: 1001 },
        (_, i) => `component:default/service-${i}`,
      );
      await store.updateEntitiesFirstSeen({
        appeared: many,
        at: later,
        left: [],
      });
      expect((await store.listEntitiesFirstSeen()).size).toBe(1003);
      await store.updateEntitiesFirstSeen({
        appeared: [],
        at: later,
        left: many,
      });
      expect([...(await store.listEntitiesFirstSeen()).keys()].sort()).toEqual([
        'component:default/payments',
        'component:default/search',
      ]);
    });
  });
});
