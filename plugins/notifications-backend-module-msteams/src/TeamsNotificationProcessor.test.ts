import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { createTestDatabases } from './__testUtils__/databases';
import { PostedCards } from './database/PostedCards';
import { readTeamsConfig } from './routing/readTeamsConfig';
import waitForExpect from 'wait-for-expect';
import { TeamsNotificationProcessor } from './TeamsNotificationProcessor';

jest.setTimeout(60_000);

const SIG = 'simulator-signature';

describe('TeamsNotificationProcessor', () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator;
  const hook = (name: string, sig = SIG) =>
    `${sim.url}/teams/workflows/${name}/invoke?api-version=1&sig=${sig}`;

  beforeAll(async () => {
    // each read a second later: the sleeps here are not waited, so Teams'
    // four posts a second must not be met by a burst of retries
    let clock = Date.now();
    sim = await startPagerDutySimulator({
      historyDays: 0,
      catalog: { services: [], groups: [] },
      now: () => new Date((clock += 1000)),
    });
  });
  beforeEach(() => sim.teams.clear());
  afterAll(() => sim.close());

  const group = (name: string, annotation?: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      ...(annotation
        ? {
            annotations: {
              'teams.microsoft.com/workflow-webhook': annotation,
            },
          }
        : {}),
    },
    spec: { type: 'team', children: [] },
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    /** Each setup a new database, unless `knex` names one: a restart. */
    async function setup(
      msteams: Record<string, unknown> = {},
      more: { annotationUrl?: string; knex?: Knex } = {},
    ) {
      const knex = more.knex ?? (await databases.init(databaseId));
      const config = readTeamsConfig(
        new ConfigReader({
          notifications: {
            processors: {
              msteams: {
                webhooks: {
                  shop: { url: hook('shop') },
                  outages: { url: hook('outages') },
                  everyone: { url: hook('everyone') },
                  flaky: { url: hook('flaky') },
                  stubborn: { url: hook('stubborn') },
                },
                topics: [{ topic: 'Upstream outages', webhooks: ['outages'] }],
                broadcast: ['everyone'],
                retryDelayMs: 1000,
                ...msteams,
              },
            },
          },
        }),
      )!;
      const logger = mockServices.logger.mock();
      const sleeps: number[] = [];
      const processor = new TeamsNotificationProcessor({
        config,
        posted: await PostedCards.create({
          database: mockServices.database({
            knex,
            migrations: { skip: false },
          }),
        }),
        catalog: catalogServiceMock({
          entities: [
            group('shop', 'shop'),
            group('payments', more.annotationUrl ?? hook('payments')),
            group('ghosts', 'not-configured'),
            group('quiet'),
            group('unreliable', 'flaky'),
            group('stubborn', 'stubborn'),
          ],
        }),
        auth: mockServices.auth(),
        logger,
        baseUrl: 'https://portal.example.com',
        sleep: async ms => {
          sleeps.push(ms);
        },
      });
      const send = async (options: NotificationSendOptions) => {
        await processor.processOptions(options);
        await processor.idle();
      };
      const logged = () =>
        [
          ...logger.error.mock.calls,
          ...logger.warn.mock.calls,
          ...logger.info.mock.calls,
          ...logger.debug.mock.calls,
        ]
          .map(call => call.map(String).join(' '))
          .join('\n');
      // the spacing between cards on one webhook is not a retry
      const retrySleeps = () => sleeps.filter(ms => ms !== 250);
      return { processor, send, logger, logged, retrySleeps, knex };
    }

    const cards = (workflow?: string) =>
      sim.teams.list(workflow).map(posted => ({
        workflow: posted.workflow,
        texts: JSON.stringify(posted.card.body),
        card: posted.card,
      }));

    it('posts to the channel a Group names, by config name or by URL, and never to users alone', async () => {
      const { send } = await setup();
      await send({
        recipients: {
          type: 'entity',
          entityRef: [
            'group:default/shop',
            'group:default/payments',
            'user:default/ana',
          ],
        },
        payload: {
          title: 'login-api is down',
          description: 'It reaches cart-api.',
          link: '/catalog/default/component/cart-api/status',
          severity: 'critical',
        },
      });
      await send({
        recipients: { type: 'entity', entityRef: 'user:default/ana' },
        payload: { title: 'only for Ana' },
      });
      expect(
        cards()
          .map(c => c.workflow)
          .sort(),
      ).toEqual(['payments', 'shop']);
      const shop = cards('shop')[0].card;
      expect(shop.body).toEqual([
        expect.objectContaining({
          items: [
            expect.objectContaining({ text: 'Critical', color: 'attention' }),
            expect.objectContaining({ text: 'login-api is down' }),
          ],
        }),
        expect.objectContaining({ text: 'It reaches cart-api.' }),
      ]);
      expect(shop.actions).toEqual([
        {
          type: 'Action.OpenUrl',
          title: 'Open in Backstage',
          url: 'https://portal.example.com/catalog/default/component/cart-api/status',
        },
      ]);
    });

    it('routes by topic, broadcasts to the broadcast webhooks, and one card per webhook', async () => {
      const { send } = await setup();
      await send({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/shop', 'group:default/shop'],
        },
        payload: {
          title: 'payments is down',
          topic: 'Upstream outages',
          severity: 'high',
        },
      });
      await send({
        recipients: { type: 'broadcast' },
        payload: { title: 'Maintenance tonight', severity: 'low' },
      });
      await send({
        recipients: { type: 'broadcast' },
        payload: { title: 'Routed broadcast', topic: 'Upstream outages' },
      });
      expect(cards('shop').map(c => c.texts)).toEqual([
        expect.stringContaining('payments is down'),
      ]);
      expect(cards('outages').map(c => c.texts)).toEqual([
        expect.stringContaining('payments is down'),
        expect.stringContaining('Routed broadcast'),
      ]);
      // a routed broadcast goes where its topic says, not also to everyone
      expect(cards('everyone').map(c => c.texts)).toEqual([
        expect.stringContaining('Maintenance tonight'),
      ]);
      expect(cards('shop')[0].texts).toContain('"color":"warning"');
    });

    it('warns of an annotation naming nothing usable, without its value', async () => {
      const { send, logger } = await setup(
        { annotationUrls: false },
        { annotationUrl: hook('payments', 's3cret-signature-value') },
      );
      await send({
        recipients: {
          type: 'entity',
          entityRef: [
            'group:default/ghosts',
            'group:default/payments',
            'group:default/quiet',
          ],
        },
        payload: { title: 'x' },
      });
      expect(cards()).toEqual([]);
      const warnings = logger.warn.mock.calls.map(c => String(c[0]));
      expect(warnings).toEqual([
        expect.stringContaining(
          'group:default/ghosts: its teams.microsoft.com/workflow-webhook annotation names a webhook that is not configured',
        ),
        expect.stringContaining(
          'group:default/payments: its teams.microsoft.com/workflow-webhook annotation holds a URL, which config does not allow',
        ),
      ]);
      expect(warnings.join(' ')).not.toContain('s3cret-signature-value');
    });

    it('posts an update of the same scope once, marked as an update, and nothing when it did not change', async () => {
      const { send } = await setup();
      const outage = (description: string) =>
        send({
          recipients: { type: 'entity', entityRef: 'group:default/shop' },
          payload: {
            title: 'login-api is down',
            description,
            scope: 'outage:login-api',
            severity: 'critical',
          },
        });
      await outage('It reaches cart-api.');
      await outage('It reaches cart-api.');
      await outage('It reaches cart-api and shop-web.');
      const texts = cards('shop').map(c => c.texts);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain('"text":"Critical"');
      expect(texts[1]).toContain('"text":"Critical · Updated"');
      expect(texts[1]).toContain('It reaches cart-api and shop-web.');
    });

    it('retries with backoff, then posts; a refused card is not retried', async () => {
      const { send, retrySleeps, logger } = await setup();
      sim.teams.setFault('flaky', { status: 503, times: 2 });
      await send({
        recipients: { type: 'entity', entityRef: 'group:default/unreliable' },
        payload: { title: 'third time lucky' },
      });
      expect(cards('flaky')).toHaveLength(1);
      expect(retrySleeps()).toEqual([1000, 2000]);

      sim.teams.setFault('flaky', { status: 400, times: 5 });
      await send({
        recipients: { type: 'entity', entityRef: 'group:default/unreliable' },
        payload: { title: 'refused' },
      });
      expect(retrySleeps()).toEqual([1000, 2000]);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          'a card for webhook "flaky" was not posted after 1 tries: Teams answered 400',
        ),
      );
      sim.teams.setFault('flaky');
    });

    it('gives up after the configured retries, heeding Retry-After, and keeps webhook URLs out of the logs', async () => {
      const { send, retrySleeps, logged } = await setup({ retries: 2 });
      sim.teams.setFault('stubborn', {
        status: 429,
        times: 10,
        retryAfterSeconds: 3,
      });
      await send({
        recipients: { type: 'entity', entityRef: 'group:default/stubborn' },
        payload: { title: 'never arrives' },
      });
      expect(cards('stubborn')).toEqual([]);
      expect(retrySleeps()).toEqual([3000, 3000]);
      const closed = await startPagerDutySimulator({
        historyDays: 0,
        catalog: { services: [], groups: [] },
      });
      const deadUrl = `${closed.url}/teams/workflows/dead/invoke?api-version=1&sig=s3cret-signature-value`;
      await closed.close();
      const { send: sendDead, logged: loggedDead } = await setup({
        webhooks: { dead: { url: deadUrl } },
        topics: [{ topic: 'Dead', webhooks: ['dead'] }],
        broadcast: [],
        retries: 1,
      });
      await sendDead({
        recipients: { type: 'broadcast' },
        payload: { title: 'nobody listens', topic: 'Dead' },
      });
      expect(loggedDead()).toMatch(
        /not posted after 2 tries: fetch failed \(.*ECONNREFUSED/,
      );
      expect(logged()).toMatch(
        /webhook "stubborn" was not posted after 3 tries: Teams answered 429/,
      );
      for (const text of [logged(), loggedDead()]) {
        expect(text).not.toContain('s3cret-signature-value');
        expect(text).not.toContain(SIG);
        expect(text).not.toContain('/invoke');
      }
    });

    it('remembers what it posted across a restart, and forgets a card that was not posted', async () => {
      const first = await setup();
      const outage = (
        send: typeof first.send,
        description: string,
        webhook = 'group:default/shop',
      ) =>
        send({
          recipients: { type: 'entity', entityRef: webhook },
          payload: {
            title: 'payments is down',
            description,
            scope: 'outage:payments',
          },
        });
      await outage(first.send, 'It reaches checkout.');
      // a restart, or another replica: the same database
      const second = await setup({}, { knex: first.knex });
      await outage(second.send, 'It reaches checkout.');
      expect(cards('shop')).toHaveLength(1);
      await outage(second.send, 'It reaches checkout and invoices.');
      expect(cards('shop').map(c => c.texts)).toEqual([
        expect.stringContaining('"text":"Normal"'),
        expect.stringContaining('"text":"Normal · Updated"'),
      ]);

      // refused: the same card sent again is tried again, not taken as posted
      sim.teams.setFault('flaky', { status: 400, times: 1 });
      await outage(
        second.send,
        'It reaches carts.',
        'group:default/unreliable',
      );
      expect(cards('flaky')).toEqual([]);
      await waitForExpect(async () => {
        await outage(
          second.send,
          'It reaches carts.',
          'group:default/unreliable',
        );
        expect(cards('flaky')).toHaveLength(1);
      });
      expect(cards('flaky')[0].texts).toContain('"text":"Normal"');
    });

    it('drops cards past the queue bound with a warning, and never throws', async () => {
      const { processor, logger } = await setup({ maxQueued: 1 });
      const options: NotificationSendOptions = {
        recipients: { type: 'entity', entityRef: 'group:default/shop' },
        payload: { title: 'one' },
      };
      await processor.processOptions(options);
      await processor.processOptions({ ...options, payload: { title: 'two' } });
      await processor.idle();
      expect(cards('shop').map(c => c.texts)).toEqual([
        expect.stringContaining('one'),
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('a card for webhook "shop" is dropped'),
      );
      // a catalog that fails is logged, not thrown into the notifications backend
      const failing = new TeamsNotificationProcessor({
        posted: await PostedCards.create({
          database: mockServices.database({
            knex: await databases.init(databaseId),
            migrations: { skip: false },
          }),
        }),
        config: readTeamsConfig(
          new ConfigReader({
            notifications: { processors: { msteams: { webhooks: {} } } },
          }),
        )!,
        catalog: {
          getEntitiesByRefs: async () => {
            throw new Error('catalog down');
          },
        } as any,
        auth: mockServices.auth(),
        logger,
        baseUrl: 'https://portal.example.com',
      });
      await expect(failing.processOptions(options)).resolves.toBe(options);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          'a notification was not posted: Error: catalog down',
        ),
      );
    });
  });
});
