import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { createStatusStack } from '../../__testUtils__/statusStack';
import { createTestDatabases } from '../../__testUtils__/databases';
import {
  ensureWebhookSubscription,
  WEBHOOK_SUBSCRIPTION_DESCRIPTION,
} from './ensureWebhookSubscription';
import { PAGERDUTY_WEBHOOK_EVENT_TYPES } from './PagerDutyWebhookProcessor';
import { WebhookSecretVault } from './WebhookSecretVault';

jest.setTimeout(60_000);

const URL = 'http://127.0.0.1:7007/api/status/webhooks/pagerduty';

describe('ensureWebhookSubscription against the simulator', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let sim: PagerDutySimulator;
    beforeEach(async () => {
      sim = await startPagerDutySimulator({ seed: 9, historyDays: 1 });
    });
    afterEach(() => sim.close());

    async function setUp(encryptionKey: string | null = 'a-key-from-config') {
      const { store, client } = await createStatusStack({
        knex: await databases.init(databaseId),
        pagerDutyUrl: sim.url,
        logger: mockServices.logger.mock(),
      });
      const vault = new WebhookSecretVault(
        store,
        mockServices.logger.mock(),
        encryptionKey ?? undefined,
      );
      const ensure = () =>
        ensureWebhookSubscription({
          account: 'default',
          client,
          store,
          vault,
          url: URL,
          logger: mockServices.logger.mock(),
        });
      const webhooksSource = async () =>
        (await store.listSources()).find(
          s => s.source === 'pagerduty:default:webhooks',
        );
      return { store, vault, ensure, webhooksSource };
    }
    const subscriptions = () => [...sim.state.webhookSubscriptions.values()];

    it('creates one subscription, then finds it by URL and description', async () => {
      const { ensure, vault } = await setUp();
      expect(await ensure()).toBe('created');
      expect(await ensure()).toBe('exists');
      expect(subscriptions()).toHaveLength(1);
      expect(subscriptions()[0]).toMatchObject({
        url: URL,
        description: WEBHOOK_SUBSCRIPTION_DESCRIPTION,
      });
      expect(await vault.list('default')).toEqual(subscriptions()[0].secrets);
    });

    it('adds the event types a subscription made by an earlier version lacks', async () => {
      const { ensure } = await setUp();
      expect(await ensure()).toBe('created');
      // as an earlier version subscribed: without notes and status updates
      const [subscription] = subscriptions();
      subscription.events = subscription.events.filter(
        e =>
          e !== 'incident.annotated' &&
          e !== 'incident.status_update_published',
      );
      expect(await ensure()).toBe('exists');
      expect([...subscriptions()[0].events].sort()).toEqual(
        [...PAGERDUTY_WEBHOOK_EVENT_TYPES].sort(),
      );
      expect(subscriptions()).toHaveLength(1);
    });

    it('keeps the secret encrypted in the database, readable only with the same key', async () => {
      const { ensure, store } = await setUp('the-right-key');
      await ensure();
      const [secret] = subscriptions()[0].secrets;
      const row = await store.getMeta('pagerduty:default:webhook-secrets');
      expect(row!.value).not.toContain(secret);
      const logger = mockServices.logger.mock();
      const sameKey = new WebhookSecretVault(store, logger, 'the-right-key');
      expect(await sameKey.list('default')).toEqual([secret]);
      const otherKey = new WebhookSecretVault(store, logger, 'another-key');
      expect(await otherKey.list('default')).toEqual([]);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('cannot be decrypted'),
      );
    });

    it('without an encryption key, keeps the secret in memory only', async () => {
      const { ensure, store, vault } = await setUp(null);
      await ensure();
      expect(await vault.list('default')).toEqual(subscriptions()[0].secrets);
      expect(
        await store.getMeta('pagerduty:default:webhook-secrets'),
      ).toBeUndefined();
    });

    it('takes plain-text secrets an earlier version stored out of the table', async () => {
      const { store } = await setUp();
      const legacy = JSON.stringify(['old-plain-secret']);
      const logger = mockServices.logger.mock();
      await store.setMeta('pagerduty:default:webhook-secrets', legacy);
      const encrypting = new WebhookSecretVault(store, logger, 'k');
      await encrypting.migratePlainText(['default']);
      const row = await store.getMeta('pagerduty:default:webhook-secrets');
      expect(row!.value).not.toContain('old-plain-secret');
      expect(await encrypting.list('default')).toEqual(['old-plain-secret']);

      await store.setMeta('pagerduty:default:webhook-secrets', legacy);
      const inMemory = new WebhookSecretVault(store, logger);
      await inMemory.migratePlainText(['default']);
      expect(
        await store.getMeta('pagerduty:default:webhook-secrets'),
      ).toBeUndefined();
      expect(await inMemory.list('default')).toEqual(['old-plain-secret']);
    });

    it('never creates a second one when the answer to the first was lost', async () => {
      const { ensure, webhooksSource } = await setUp();
      // PagerDuty made it, but the answer with its secret never arrived
      sim.webhooks.subscribe({
        url: URL,
        description: WEBHOOK_SUBSCRIPTION_DESCRIPTION,
        events: ['incident.triggered'],
        filter: { type: 'account_reference' },
      });
      expect(await ensure()).toBe('secret-unknown');
      expect(subscriptions()).toHaveLength(1);
      expect((await webhooksSource())?.lastError).toContain(
        'its secret is unknown here',
      );
    });

    it('re-enables a subscription PagerDuty disabled after rejected deliveries', async () => {
      const { ensure } = await setUp();
      await ensure();
      const [subscription] = subscriptions();
      subscription.temporarilyDisabled = true;
      expect(await ensure()).toBe('re-enabled');
      expect(subscription.temporarilyDisabled).toBe(false);
      expect(await ensure()).toBe('exists');
    });

    it('reports a disabled subscription the token may not re-enable', async () => {
      const { ensure, webhooksSource } = await setUp();
      await ensure();
      subscriptions()[0].temporarilyDisabled = true;
      await fetch(`${sim.url}/_control/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          endpoints: {
            '/webhook_subscriptions/{id}/enable': {
              mode: 'error',
              status: 403,
            },
          },
        }),
      });
      expect(await ensure()).toBe('cannot-re-enable');
      expect((await webhooksSource())?.lastError).toMatch(
        /disabled the webhook subscription .* could not be re-enabled \(PagerDuty answered 403/,
      );
    });
  });
});
