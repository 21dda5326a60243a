import { mockServices } from '@backstage/backend-test-utils';
import {
  PagerDutySimulator,
  startPagerDutySimulator,
} from '@internal/pagerduty-simulator';
import { createStatusStack } from '../__testUtils__/statusStack';
import { createTestDatabases } from '../__testUtils__/databases';
import { ensureWebhookSubscription } from './webhooks/ensureWebhookSubscription';
import { WebhookSecretVault } from './webhooks/WebhookSecretVault';
import { PAGERDUTY_OAUTH_SCOPES } from './auth/scopes';

jest.setTimeout(60_000);

/**
 * The real client and sync against the simulator, which refuses every request
 * PagerDuty's OpenAPI document does not allow: each endpoint the backend calls
 * is reached, and none refused.
 */
describe("the backend keeps PagerDuty's REST contract", () => {
  const databases = createTestDatabases();
  let sim: PagerDutySimulator;
  const app = {
    clientId: 'status-app',
    clientSecret: 'the-status-app-client-secret',
  };
  beforeEach(async () => {
    sim = await startPagerDutySimulator({
      seed: 17,
      historyDays: 1,
      // exactly the scopes the README lists: the simulator asks each
      // operation's `x-pd-requires-scope`, so a scope missing from the list
      // fails this test
      oauth: { apps: [{ ...app, scopes: [...PAGERDUTY_OAUTH_SCOPES] }] },
    });
  });
  afterEach(() => sim.close());

  it.each(databases.eachSupportedId())(
    'in every request of a sync and of the webhook subscription check, with an API key, a Bearer token and a Scoped OAuth app, on %p',
    async databaseId => {
      for (const tokenType of ['token', 'bearer', 'oauth'] as const) {
        const { store, sync, client } = await createStatusStack({
          knex: await databases.init(databaseId),
          pagerDutyUrl: sim.url,
          logger: mockServices.logger.mock(),
          ...(tokenType === 'oauth'
            ? { oauth: app }
            : { client: { tokenType } }),
        });
        sim.scenarios.start('auth-outage', {
          hold: true,
          startedSecondsAgo: 120,
        });
        sim.state.startMaintenance({
          services: ['search-service'],
          minutes: 30,
        });
        const closing = sim.state.trigger({ service: 'cart-api', title: 'x' });
        await sync.syncOnce();
        sim.state.resolve(closing.id);
        const result = await sync.syncOnce();
        expect(result.parts.filter(p => !p.ok)).toEqual([]);

        const vault = new WebhookSecretVault(store, mockServices.logger.mock());
        const ensure = () =>
          ensureWebhookSubscription({
            account: 'default',
            client,
            store,
            vault,
            url: `http://127.0.0.1:7007/api/status/webhooks/pagerduty/${tokenType}`,
            logger: mockServices.logger.mock(),
          });
        expect(await ensure()).toBe('created');
        for (const subscription of sim.state.webhookSubscriptions.values())
          subscription.temporarilyDisabled = true;
        expect(await ensure()).toBe('re-enabled');
      }

      expect(sim.refusedRequests).toEqual([]);
      expect([...sim.operationsRequested].sort()).toEqual([
        'GET /business_services',
        'GET /change_events',
        'GET /incidents',
        'GET /incidents/{id}',
        'GET /incidents/{id}/alerts',
        'GET /incidents/{id}/log_entries',
        'GET /incidents/{id}/notes',
        'GET /maintenance_windows',
        'GET /oncalls',
        'GET /service_dependencies/technical_services/{id}',
        'GET /services',
        'GET /webhook_subscriptions',
        'POST /analytics/raw/incidents',
        'POST /webhook_subscriptions',
        'POST /webhook_subscriptions/{id}/enable',
      ]);
    },
  );
});
